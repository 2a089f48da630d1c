"""Every read of the BOB procedure, with the visibility rules; import from here."""

from .actions import *  # noqa: F403
from .assessments import *  # noqa: F403
from .case_documents import *  # noqa: F403
from .documents import *  # noqa: F403
from .dossier import *  # noqa: F403
from .dossier_requests import *  # noqa: F403
from .estimates import *  # noqa: F403
from .minutes import *  # noqa: F403
from .sessions import *  # noqa: F403
