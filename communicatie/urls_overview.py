"""/communicatie/ (overview), /communicatie/goedkeuren/ (approval queue) and the plan's PDF."""

from django.urls import path

from communicatie.views import approvals, documents, overview

urlpatterns = [
    path("communicatie/", overview.OverviewView.as_view(), name="overview"),
    path("communicatie/goedkeuren/", approvals.ApprovalListView.as_view(), name="approvals"),
    path(
        "communicatie/uitingen/<uuid:uuid>/beslissen/",
        approvals.MessageDecideView.as_view(),
        name="message_decide",
    ),
    path(
        "casussen/<uuid:uuid>/communicatie/plan.pdf",
        documents.PlanPdfView.as_view(),
        name="plan_pdf",
    ),
]
