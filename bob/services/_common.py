"""What every BOB service needs: the locked session and the rule that a runner edits it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from kernteam import services as kernteam_services
from kernteam.models import Session
from kernteam.permissions import can_run_session
from kernteam.workflow import SessionStatus

# Steps are filled while the session runs; during a pause the runner is left (read-only).
EDITABLE_STATUSES = frozenset({SessionStatus.BEZIG})
MAX_TEXT = 4000


def locked_session(session_uuid) -> Session:
    """The session row, locked: saves of one session are serialised (numbering, versions)."""
    try:
        return kernteam_services.session_lock(session_uuid)
    except Session.DoesNotExist as exc:
        raise PermissionDenied from exc


def require_runner(user, session: Session) -> None:
    if not can_run_session(user, session):
        raise PermissionDenied


def require_running(session: Session) -> None:
    if session.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("De bijeenkomst is %(status)s; open haar eerst om verder te gaan.")
            % {"status": session.get_status_display().lower()},
            code="not_running",
        )


def clean_text(value, *, field: str, required: bool = False, message: str = "", limit=MAX_TEXT):
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: message or _("Dit veld is verplicht.")})
    if len(text) > limit:
        raise ValidationError(
            {
                field: _("Maximaal %(limit)s tekens, het zijn er %(n)s.")
                % {"limit": limit, "n": len(text)}
            }
        )
    return text
