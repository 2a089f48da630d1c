"""The coördinator's triage: status changes one by one and in bulk from the inbox."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from samos.accounts.permissions import RoleRequiredMixin
from signals import selectors, services
from signals.forms import (
    BulkTriageForm,
    StatusForm,
)
from signals.permissions import (
    TRIAGE_ROLES,
)

from ._common import PAGE_SIZE


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
