"""Correcting and withdrawing a signal: its author shortly after logging, the coördinator
at any time (signals.permissions.can_edit / can_withdraw)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from samos.accounts.permissions import RoleRequiredMixin
from samos.core.forms import add_service_errors
from signals import selectors, services
from signals.forms import SignalEditForm, WithdrawForm
from signals.permissions import (
    LOG_ROLES,
    can_edit,
    can_triage,
    can_withdraw,
    correction_deadline,
)

TOO_LATE = gettext_lazy(
    "U kunt dit signaal niet meer zelf wijzigen: de tijd daarvoor is voorbij of het hoort al "
    "bij een casus. Vraag de coördinator om het aan te passen; uw tekst staat hieronder nog."
)


class _SignalFormView(RoleRequiredMixin, FormView):
    allowed_roles = LOG_ROLES
    allowed = staticmethod(can_edit)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.signal = selectors.signal_get_for(user=request.user, uuid=kwargs["uuid"])
            # A POST goes on to the service, which refuses with a message on the form: the
            # window may close while someone types, and their text must not be lost.
            if request.method != "POST" and not self.allowed(request.user, self.signal):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            self.call_service(form.cleaned_data)
        except PermissionDenied:
            form.add_error(None, TOO_LATE)
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.done_message)
        return redirect(self.signal)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            signal=self.signal,
            deadline=correction_deadline(self.signal),
            can_triage=can_triage(self.request.user),
            **kwargs,
        )


class SignalEditView(_SignalFormView):
    form_class = SignalEditForm
    template_name = "signals/signal_edit.html"
    done_message = gettext_lazy("Het signaal is bijgewerkt.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "signal": self.signal}

    def call_service(self, data):
        services.signal_update(
            user=self.request.user,
            signal_uuid=self.signal.uuid,
            values={name: data[name] for name in services.EDITABLE_FIELDS if name in data},
            themes=data["themes"],
            expected_updated_at=data.get("version"),
            request=self.request,
        )


class SignalWithdrawView(_SignalFormView):
    form_class = WithdrawForm
    template_name = "signals/signal_withdraw.html"
    allowed = staticmethod(can_withdraw)
    done_message = gettext_lazy("Het signaal is ingetrokken. De reden staat erbij.")

    def call_service(self, data):
        services.signal_withdraw(
            user=self.request.user,
            signal_uuid=self.signal.uuid,
            reason=data["reason"],
            request=self.request,
        )
