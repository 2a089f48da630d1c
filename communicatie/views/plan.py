"""The communication page of a case (/casussen/<uuid>/communicatie/): the plan, its
messages, the checklist, and what the sessions said about communication; the plan's
edit form and its history; the adopted besluitenlijsten the adviser may read."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import View

from bob import selectors as bob_selectors
from bob.documents import decision_list_filename
from communicatie import selectors, services
from communicatie.models import ChecklistItem
from communicatie.permissions import (
    PLAN_READ_ROLES,
    PLAN_WRITE_ROLES,
    can_edit_plan,
    can_propose_message,
)
from communicatie.workflow import MessageStatus
from kernteam import selectors as kernteam_selectors
from samos.accounts.permissions import RoleRequiredMixin, record_denied
from samos.audit.services import audit_record
from samos.core.forms import add_service_errors
from samos.documents.responses import stored_pdf_response


def _sessions(case) -> list[dict]:
    records = bob_selectors.communication_records_for_case(case=case)
    lists = bob_selectors.adopted_decision_lists_for_case(case=case)
    return [
        {
            "session": session,
            "record": records.get(session.pk),
            "decision_list": lists.get(session.pk),
        }
        for session in kernteam_selectors.sessions_of_case(case=case)
    ]


def _group_messages(messages) -> dict:
    """Messages split in what is still underway and what is done (out or withdrawn)."""
    underway = [
        m
        for m in messages
        if m.status
        not in (MessageStatus.VERSTUURD, MessageStatus.GEHOUDEN, MessageStatus.INGETROKKEN)
    ]
    return {"underway": underway, "done": [m for m in messages if m not in underway]}


class PlanView(RoleRequiredMixin, View):
    """GET /casussen/<uuid>/communicatie/."""

    allowed_roles = PLAN_READ_ROLES
    template_name = "communicatie/plan_detail.html"

    def get(self, request, uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        plan = selectors.plan_of(case=case)
        messages = list(selectors.messages_for_case(case=case))
        return render(
            request,
            self.template_name,
            {
                "case": case,
                "plan": plan,
                "has_plan": plan is not None and plan.version > 0,
                "message_groups": _group_messages(messages),
                "message_count": len(messages),
                "checklist": selectors.checklist_for_case(case=case),
                "sessions": _sessions(case),
                "judgements": selectors.judgements_for_case(case=case),
                "can_edit_plan": can_edit_plan(request.user),
                "can_propose": can_propose_message(request.user),
            },
        )


class PlanEditView(RoleRequiredMixin, View):
    """GET/POST /casussen/<uuid>/communicatie/bewerken/: the whole plan in one form,
    optimistically locked (a stale save keeps the typed text and says so)."""

    allowed_roles = PLAN_WRITE_ROLES
    template_name = "communicatie/plan_form.html"

    def get(self, request, uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        plan = services.plan_for_case(case=case)
        return self._render(case, self._form(plan))

    def post(self, request, uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        plan = services.plan_for_case(case=case)
        form = self._form(plan, data=request.POST)
        if form.is_valid():
            try:
                services.plan_update(
                    actor=request.user,
                    case=case,
                    expected_version=form.cleaned_data["version"],
                    values=form.values(),
                    groups=form.group_entries(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flash.success(request, _("Het communicatieplan is opgeslagen."))
                return redirect("communicatie:plan", uuid=case.uuid)
        return self._render(case, form)

    def _form(self, plan, data=None):
        from communicatie.forms.plan import PlanForm  # shared with the runner's plan block

        return PlanForm(
            target_groups=selectors.active_target_groups(), plan=plan, data=data, with_approver=True
        )

    def _render(self, case, form):
        return render(self.request, self.template_name, {"case": case, "form": form})


class PlanHistoryView(RoleRequiredMixin, View):
    """GET /casussen/<uuid>/communicatie/geschiedenis/: every version, who, when, what."""

    allowed_roles = PLAN_READ_ROLES
    template_name = "communicatie/plan_history.html"

    def get(self, request, uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        plan = selectors.plan_of(case=case)
        history = selectors.plan_history(plan=plan) if plan else []
        return render(request, self.template_name, {"case": case, "plan": plan, "history": history})


class ChecklistView(RoleRequiredMixin, View):
    """POST /casussen/<uuid>/communicatie/checklist/: tick or untick one point."""

    allowed_roles = PLAN_WRITE_ROLES
    http_method_names = ["post"]

    def post(self, request, uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        point = request.POST.get("punt", "")
        item = (
            ChecklistItem.objects.filter(pk=int(point), is_active=True).first()
            if point.isdigit()
            else None
        )
        if item is None:
            flash.error(request, _("Dat punt staat niet (meer) op de checklist."))
        else:
            try:
                services.checklist_set(
                    actor=request.user, case=case, item=item, done=request.POST.get("gedaan") == "1"
                )
            except PermissionDenied:
                record_denied(request, reason="checklist")
                raise
        return redirect(reverse("communicatie:plan", kwargs={"uuid": case.uuid}) + "#checklist")


class DecisionListPdfView(RoleRequiredMixin, View):
    """GET /casussen/<uuid>/communicatie/besluitenlijst/<session>.pdf: an adopted
    besluitenlijst of the case, byte for byte as stored — the adviser reads these without
    reading the sessions (the list cites signals by count only)."""

    allowed_roles = PLAN_READ_ROLES

    def get(self, request, uuid, session_uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        lists = bob_selectors.adopted_decision_lists_for_case(case=case)
        session = kernteam_selectors.sessions_of_case(case=case).filter(uuid=session_uuid).first()
        decision_list = lists.get(session.pk) if session else None
        if decision_list is None:
            raise Http404
        audit_record(
            action="besluitenlijst.gedownload", actor=request.user, obj=session, request=request
        )
        return stored_pdf_response(
            request,
            decision_list.document,
            filename=decision_list_filename(decision_list.snapshot),
            back_url=reverse("communicatie:plan", kwargs={"uuid": case.uuid}),
        )
