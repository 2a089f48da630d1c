from django.urls import path

from kernteam import views

app_name = "kernteam"

urlpatterns = [
    path("casussen/", views.CaseListView.as_view(), name="case_list"),
    path("casussen/nieuw/", views.CaseCreateView.as_view(), name="case_create"),
    path("casussen/<uuid:uuid>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("casussen/<uuid:uuid>/fase/", views.CasePhaseView.as_view(), name="case_phase"),
    path(
        "casussen/<uuid:uuid>/besloten/",
        views.CaseConfidentialView.as_view(),
        name="case_confidential",
    ),
    # Exercises: the facilitator's material and the exercise's own evaluation.
    path(
        "casussen/<uuid:uuid>/oefening/", views.ExerciseDetailView.as_view(), name="exercise_detail"
    ),
    path(
        "casussen/<uuid:uuid>/oefening/vorm/",
        views.ExerciseSetFormView.as_view(),
        name="exercise_set_form",
    ),
    path(
        "casussen/<uuid:uuid>/oefening/signalen/",
        views.ExerciseSignalAddView.as_view(),
        name="exercise_signal_add",
    ),
    path(
        "casussen/<uuid:uuid>/oefening/injects/",
        views.ExerciseInjectAddView.as_view(),
        name="exercise_inject_add",
    ),
    path(
        "casussen/<uuid:uuid>/oefening/injects/<uuid:inject_uuid>/tonen/",
        views.ExerciseInjectReleaseView.as_view(),
        name="exercise_inject_release",
    ),
    path(
        "casussen/<uuid:uuid>/oefening/gegeven/",
        views.ExerciseGivenView.as_view(),
        name="exercise_given",
    ),
    path(
        "casussen/<uuid:uuid>/oefening/evaluatie/",
        views.ExerciseEvaluateView.as_view(),
        name="exercise_evaluate",
    ),
    path(
        "casussen/signaal/<uuid:signal_uuid>/koppelen/",
        views.SignalLinkView.as_view(),
        name="signal_link",
    ),
    path(
        "casussen/<uuid:uuid>/signalen/<uuid:signal_uuid>/ontkoppelen/",
        views.SignalUnlinkView.as_view(),
        name="signal_unlink",
    ),
    path(
        "casussen/<uuid:uuid>/bijeenroepen/",
        views.SessionConveneView.as_view(),
        name="session_convene",
    ),
    path(
        "bijeenkomsten/<uuid:uuid>/voorbereiding/",
        views.SessionPrepareView.as_view(),
        name="session_prepare",
    ),
    path(
        "bijeenkomsten/<uuid:uuid>/aanwezigheid/",
        views.SessionAttendanceView.as_view(),
        name="session_attendance",
    ),
    path(
        "bijeenkomsten/<uuid:uuid>/derden/",
        views.SessionAddGuestView.as_view(),
        name="session_add_guest",
    ),
]
