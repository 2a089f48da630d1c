"""Linking signals to an existing case, and unlinking them (each link keeps who and when)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from kernteam import selectors, services
from kernteam.permissions import CASE_EDIT_ROLES
from kernteam.workflow import CaseStatus
from samos.accounts.permissions import RoleRequiredMixin
from signals import selectors as signal_selectors


class LinkToCaseForm(forms.Form):
    case = forms.ModelChoiceField(
        label=gettext_lazy("Aan welke open casus koppelt u dit signaal?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": gettext_lazy("Kies een casus.")},
    )

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases


class SignalLinkView(RoleRequiredMixin, View):
    """GET/POST /casussen/signaal/<signal uuid>/koppelen/: pick an open case for a signal."""

    allowed_roles = CASE_EDIT_ROLES
    template_name = "kernteam/signal_link.html"

    def _render(self, request, signal, form):
        return render(request, self.template_name, {"signal": signal, "form": form})

    def _cases(self, request, signal):
        return (
            selectors.case_list_visible_for(user=request.user)
            .filter(status=CaseStatus.OPEN)
            .exclude(signals=signal)
            .order_by("-opened_at")
        )

    def get(self, request, signal_uuid):
        signal = signal_selectors.signal_get_for(user=request.user, uuid=signal_uuid)
        return self._render(request, signal, LinkToCaseForm(cases=self._cases(request, signal)))

    def post(self, request, signal_uuid):
        signal = signal_selectors.signal_get_for(user=request.user, uuid=signal_uuid)
        form = LinkToCaseForm(request.POST, cases=self._cases(request, signal))
        if not form.is_valid():
            return self._render(request, signal, form)
        case = form.cleaned_data["case"]
        try:
            services.case_link_signal(
                user=request.user, case_uuid=case.uuid, signal_uuid=signal.uuid, request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, signal, form)
        messages.success(request, _("Het signaal is aan de casus gekoppeld."))
        return redirect(case.get_absolute_url())


class SignalUnlinkView(RoleRequiredMixin, View):
    """POST /casussen/<uuid>/signalen/<signal uuid>/ontkoppelen/."""

    allowed_roles = CASE_EDIT_ROLES
    http_method_names = ["post"]

    def post(self, request, uuid, signal_uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        # An exercise may let go of its own fictitious signals too.
        signal = signal_selectors.signal_get_for(
            user=request.user, uuid=signal_uuid, include_exercise=case.is_exercise
        )
        services.case_unlink_signal(
            user=request.user, case_uuid=case.uuid, signal_uuid=signal.uuid, request=request
        )
        messages.success(request, _("Het signaal is losgekoppeld van de casus."))
        return redirect(case.get_absolute_url())
