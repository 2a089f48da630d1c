"""The coördinator's triage: status changes one by one and in bulk from the inbox."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View

from samos.accounts.permissions import RoleRequiredMixin
from samos.core.links import links_for
from samos.core.seek import capped_count, seek_page
from signals import selectors, services
from signals.forms import (
    BulkTriageForm,
    StatusForm,
)
from signals.permissions import (
    TRIAGE_ROLES,
)

from ._common import NOTHING_CHOSEN, PAGE_SIZE, case_url_for_selection
from .signal_pages import SignalDetailView


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
                return self._again(request, signal, error.messages)
            if request.POST.get("daarna") == "volgende":
                following = selectors.next_in_inbox(user=request.user, after=signal)
                if following is not None:
                    return redirect(following)
                messages.info(request, _("Dat was het laatste nieuwe signaal in de inbox."))
                return redirect("signals:inbox")
            return redirect(signal)
        return self._again(request, signal, [_("Kies een geldige status.")])

    def _again(self, request, signal, errors):
        """The signal page again, with the messages above the form and what was typed in
        it: a failed triage keeps the coördinator where they were."""
        page = SignalDetailView()
        page.setup(request, uuid=signal.uuid)
        context = page.get_context_data(
            status_errors=errors,
            typed_status=request.POST.get("status", ""),
            typed_reason=request.POST.get("reason", "")[:200],
        )
        return page.render_to_response(context)


class SignalInboxView(RoleRequiredMixin, TemplateView):
    """Unreviewed signals, oldest first, with bulk triage."""

    allowed_roles = TRIAGE_ROLES
    template_name = "signals/signal_inbox.html"

    def get_context_data(self, **kwargs):
        inbox = selectors.signal_inbox_for(user=self.request.user)
        page = seek_page(
            inbox,
            ordering=selectors.INBOX_ORDERING,
            params=self.request.GET,
            size=PAGE_SIZE,
            salt="inbox",
        )
        return super().get_context_data(
            page=page,
            count=capped_count(inbox),
            query_string=page.query_string,
            actions=BulkTriageForm.ACTIONS,
            selection_links=links_for("signals", self.request.user, ()),
            **{"chosen": set(), **kwargs},
        )

    def _again(self, request, errors):
        """The inbox again with the errors on top, the same signals ticked and the same
        action and reason: nothing the coördinator chose or typed is lost."""
        return self.render_to_response(
            self.get_context_data(
                bulk_errors=errors,
                chosen=set(request.POST.getlist("signals")),
                typed_action=request.POST.get("action", ""),
                typed_reason=request.POST.get("reason", "")[:200],
            )
        )

    def post(self, request):
        uuids = request.POST.getlist("signals")
        form = BulkTriageForm(request.POST, signal_uuids=uuids)
        if "open_case" in request.POST:
            return self._open_case(request)
        if not form.is_valid():
            return self._again(request, [m for errors in form.errors.values() for m in errors])
        try:
            done = services.signal_bulk_set_status(
                user=request.user,
                signal_uuids=form.cleaned_data["signals"],
                status=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            return self._again(request, error.messages)
        messages.success(
            request,
            ngettext("%(count)d signaal bijgewerkt.", "%(count)d signalen bijgewerkt.", done)
            % {"count": done},
        )
        return redirect("signals:inbox")

    def _open_case(self, request):
        """One case from the ticked signals: the kernteam app's form, prefilled from them."""
        url = case_url_for_selection(
            request.user, request.POST.getlist("signals"), request.POST.get("open_case", "1")
        )
        if url is None:
            return self._again(request, [NOTHING_CHOSEN])
        return redirect(url)
