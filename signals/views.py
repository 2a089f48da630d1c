"""Views of the signals app: parse input, call one service or selector, render."""

import uuid as uuid_lib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samos.accounts.permissions import RoleRequiredMixin
from samos.audit.services import audit_record

from . import selectors, services
from .export import stream_csv, xlsx_response
from .export_columns import export_columns
from .filters import SignalFilter
from .forms import (
    AttentionRequestForm,
    BulkTriageForm,
    ConfirmationForm,
    SignalForm,
    StatusForm,
)
from .permissions import (
    ATTENTION_MANAGE_ROLES,
    LOG_ROLES,
    TRIAGE_ROLES,
    VIEW_ROLES,
    can_confirm,
    can_manage_attention_requests,
    can_triage,
)
from .uploads import attachment_response
from .uploads.limits import oversized_uploads
from .workflow import ALLOWED_TRANSITIONS, SignalStatus

PAGE_SIZE = 50


def _is_uuid(value: str) -> bool:
    try:
        uuid_lib.UUID(value)
    except ValueError:
        return False
    return True


def _form_errors_from(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, next to the fields it names."""
    if hasattr(error, "message_dict"):
        for field, field_messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in field_messages:
                form.add_error(target, message)
    else:
        form.add_error(None, error)


class SignalCreateView(RoleRequiredMixin, FormView):
    allowed_roles = LOG_ROLES
    form_class = SignalForm
    template_name = "signals/signal_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["oversized_files"] = oversized_uploads(self.request)
        wanted = self.request.GET.get("aandachtsverzoek")
        if wanted and self.request.method == "GET":
            kwargs.setdefault("initial", {})
            match = (
                selectors.attention_request_list_visible_for(user=self.request.user, only_open=True)
                .filter(uuid=wanted if _is_uuid(wanted) else None)
                .first()
            )
            if match is not None:
                kwargs["initial"]["attention_request"] = match.pk
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open_attention_requests=selectors.attention_request_list_visible_for(
                user=self.request.user, only_open=True
            ),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            signal = services.signal_create(
                author=self.request.user,
                observation=data["observation"],
                impression=data["impression"],
                observed_at=data["observed_at"],
                area=data["area"],
                themes=data["themes"],
                source_kind=data["source_kind"],
                channel=data["channel"],
                urgency=data["urgency"],
                confidentiality=data["confidentiality"],
                contains_personal_data=data["contains_personal_data"],
                submission_token=data["submission_token"],
                attachments=data["attachments"],
                attention_request=data.get("attention_request"),
                request=self.request,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Dank u. Het signaal is opgeslagen."))
        return redirect(signal)

    def form_invalid(self, form):
        if self.request.FILES:
            messages.warning(
                self.request,
                _("Uw tekst is bewaard. Kies de bijlagen opnieuw: een browser onthoudt ze niet."),
            )
        return super().form_invalid(form)


class SignalListView(RoleRequiredMixin, TemplateView):
    allowed_roles = VIEW_ROLES
    template_name = "signals/signal_list.html"

    def get_context_data(self, **kwargs):
        queryset = selectors.signal_list_visible_for(user=self.request.user)
        signal_filter = SignalFilter(self.request.GET, queryset=queryset)
        page = Paginator(signal_filter.qs, PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        query = self.request.GET.copy()
        query.pop("pagina", None)
        return super().get_context_data(
            filter=signal_filter,
            page=page,
            query_string=query.urlencode(),
            can_triage=can_triage(self.request.user),
            **kwargs,
        )


class SignalDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = VIEW_ROLES
    template_name = "signals/signal_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        signal = selectors.signal_get_for(user=user, uuid=self.kwargs["uuid"])
        if signal.is_sensitive:
            audit_record(action="signaal.bekeken", actor=user, obj=signal, request=self.request)
        return super().get_context_data(
            signal=signal,
            confirmations=selectors.confirmation_list_for(signal=signal),
            attachments=signal.attachments.all(),
            can_confirm=can_confirm(user, signal)
            and not selectors.has_confirmed(user=user, signal=signal),
            can_triage=can_triage(user),
            status_form=StatusForm(),
            next_statuses=[
                (status, SignalStatus(status).label)
                for status in sorted(ALLOWED_TRANSITIONS[signal.status])
            ],
            **kwargs,
        )


class SignalConfirmView(RoleRequiredMixin, FormView):
    allowed_roles = LOG_ROLES
    form_class = ConfirmationForm
    template_name = "signals/confirmation_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.signal = selectors.signal_get_for(user=request.user, uuid=kwargs["uuid"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(signal=self.signal, **kwargs)

    def form_valid(self, form):
        try:
            services.signal_confirm(
                user=self.request.user,
                signal_uuid=self.signal.uuid,
                observation=form.cleaned_data["observation"],
                request=self.request,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Dank u. Uw bevestiging is toegevoegd."))
        return redirect(self.signal)


class SignalStatusView(RoleRequiredMixin, View):
    allowed_roles = TRIAGE_ROLES
    http_method_names = ["post"]

    def post(self, request, uuid):
        signal = selectors.signal_get_for(user=request.user, uuid=uuid)
        form = StatusForm(request.POST)
        if form.is_valid():
            try:
                services.signal_set_status(
                    user=request.user,
                    signal_uuid=signal.uuid,
                    status=form.cleaned_data["status"],
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
                messages.success(request, _("De status is gewijzigd."))
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
        else:
            messages.error(request, _("Kies een geldige status."))
        return redirect(signal)


class SignalInboxView(RoleRequiredMixin, TemplateView):
    """Unreviewed signals, oldest first, with bulk triage."""

    allowed_roles = TRIAGE_ROLES
    template_name = "signals/signal_inbox.html"

    def get_context_data(self, **kwargs):
        inbox = selectors.signal_inbox_for(user=self.request.user)
        page = Paginator(inbox, PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(page=page, actions=BulkTriageForm.ACTIONS, **kwargs)

    def post(self, request):
        uuids = request.POST.getlist("signals")
        form = BulkTriageForm(request.POST, signal_uuids=uuids)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return redirect("signals:inbox")
        try:
            done = services.signal_bulk_set_status(
                user=request.user,
                signal_uuids=form.cleaned_data["signals"],
                status=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("signals:inbox")
        messages.success(request, _("%(count)d signalen bijgewerkt.") % {"count": done})
        return redirect("signals:inbox")


class AttachmentDownloadView(RoleRequiredMixin, View):
    allowed_roles = VIEW_ROLES

    def get(self, request, uuid, attachment_uuid):
        signal = selectors.signal_get_for(user=request.user, uuid=uuid)
        attachment = selectors.attachment_get_for(signal=signal, uuid=attachment_uuid)
        audit_record(action="bijlage.gedownload", actor=request.user, obj=signal, request=request)
        return attachment_response(
            path=attachment.path,
            download_name=attachment.download_name,
            content_type=attachment.content_type,
        )


class AttentionRequestListView(RoleRequiredMixin, TemplateView):
    allowed_roles = LOG_ROLES
    template_name = "signals/attentionrequest_list.html"

    def get_context_data(self, **kwargs):
        requests = list(selectors.attention_request_list_visible_for(user=self.request.user))
        return super().get_context_data(
            open_requests=[r for r in requests if r.is_open],
            closed_requests=[r for r in requests if not r.is_open][:20],
            can_manage=can_manage_attention_requests(self.request.user),
            **kwargs,
        )


class AttentionRequestCreateView(RoleRequiredMixin, FormView):
    allowed_roles = ATTENTION_MANAGE_ROLES
    form_class = AttentionRequestForm
    template_name = "signals/attentionrequest_form.html"

    def form_valid(self, form):
        try:
            attention = services.attention_request_create(
                user=self.request.user, request=self.request, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors_from(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Het aandachtsverzoek staat uit bij het netwerk."))
        return redirect(attention)


class AttentionRequestDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = LOG_ROLES
    template_name = "signals/attentionrequest_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        attention = selectors.attention_request_get_for(user=user, uuid=self.kwargs["uuid"])
        answers = selectors.signal_list_visible_for(user=user).filter(attention_request=attention)
        return super().get_context_data(
            attention=attention,
            answers=answers[:50],
            can_manage=can_manage_attention_requests(user),
            **kwargs,
        )


class AttentionRequestCloseView(RoleRequiredMixin, View):
    allowed_roles = ATTENTION_MANAGE_ROLES
    http_method_names = ["post"]

    def post(self, request, uuid):
        attention = services.attention_request_close(
            user=request.user, attention_uuid=uuid, request=request
        )
        messages.success(request, _("Het aandachtsverzoek is gesloten."))
        return redirect(attention)


class SignalDeleteView(RoleRequiredMixin, TemplateView):
    """Ask for confirmation, then delete the signal with its files."""

    allowed_roles = TRIAGE_ROLES
    template_name = "signals/signal_confirm_delete.html"

    def get_context_data(self, **kwargs):
        signal = selectors.signal_get_for(user=self.request.user, uuid=self.kwargs["uuid"])
        return super().get_context_data(signal=signal, **kwargs)

    def post(self, request, uuid):
        services.signal_delete(user=request.user, signal_uuid=uuid, request=request)
        messages.success(request, _("Het signaal en zijn bijlagen zijn verwijderd."))
        return redirect("signals:signal_list")


class SignalExportView(RoleRequiredMixin, View):
    """The filtered list as CSV (streamed) or XLSX: the same filter, the same visibility."""

    allowed_roles = VIEW_ROLES

    def get(self, request, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        queryset = selectors.signal_list_visible_for(user=request.user)
        rows = SignalFilter(request.GET, queryset=queryset).qs.order_by("-observed_at", "-id")
        columns = export_columns()
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        audit_record(
            action="signalen.geexporteerd",
            actor=request.user,
            request=request,
            details={"formaat": fmt, "filter": request.GET.urlencode()[:200]},
        )
        if fmt == "csv":
            return stream_csv(
                rows.iterator(chunk_size=2000), columns, filename=f"signalen-{stamp}.csv"
            )
        return xlsx_response(
            rows.iterator(chunk_size=2000),
            columns,
            filename=f"signalen-{stamp}.xlsx",
            sheet_title="Signalen",
        )
