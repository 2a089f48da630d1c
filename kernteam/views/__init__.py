"""Views of the kernteam app: parse input, call one service or selector, render.

cases: the case pages · sessions: convene, prepare, attendance, derden. Imported here so
`from kernteam import views` and `views.X` keep working in urls.py.
"""

from kernteam.views.cases import (
    CaseConfidentialView,
    CaseCreateView,
    CaseDetailView,
    CaseListView,
    CasePhaseView,
)
from kernteam.views.exercises import (
    ExerciseDetailView,
    ExerciseEvaluateView,
    ExerciseGivenView,
    ExerciseInjectAddView,
    ExerciseInjectReleaseView,
    ExerciseSetFormView,
    ExerciseSignalAddView,
)
from kernteam.views.sessions import (
    SessionAddGuestView,
    SessionAttendanceView,
    SessionConveneView,
    SessionPrepareView,
)
from kernteam.views.signal_links import SignalLinkView, SignalUnlinkView

__all__ = [
    "CaseConfidentialView",
    "CaseCreateView",
    "CaseDetailView",
    "CaseListView",
    "CasePhaseView",
    "ExerciseDetailView",
    "ExerciseEvaluateView",
    "ExerciseGivenView",
    "ExerciseInjectAddView",
    "ExerciseInjectReleaseView",
    "ExerciseSetFormView",
    "ExerciseSignalAddView",
    "SessionAddGuestView",
    "SignalLinkView",
    "SignalUnlinkView",
    "SessionAttendanceView",
    "SessionConveneView",
    "SessionPrepareView",
]
