"""The communication plan of a case: page, edit, history, checklist, besluitenlijsten."""

from django.urls import path

from communicatie.views import plan

C = "casussen/<uuid:uuid>/communicatie/"

urlpatterns = [
    path(C, plan.PlanView.as_view(), name="plan"),
    path(f"{C}bewerken/", plan.PlanEditView.as_view(), name="plan_edit"),
    path(f"{C}geschiedenis/", plan.PlanHistoryView.as_view(), name="plan_history"),
    path(f"{C}checklist/", plan.ChecklistView.as_view(), name="checklist"),
    path(
        f"{C}besluitenlijst/<uuid:session_uuid>.pdf",
        plan.DecisionListPdfView.as_view(),
        name="decision_list_pdf",
    ),
]
