"""Every write of the BOB procedure. One module per subject; import from here.

steps: the werkprotocol's step notes · information: informatieverzoeken · scenarios ·
decisions: decisions, the besluitenlijst and its adoption, effect reviews · actions:
SMART actions and their progress · case_documents: filing stored PDFs for /stukken/ ·
dossier_requests: the case dossier, requested and rendered in a task.
"""

from .actions import *  # noqa: F403
from .assessments import *  # noqa: F403
from .attention import *  # noqa: F403
from .case_documents import *  # noqa: F403
from .decisions import *  # noqa: F403
from .dossier_requests import *  # noqa: F403
from .information import *  # noqa: F403
from .minutes import *  # noqa: F403
from .scenarios import *  # noqa: F403
from .steps import *  # noqa: F403
