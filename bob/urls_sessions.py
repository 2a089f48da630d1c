"""The session runner at /bijeenkomsten/<uuid>/ and everything it posts to."""

from django.urls import path

from bob.views import decision_list, minutes, runner

S = "bijeenkomsten/<uuid:uuid>/"

session_patterns = [
    path(S, runner.SessionRunView.as_view(), name="session_run"),
    path(f"{S}stap/<slug:step>/", runner.StepSaveView.as_view(), name="session_step"),
    path(f"{S}injects/", runner.SessionInjectsView.as_view(), name="session_injects"),
    path(f"{S}openen/", runner.SessionStartView.as_view(), name="session_start"),
    path(f"{S}onderbreken/", runner.SessionPauseView.as_view(), name="session_pause"),
    path(f"{S}hervatten/", runner.SessionResumeView.as_view(), name="session_resume"),
    path(f"{S}afronden/", runner.SessionFinishView.as_view(), name="session_finish"),
    path(
        f"{S}informatieverzoeken/",
        runner.InformationRequestCreateView.as_view(),
        name="information_request_create",
    ),
    path(
        "informatieverzoeken/<uuid:uuid>/",
        runner.InformationRequestAnswerView.as_view(),
        name="information_request_answer",
    ),
    path(f"{S}scenarios/", runner.ScenarioCreateView.as_view(), name="scenario_create"),
    path(
        f"{S}scenarios/<uuid:scenario>/herzien/",
        runner.ScenarioReviewView.as_view(),
        name="scenario_review",
    ),
    path(f"{S}besluiten/", runner.DecisionCreateView.as_view(), name="decision_create"),
    path(
        f"{S}besluiten/<uuid:decision>/verwijderen/",
        runner.DecisionRemoveView.as_view(),
        name="decision_remove",
    ),
    path(
        f"{S}besluiten/<uuid:decision>/effect/",
        runner.DecisionReviewView.as_view(),
        name="decision_review",
    ),
    path(
        f"{S}vorige-besluitenlijst/",
        runner.AdoptPreviousListView.as_view(),
        name="adopt_previous_list",
    ),
    path(f"{S}fase/", runner.SessionPhaseView.as_view(), name="session_phase"),
    path(f"{S}casus-sluiten/", runner.SessionCloseCaseView.as_view(), name="session_close_case"),
    path(f"{S}volgende/", runner.NextSessionView.as_view(), name="session_plan_next"),
    path(f"{S}uitbreiden/lid/", runner.AddMemberView.as_view(), name="session_add_member"),
    path(f"{S}signaal-koppelen/", runner.NewSignalLinkView.as_view(), name="session_link_signal"),
    path(f"{S}uitbreiden/derde/", runner.AddGuestView.as_view(), name="session_widen_guest"),
    path(
        f"{S}besluitenlijst/",
        decision_list.DecisionListView.as_view(),
        name="decision_list",
    ),
    path(
        f"{S}besluitenlijst.pdf",
        decision_list.DecisionListPdfView.as_view(),
        name="decision_list_pdf",
    ),
    path(f"{S}verslag/", minutes.SessionMinutesView.as_view(), name="session_minutes"),
    path(
        f"{S}verslag/voorbereidingen/",
        minutes.SessionMinutesPreparationsView.as_view(),
        name="session_minutes_preparations",
    ),
    path(f"{S}verslag.pdf", minutes.SessionMinutesPdfView.as_view(), name="session_minutes_pdf"),
]
