"""Role checks for views: deny by default, one line per view.

    class SignalListView(RoleRequiredMixin, ListView):
        allowed_roles = {Role.COORDINATOR, Role.KERNTEAMLID}

A view that forgets `allowed_roles` fails loudly instead of opening up.
"""

from collections.abc import Iterable

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from samos.audit.models import AuditEvent
from samos.audit.services import audit_record


def record_denied(request, *, reason: str) -> None:
    audit_record(
        action="toegang.geweigerd",
        actor=request.user,
        request=request,
        result=AuditEvent.Result.DENIED,
        details={"pad": request.path[:200], "reden": reason},
    )


def user_has_any_role(user, roles: Iterable[str]) -> bool:
    return bool(user.is_authenticated and user.has_role(*roles))


class RoleRequiredMixin(LoginRequiredMixin):
    """Login plus at least one of `allowed_roles`; otherwise 403 and an audit event."""

    allowed_roles: Iterable[str] | None = None

    def dispatch(self, request, *args, **kwargs):
        if self.allowed_roles is None:
            raise ImproperlyConfigured(f"{type(self).__name__} must set allowed_roles.")
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not user_has_any_role(request.user, self.allowed_roles):
            record_denied(request, reason="rol")
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
