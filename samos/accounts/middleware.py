"""Session lifetime and two-factor enforcement for every request."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .mfa import mfa_satisfied, needs_device_setup

SESSION_STARTED_KEY = "samos_started_at"
SESSION_SEEN_KEY = "samos_seen_at"
# Write the "last seen" time at most once a minute, not on every request.
_SEEN_RESOLUTION = 60


class SessionLifetimeMiddleware:
    """Log out after SESSION_IDLE_TIMEOUT of inactivity or SESSION_ABSOLUTE_LIFETIME in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.setdefault(SESSION_STARTED_KEY, now)
            seen = session.get(SESSION_SEEN_KEY, started)
            idle = now - seen > settings.SESSION_IDLE_TIMEOUT
            too_old = now - started > settings.SESSION_ABSOLUTE_LIFETIME
            if idle or too_old:
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
                return redirect_to_login(request.get_full_path())
            if now - seen >= _SEEN_RESOLUTION:
                session[SESSION_SEEN_KEY] = now
        return self.get_response(request)


class MFARequiredMiddleware:
    """Every signed-in user must have passed a second factor (unless waived or SSO did it).

    Without a confirmed device the user is sent to set one up; with one, a session that
    was never verified is ended and the user logs in again through the two-step login.
    """

    # Pages an unverified user may still reach to finish setting up or to leave.
    _OPEN_URL_NAMES = (
        "two_factor:setup",
        "two_factor:qr",
        "two_factor:setup_complete",
        "two_factor:login",
        "accounts:logout",
        "set_language",
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: set[str] | None = None

    def _is_open(self, path: str) -> bool:
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in self._OPEN_URL_NAMES}
        return path in self._open_paths or path.startswith(settings.STATIC_URL)

    def __call__(self, request):
        if mfa_satisfied(request) or self._is_open(request.path):
            return self.get_response(request)
        if needs_device_setup(request.user):
            messages.info(
                request,
                _("Stel eerst tweestapsverificatie in. Dat is verplicht voor iedereen."),
            )
            return redirect("two_factor:setup")
        logout(request)
        return redirect_to_login(request.get_full_path())
