"""Aandachtsverzoeken: list, ask, read, close."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samos.accounts.permissions import RoleRequiredMixin
from samos.core.forms import add_service_errors
from signals import selectors, services
from signals.forms import (
    AttentionRequestForm,
)
from signals.permissions import (
    ATTENTION_MANAGE_ROLES,
    LOG_ROLES,
    can_manage_attention_requests,
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
            add_service_errors(form, error)
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
