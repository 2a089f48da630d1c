"""The user's own account page."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
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


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """GET/POST /wachtwoord-instellen/<uidb64>/<token>/: the user chooses their password
    from the link a beheerder had sent (samos.accounts.services.user_send_password_link)."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password_set_done")
    # Django's own: validate the token once, then continue on a token-less URL.
    reset_url_token = "instellen"  # noqa: S105 — a URL segment, not a secret


class PasswordSetDoneView(TemplateView):
    template_name = "accounts/password_set_done.html"
