"""Action pages: /acties/ and adding an action from a session or a case; and, like an
action outside a session, setting out an information request on a case."""

from django.urls import path

from bob.views import actions, information

action_patterns = [
    path("acties/", actions.ActionListView.as_view(), name="action_list"),
    path("acties/<uuid:uuid>/", actions.ActionDetailView.as_view(), name="action_detail"),
    path("acties/<uuid:uuid>/bewerken/", actions.ActionEditView.as_view(), name="action_edit"),
    path(
        "acties/<uuid:uuid>/voortgang/",
        actions.ActionProgressView.as_view(),
        name="action_progress",
    ),
    path(
        "bijeenkomsten/<uuid:uuid>/acties/nieuw/",
        actions.SessionActionCreateView.as_view(),
        name="session_action_create",
    ),
    path(
        "casussen/<uuid:uuid>/acties/nieuw/",
        actions.CaseActionCreateView.as_view(),
        name="case_action_create",
    ),
    path(
        "casussen/<uuid:uuid>/informatieverzoeken/nieuw/",
        information.CaseInformationRequestCreateView.as_view(),
        name="case_information_request_create",
    ),
]
