"""The start page, the outbox for beheerders, and the error pages."""

from django.http import Http404
from django.shortcuts import render
from django.views.generic import TemplateView

from samos.accounts.permissions import RoleRequiredMixin
from samos.accounts.roles import ALL_ROLES, Role

from . import dashboard
from .outbox import outbox_enabled, outbox_message, outbox_messages


class DashboardView(RoleRequiredMixin, TemplateView):
    """Start page: the panels the apps registered for the user's roles."""

    allowed_roles = ALL_ROLES
    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(panels=dashboard.panels_for(self.request), **kwargs)


class MenuView(RoleRequiredMixin, TemplateView):
    """The main menu as a page: where the phone's menu button leads without JavaScript."""

    allowed_roles = ALL_ROLES
    template_name = "core/menu.html"


class OutboxListView(RoleRequiredMixin, TemplateView):
    allowed_roles = {Role.BEHEERDER}
    template_name = "core/outbox_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            enabled=outbox_enabled(), mail_messages=outbox_messages(), **kwargs
        )


class OutboxDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = {Role.BEHEERDER}
    template_name = "core/outbox_detail.html"

    def get_context_data(self, **kwargs):
        message = outbox_message(self.kwargs["key"])
        if message is None:
            raise Http404
        return super().get_context_data(mail=message, **kwargs)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No context processors that could fail again: a plain template.
    return render(request, "500.html", status=500)
