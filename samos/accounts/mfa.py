"""The multi-factor rule: who must have passed a second factor in this session."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django_otp import user_has_device


def mfa_waived_for(user) -> bool:
    """Demo mode waives it for all; otherwise only roles listed in SAMOS_MFA_WAIVED_ROLES.

    A user with any role that is not waived still needs a second factor.
    """
    if settings.DEMO_MODE:
        return True
    waived = set(settings.MFA_WAIVED_ROLES)
    return bool(user.roles) and user.roles <= waived


def login_did_mfa(request) -> bool:
    """A trusted single sign-on backend did multi-factor authentication itself."""
    return request.session.get(BACKEND_SESSION_KEY) in set(settings.MFA_TRUSTED_BACKENDS)


def mfa_satisfied(request) -> bool:
    user = request.user
    if not user.is_authenticated:
        return True
    return user.is_verified() or login_did_mfa(request) or mfa_waived_for(user)


def needs_device_setup(user) -> bool:
    return not user_has_device(user, confirmed=True)
