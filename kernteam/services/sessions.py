"""The life of a session: start, pause ("tijdsonderbreking"), resume, finish, cancel, and
which werkprotocol step the runner is at. Every move follows SESSION_TRANSITIONS."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernteam.events import session_started
from kernteam.models import Session
from kernteam.permissions import can_convene, can_run_session
from kernteam.workflow import SessionKind, SessionStatus, session_can_move
from samos.audit.services import audit_record

__all__ = [
    "session_cancel",
    "session_close_case",
    "session_finish",
    "session_link_signal",
    "session_lock",
    "session_pause",
    "session_resume",
    "session_set_step",
    "session_start",
]


def session_lock(session_uuid) -> Session:
    """The session row, locked for the rest of the transaction: writes to one session
    (its status, steps, decision numbers) are serialised. Raises Session.DoesNotExist."""
    return Session.objects.select_for_update().select_related("case").get(uuid=session_uuid)


def _move(session: Session, target: str) -> None:
    if not session_can_move(session.status, target):
        raise ValidationError(
            _("Een bijeenkomst die %(status)s is, kan niet naar %(target)s.")
            % {
                "status": session.get_status_display().lower(),
                "target": SessionStatus(target).label.lower(),
            },
            code="transition",
        )
    session.status = target


def _require_runner(user, session: Session) -> None:
    if not can_run_session(user, session):
        raise PermissionDenied


@transaction.atomic
def session_start(*, user, session_uuid, request=None) -> Session:
    """The chair opens the session: the runner becomes editable."""
    session = session_lock(session_uuid)
    _require_runner(user, session)
    if not session.case.is_open:
        raise ValidationError(_("De casus is gesloten; er kan geen bijeenkomst meer beginnen."))
    _move(session, SessionStatus.BEZIG)
    first_start = session.started_at is None
    session.started_at = session.started_at or timezone.now()
    session.version += 1
    session.save(update_fields=["status", "started_at", "version"])
    audit_record(action="bijeenkomst.gestart", actor=user, obj=session, request=request)
    if first_start:
        session_started.send(sender=Session, session=session, user=user)
    return session


@transaction.atomic
def session_pause(
    *, user, session_uuid, resume_at: datetime | None, resume_location: str = "", request=None
) -> Session:
    """Tijdsonderbreking: leave the runner; the team meets again at RESUME_AT."""
    session = session_lock(session_uuid)
    _require_runner(user, session)
    if resume_at is None:
        raise ValidationError(
            {"resume_at": _("Spreek af wanneer het kernteam verder gaat met de beeldvorming.")}
        )
    if resume_at <= timezone.now():
        raise ValidationError({"resume_at": _("Kies een moment in de toekomst.")})
    _move(session, SessionStatus.GEPAUZEERD)
    session.resume_at = resume_at
    session.resume_location = resume_location.strip()[:200]
    session.version += 1
    session.save(update_fields=["status", "resume_at", "resume_location", "version"])
    audit_record(action="bijeenkomst.onderbroken", actor=user, obj=session, request=request)
    return session


@transaction.atomic
def session_resume(*, user, session_uuid, request=None) -> Session:
    session = session_lock(session_uuid)
    _require_runner(user, session)
    _move(session, SessionStatus.BEZIG)
    session.version += 1
    session.save(update_fields=["status", "version"])
    audit_record(action="bijeenkomst.hervat", actor=user, obj=session, request=request)
    return session


@transaction.atomic
def session_finish(*, user, session_uuid, request=None) -> Session:
    """Close the session; its besluitenlijst stays concept until it is adopted."""
    session = session_lock(session_uuid)
    _require_runner(user, session)
    _move(session, SessionStatus.AFGEROND)
    session.finished_at = timezone.now()
    session.version += 1
    session.save(update_fields=["status", "finished_at", "version"])
    audit_record(action="bijeenkomst.afgerond", actor=user, obj=session, request=request)
    return session


@transaction.atomic
def session_cancel(*, user, session_uuid, reason: str, request=None) -> Session:
    session = session_lock(session_uuid)
    if not (can_run_session(user, session) or (can_convene(user) and user == session.convened_by)):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Geef kort aan waarom de bijeenkomst niet doorgaat.")})
    _move(session, SessionStatus.GEANNULEERD)
    session.version += 1
    session.save(update_fields=["status", "version"])
    audit_record(
        action="bijeenkomst.geannuleerd",
        actor=user,
        obj=session,
        request=request,
        details={"reden": reason.strip()},
    )
    return session


@transaction.atomic
def session_set_step(*, user, session_uuid, step: str) -> Session:
    """Remember where the runner is, so a paused session resumes at the same step."""
    session = session_lock(session_uuid)
    _require_runner(user, session)
    if session.current_step != step:
        session.current_step = step[:40]
        session.save(update_fields=["current_step"])
    return session


def session_close_case(
    *, user, session_uuid, evaluation: str, expected_version: int | None = None, request=None
):
    """The laatste bijeenkomst closes its case with the evaluation (Handreiking A2.1)."""
    # Imported here: cases.py is the case's own module, this one only hands over.
    from kernteam.services.cases import case_close

    session = Session.objects.select_related("case").get(uuid=session_uuid)
    _require_runner(user, session)
    if session.kind != SessionKind.LAATSTE:
        raise ValidationError(_("Alleen een laatste bijeenkomst sluit de casus."))
    return case_close(
        user=user,
        case_uuid=session.case.uuid,
        evaluation=evaluation,
        expected_version=expected_version,
        request=request,
    )


@transaction.atomic
def session_link_signal(*, user, session_uuid, signal_uuid, request=None):
    """ "Wat is er nieuw?": whoever runs the session links a new signal to its case, so
    that a decision can cite it. The mayor chairing needs no case-editing role for it."""
    # Imported here: cases.py is the case's own module (and its linking rule).
    from kernteam.services.cases import _link
    from signals import selectors as signal_selectors

    session = Session.objects.select_related("case").get(uuid=session_uuid)
    _require_runner(user, session)
    case = session.case
    if not case.is_open:
        raise ValidationError(_("Een gesloten casus krijgt geen nieuwe signalen."))
    signal = signal_selectors.signal_get_for(user=user, uuid=signal_uuid)
    _link(case=case, signal=signal, user=user, request=request)
    return case
