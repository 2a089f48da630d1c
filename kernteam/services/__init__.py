"""Every write of the kernteam app. One module per subject; import from here.

cases: open, link signals, phase, close · sessions: the life of a session (start, pause,
resume, finish, cancel) · convening: convene and invite · preparations: vooraf per groepslid.
"""

from .cases import *  # noqa: F403
from .cases import StaleVersion  # noqa: F401
from .convening import *  # noqa: F403
from .preparations import *  # noqa: F403
from .sessions import *  # noqa: F403
