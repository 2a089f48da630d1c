"""Messages (uitingen): draft one for a case, read it with its history, change it, and
move it on — submit, record as sent or held, withdraw. Approving is the queue's job
(communicatie.views.approvals). On bad input the same page comes back with the message
next to the field and everything typed still there."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import View

from communicatie import selectors, services
from communicatie.forms.messages import MarkSentForm, MessageForm, VersionOnlyForm
from communicatie.permissions import (
    MESSAGE_PROPOSE_ROLES,
    PLAN_READ_ROLES,
    can_edit_message,
    can_manage_messages,
    is_approver_for,
)
from communicatie.workflow import MessageStatus
from samos.accounts.permissions import RoleRequiredMixin, record_denied
from samos.core.forms import add_service_errors


def _deny(request, reason="uiting"):
    record_denied(request, reason=reason)
    raise PermissionDenied


class MessageCreateView(RoleRequiredMixin, View):
    """GET/POST /casussen/<uuid>/communicatie/uitingen/nieuw/."""

    allowed_roles = MESSAGE_PROPOSE_ROLES
    template_name = "communicatie/message_form.html"

    def get(self, request, uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        plan = selectors.plan_of(case=case)
        initial = {"owner": request.user.pk}
        if plan is not None:
            initial["target_groups"] = [g.target_group_id for g in plan.groups.all()]
        return self._render(case, MessageForm(initial=initial))

    def post(self, request, uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                message = services.message_create(
                    actor=request.user,
                    case=case,
                    target_groups=form.cleaned_data["target_groups"],
                    **form.values(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flash.success(request, _("De uiting is opgeslagen als concept."))
                return redirect(message.get_absolute_url())
        return self._render(case, form)

    def _render(self, case, form):
        return render(
            self.request, self.template_name, {"case": case, "form": form, "message": None}
        )


def _detail_context(request, message, **forms) -> dict:
    user = request.user
    plan = selectors.plan_of(case=message.case)
    return {
        "case": message.case,
        "message": message,
        "versions": list(message.versions.all()),
        "can_edit": can_edit_message(user, message),
        "can_submit": message.status == MessageStatus.CONCEPT
        and (can_edit_message(user, message) or can_manage_messages(user)),
        "can_mark_sent": message.status == MessageStatus.GOEDGEKEURD
        and (can_manage_messages(user) or message.owner_id == user.pk),
        "can_withdraw": message.status
        in (MessageStatus.CONCEPT, MessageStatus.TER_GOEDKEURING, MessageStatus.GOEDGEKEURD)
        and (
            can_manage_messages(user)
            or (message.status == MessageStatus.CONCEPT and message.created_by_id == user.pk)
        ),
        "can_decide": message.status == MessageStatus.TER_GOEDKEURING
        and is_approver_for(user, plan),
        "submit_form": forms.get("submit_form")
        or VersionOnlyForm(initial={"version": message.version}, prefix="indienen"),
        "sent_form": forms.get("sent_form")
        or MarkSentForm(initial={"version": message.version}, prefix="verstuurd"),
        "withdraw_form": forms.get("withdraw_form")
        or VersionOnlyForm(initial={"version": message.version}, prefix="intrekken"),
    }


class MessageDetailView(RoleRequiredMixin, View):
    """GET /communicatie/uitingen/<uuid>/: the message, its status and every version."""

    allowed_roles = PLAN_READ_ROLES
    template_name = "communicatie/message_detail.html"

    def get(self, request, uuid):
        message = selectors.message_get_for(user=request.user, uuid=uuid)
        return render(request, self.template_name, _detail_context(request, message))


class MessageEditView(RoleRequiredMixin, View):
    """GET/POST /communicatie/uitingen/<uuid>/bewerken/."""

    allowed_roles = MESSAGE_PROPOSE_ROLES
    template_name = "communicatie/message_form.html"

    def _message(self, request, uuid):
        message = selectors.message_get_for(user=request.user, uuid=uuid)
        if not can_edit_message(request.user, message):
            _deny(request)
        return message

    def get(self, request, uuid):
        message = self._message(request, uuid)
        form = MessageForm(
            initial={
                "kind": message.kind_id,
                "title": message.title,
                "target_groups": [g.pk for g in message.target_groups.all()],
                "channel": message.channel,
                "planned_at": message.planned_at,
                "owner": message.owner_id,
                "text": message.text,
                "version": message.version,
            }
        )
        return self._render(message, form)

    def post(self, request, uuid):
        message = self._message(request, uuid)
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                message = services.message_update(
                    actor=request.user,
                    message=message,
                    expected_version=form.cleaned_data["version"],
                    target_groups=form.cleaned_data["target_groups"],
                    **form.values(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flash.success(request, _("De uiting is opgeslagen."))
                return redirect(message.get_absolute_url())
        return self._render(message, form)

    def _render(self, message, form):
        return render(
            self.request,
            self.template_name,
            {"case": message.case, "form": form, "message": message},
        )


class _MessageMoveView(RoleRequiredMixin, View):
    """A POST that moves a message on; on error the detail page comes back with it."""

    allowed_roles = PLAN_READ_ROLES
    http_method_names = ["post"]
    form_class = VersionOnlyForm
    form_name = ""
    prefix = ""
    success_message = ""

    def post(self, request, uuid):
        message = selectors.message_get_for(user=request.user, uuid=uuid)
        form = self.form_class(request.POST, prefix=self.prefix)
        if form.is_valid():
            try:
                self.perform(message, form.cleaned_data)
            except PermissionDenied:
                _deny(request)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flash.success(request, self.success_message)
                return redirect(message.get_absolute_url())
        message = selectors.message_get_for(user=request.user, uuid=uuid)
        return render(
            request,
            MessageDetailView.template_name,
            _detail_context(request, message, **{self.form_name: form}),
        )


class MessageSubmitView(_MessageMoveView):
    form_name, prefix = "submit_form", "indienen"

    @property
    def success_message(self):
        return _("De uiting is ter goedkeuring aangeboden. De burgemeester krijgt er bericht van.")

    def perform(self, message, data):
        services.message_submit(
            actor=self.request.user, message=message, expected_version=data["version"]
        )


class MessageMarkSentView(_MessageMoveView):
    form_class, form_name, prefix = MarkSentForm, "sent_form", "verstuurd"

    @property
    def success_message(self):
        return _("Vastgelegd dat de uiting de deur uit is.")

    def perform(self, message, data):
        services.message_mark_sent(
            actor=self.request.user,
            message=message,
            expected_version=data["version"],
            sent_at=data.get("sent_at"),
        )


class MessageWithdrawView(_MessageMoveView):
    form_name, prefix = "withdraw_form", "intrekken"

    @property
    def success_message(self):
        return _("De uiting is ingetrokken.")

    def perform(self, message, data):
        services.message_withdraw(
            actor=self.request.user, message=message, expected_version=data["version"]
        )
