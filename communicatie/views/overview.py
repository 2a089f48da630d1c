"""/communicatie/: across the open cases, what waits for approval, the gaps, and a
timeline per week of planned and sent messages."""

from django.shortcuts import render
from django.views.generic import View

from communicatie import selectors
from communicatie.permissions import PLAN_READ_ROLES, can_approve_any
from samos.accounts.permissions import RoleRequiredMixin


class OverviewView(RoleRequiredMixin, View):
    allowed_roles = PLAN_READ_ROLES
    template_name = "communicatie/overview.html"

    def get(self, request):
        overview = selectors.overview_for(user=request.user)
        return render(
            request,
            self.template_name,
            {**overview, "can_approve": can_approve_any(request.user)},
        )
