"""The user's own account page."""

from django.views.generic import TemplateView

from .mfa import needs_device_setup
from .permissions import RoleRequiredMixin
from .roles import ALL_ROLES, ROLE_DESCRIPTIONS, Role


class AccountView(RoleRequiredMixin, TemplateView):
    """Who am I here: name, organisation, roles and what they mean, two-factor status."""

    allowed_roles = ALL_ROLES
    template_name = "accounts/account_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        roles = [(Role(code).label, ROLE_DESCRIPTIONS[Role(code)]) for code in sorted(user.roles)]
        return super().get_context_data(
            roles=roles, has_device=not needs_device_setup(user), **kwargs
        )
