"""Convening a session and inviting its participants: members with an account and derden
without one. Invitations go out after commit, from a task, one mail per attendee, claimed
like a reminder (exactly once); a beat sweep sends what the queue or SMTP lost."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kernteam import ics, selectors
from kernteam.models import Attendee, Case, Session
from kernteam.permissions import can_convene, can_invite_guests, can_run_session
from kernteam.services.sessions import session_lock
from kernteam.workflow import AttendanceStatus, SessionKind, SessionStatus
from samos.audit.services import audit_record
from samos.core.queue import enqueue_on_commit
from samos.reminders.registry import NOTICE, Deadline
from samos.reminders.selectors import messages_sent_at
from samos.reminders.services import messages_send

__all__ = [
    "session_convene_follow_up",
    "attendance_record",
    "session_add_guest",
    "session_add_member",
    "session_convene",
    "session_invitations_send",
    "session_invitations_sweep",
]

logger = logging.getLogger(__name__)

AUDIT_ACTOR_LABEL = "systeem (uitnodigingen)"
_GUEST_LIMITS = {"name": 120, "organisation": 120, "role": 120}
_SUBJECT_MAX = 150


def _enqueue_invitations(session_id: int) -> None:
    # Imported here: the task module imports this one.
    from kernteam.tasks import send_session_invitations

    # Broker down: the session stands; sweep_unsent_invitations mails them later.
    enqueue_on_commit(send_session_invitations, session_id)


def _guest_fields(guest: Mapping) -> tuple[dict, dict]:
    """A derde as Attendee fields, and what is wrong with it keyed by name, organisation,
    role and email."""
    values = {key: str(guest.get(key) or "").strip() for key in (*_GUEST_LIMITS, "email")}
    errors: dict[str, str] = {}
    if not values["name"]:
        errors["name"] = _("Geef de naam van de derde.")
    for key, limit in _GUEST_LIMITS.items():
        if len(values[key]) > limit:
            errors[key] = _("Ten hoogste %(limit)s tekens.") % {"limit": limit}
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors["email"] = _("Dit is geen geldig e-mailadres.")
    fields = {
        "guest_name": values["name"],
        "guest_organisation": values["organisation"],
        "guest_role": values["role"],
        "guest_email": values["email"].lower(),
    }
    return fields, errors


def _check_when_and_where(
    errors: dict, *, starts_at: datetime | None, location: str, online_link: str
) -> None:
    if starts_at is None:
        errors["starts_at"] = _("Kies de datum en de tijd van de bijeenkomst.")
    elif timezone.is_naive(starts_at):
        errors["starts_at"] = _("Geef de tijd met tijdzone op.")
    # The form works to the minute: the current minute still counts as "now".
    elif starts_at < timezone.now().replace(second=0, microsecond=0):
        errors["starts_at"] = _("Deze datum en tijd liggen in het verleden.")
    if not location and not online_link:
        errors["location"] = _("Geef een plaats of een link voor online deelname.")
    if len(location) > 200:
        errors["location"] = _("Ten hoogste 200 tekens.")
    if online_link:
        try:
            URLValidator(schemes=["https", "http"])(online_link)
        except ValidationError:
            errors["online_link"] = _("Geef een volledige link, beginnend met https://.")
        if len(online_link) > 500:
            errors["online_link"] = _("Ten hoogste 500 tekens.")


def _check_kind(errors: dict, *, case: Case, kind: str, starts_at: datetime | None) -> None:
    if kind not in SessionKind.values:
        errors["kind"] = _("Kies de soort bijeenkomst.")
    elif kind == SessionKind.EERSTE:
        if selectors.session_has_eerste(case=case):
            errors["kind"] = _(
                "Deze casus heeft al een eerste bijeenkomst. Kies een vervolgbijeenkomst of "
                "de laatste bijeenkomst."
            )
    else:
        earlier = Session.objects.filter(case=case).exclude(status=SessionStatus.GEANNULEERD)
        if starts_at is not None and not timezone.is_naive(starts_at):
            earlier = earlier.filter(starts_at__lt=starts_at)
        if not earlier.exists():
            errors["kind"] = _(
                "Deze casus heeft nog geen eerdere bijeenkomst; begin met een eerste bijeenkomst."
            )


@transaction.atomic
def session_convene(
    *,
    user,
    case_uuid,
    kind: str,
    starts_at: datetime | None,
    location: str = "",
    online_link: str = "",
    chair=None,
    secretary=None,
    agenda: str = "",
    agenda_for_guests: bool = False,
    members: Iterable = (),
    guests: Iterable[Mapping] = (),
    request=None,
) -> Session:
    """Convene the kernteam about a case (Handreiking A2.1: any member may). The convener,
    chair and secretary are invited too; invitations are mailed once this commits."""
    if not can_convene(user):
        raise PermissionDenied
    visible = selectors.case_get_for(user=user, uuid=case_uuid)
    # Locked: two people convening a first session at the same moment get one.
    case = Case.objects.select_for_update().get(pk=visible.pk)
    if not case.is_open:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "De casus is gesloten; het kernteam kan niet meer worden bijeengeroepen."
                )
            }
        )
    location = (location or "").strip()
    online_link = (online_link or "").strip()
    errors: dict[str, str | list[str]] = {}
    _check_kind(errors, case=case, kind=kind, starts_at=starts_at)
    _check_when_and_where(errors, starts_at=starts_at, location=location, online_link=online_link)

    default_chair, default_secretary = selectors.kernteam_officers()
    chair = chair or default_chair
    secretary = secretary or default_secretary
    members = list(members)
    invitable = set(
        selectors.session_invitable_users()
        .filter(pk__in=[p.pk for p in (*members, chair, secretary) if p is not None])
        .values_list("pk", flat=True)
    )
    for field, person in (("chair", chair), ("secretary", secretary)):
        if person is not None and person.pk not in invitable:
            errors[field] = _("%(name)s is geen lid van het kernteam.") % {"name": person}
    outsiders = [str(m) for m in members if m.pk not in invitable]
    if outsiders:
        errors["members"] = _(
            "Alleen leden van het kernteam kunnen worden uitgenodigd; niet: %(names)s. "
            "Nodig anderen uit als derde."
        ) % {"names": ", ".join(outsiders)}

    cleaned_guests = []
    guest_problems: list[str] = []
    for number, guest in enumerate(guests, start=1):
        fields, problems = _guest_fields(guest)
        cleaned_guests.append(fields)
        guest_problems += [
            _("Derde %(n)s: %(message)s") % {"n": number, "message": message}
            for message in problems.values()
        ]
    if guest_problems:
        errors["guests"] = guest_problems
    if errors:
        raise ValidationError(errors)

    session = Session.objects.create(
        case=case,
        kind=kind,
        starts_at=starts_at,
        location=location,
        online_link=online_link,
        chair=chair,
        secretary=secretary,
        agenda=(agenda or "").strip(),
        agenda_for_guests=bool(agenda_for_guests),
        convened_by=user,
    )
    people = {}
    for person in (user, chair, secretary, *members):
        if person is not None:
            people.setdefault(person.pk, person)
    Attendee.objects.bulk_create(
        [Attendee(session=session, user=person) for person in people.values()]
        + [Attendee(session=session, **fields) for fields in cleaned_guests]
    )
    audit_record(
        action="bijeenkomst.bijeengeroepen",
        actor=user,
        obj=session,
        request=request,
        details={
            "casus": str(case.uuid),
            "soort": kind,
            "leden": len(people),
            "derden": len(cleaned_guests),
        },
    )
    _enqueue_invitations(session.pk)
    return session


def _refuse_when_finished(session: Session) -> None:
    """Nobody joins a session that is over (for derden and members alike)."""
    if session.is_finished:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("Deze bijeenkomst is %(status)s; er kan niemand meer bij.")
                % {"status": session.get_status_display().lower()}
            }
        )


@transaction.atomic
def session_add_guest(
    *,
    user,
    session_uuid,
    name: str,
    organisation: str = "",
    role: str = "",
    email: str = "",
    request=None,
) -> Attendee:
    """Invite a derde (no account) to a session later on; they get an invitation too."""
    session = session_lock(session_uuid)
    if not can_invite_guests(user, session):
        raise PermissionDenied
    _refuse_when_finished(session)
    fields, errors = _guest_fields(
        {"name": name, "organisation": organisation, "role": role, "email": email}
    )
    if errors:
        raise ValidationError(errors)
    attendee = Attendee.objects.create(session=session, **fields)
    audit_record(
        action="bijeenkomst.derde_uitgenodigd",
        actor=user,
        obj=session,
        request=request,
        details={"deelnemer": str(attendee.uuid)},
    )
    _enqueue_invitations(session.pk)
    return attendee


@transaction.atomic
def session_add_member(*, user, session_uuid, member, request=None) -> Attendee:
    """Widen the kernteam: invite a member (an account at the table) to a session later
    on; they get an invitation and may prepare, like those invited when it was convened."""
    session = session_lock(session_uuid)
    if not can_invite_guests(user, session):
        raise PermissionDenied
    _refuse_when_finished(session)
    if member is None or not selectors.session_invitable_users().filter(pk=member.pk).exists():
        raise ValidationError({"member": _("Kies iemand met een rol aan de kernteamtafel.")})
    if session.attendees.filter(user=member).exists():
        raise ValidationError({"member": _("%(name)s is al uitgenodigd.") % {"name": member}})
    attendee = Attendee.objects.create(session=session, user=member)
    audit_record(
        action="bijeenkomst.lid_uitgenodigd",
        actor=user,
        obj=session,
        request=request,
        details={"deelnemer": str(attendee.uuid)},
    )
    _enqueue_invitations(session.pk)
    return attendee


@transaction.atomic
def attendance_record(*, user, session_uuid, attendance: Mapping, request=None) -> Session:
    """Record how each named attendee took part: ``{attendee uuid: AttendanceStatus value}``.

    Works in every kind of session; attendees left out keep what they had. Every uuid must
    belong to this session and every value must be a known status, or nothing changes.
    """
    session = session_lock(session_uuid)
    if not can_run_session(user, session):
        raise PermissionDenied
    if session.status == SessionStatus.GEANNULEERD:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Deze bijeenkomst is geannuleerd; er was niemand aanwezig.")}
        )
    wanted = {str(key): ("" if value is None else str(value)) for key, value in attendance.items()}
    attendees = {str(attendee.uuid): attendee for attendee in session.attendees.all()}
    if set(wanted) - set(attendees):
        raise ValidationError({"attendance": _("Kies alleen deelnemers van deze bijeenkomst.")})
    valid = set(AttendanceStatus.values)
    if any(value not in valid for value in wanted.values()):
        raise ValidationError(
            {"attendance": _("Kies voor iedere deelnemer een van de aangeboden mogelijkheden.")}
        )
    counts = {status.value: 0 for status in AttendanceStatus}
    changed = 0
    for key, value in wanted.items():
        attendee = attendees[key]
        counts[value] += 1
        if attendee.attendance != value:
            attendee.attendance = value
            attendee.save(update_fields=["attendance"])
            changed += 1
    audit_record(
        action="bijeenkomst.aanwezigheid_vastgelegd",
        actor=user,
        obj=session,
        request=request,
        details={
            "aanwezig": counts[AttendanceStatus.AANWEZIG],
            "later_aangeschoven": counts[AttendanceStatus.TE_LAAT],
            "afwezig_met_bericht": counts[AttendanceStatus.AFWEZIG_MET_BERICHT],
            "afwezig_zonder_bericht": counts[AttendanceStatus.AFWEZIG_ZONDER_BERICHT],
            "niet_vastgelegd": counts[AttendanceStatus.NIET_VASTGELEGD],
            "gewijzigd": changed,
        },
    )
    return session


# --- invitations (run by kernteam.tasks.send_session_invitations) ---------------------


@dataclass
class InvitationResult:
    sent: int = 0
    failed: int = 0


def _one_line(text: str, limit: int) -> str:
    # Mail headers must not contain line breaks (Django refuses them).
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _recipient(attendee: Attendee) -> str:
    if attendee.user_id:
        return (attendee.user.email or "").strip() if attendee.user.is_active else ""
    return attendee.guest_email.strip()


def _invitation_message(session: Session, attendee: Attendee, email: str):
    member = attendee.user_id is not None
    base_url = settings.SAMOS_BASE_URL.rstrip("/")
    context = {
        "member": member,
        "name": attendee.user.first_name if member else attendee.guest_name,
        "session": session,
        "is_exercise": session.case.is_exercise,
        "kind": session.get_kind_display(),
        # The case title can be sensitive: derden only learn that the kernteam meets.
        "case_title": session.case.title if member else "",
        "starts_at": session.starts_at,
        "location": session.location,
        "online_link": session.online_link,
        "agenda": session.agenda if member or session.agenda_for_guests else "",
        "session_link": ics.session_link(session) if member else "",
        "prepare_link": (
            base_url + reverse("kernteam:session_prepare", kwargs={"uuid": session.uuid})
            if member
            else ""
        ),
    }
    # A worker has no request: fix the language and time zone of the mail explicitly.
    with translation.override("nl"), timezone.override(timezone.get_default_timezone()):
        if member:
            # No case title in a subject line: it shows in notifications and mail logs.
            subject = _("Uitnodiging: %(kind)s van het kernteam") % {
                "kind": context["kind"].lower(),
            }
        else:
            subject = _("Uitnodiging: bijeenkomst kernteam (%(kind)s)") % {
                "kind": context["kind"].lower()
            }
        if session.case.is_exercise:
            subject = ics.EXERCISE_PREFIX + subject
        context["subject"] = _one_line(subject, _SUBJECT_MAX)
        text = render_to_string("emails/session_invitation.txt", context)
        html = render_to_string("emails/session_invitation.html", context)
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    message.attach(
        "uitnodiging.ics",
        ics.session_invitation_ics(session, attendee=attendee),
        "text/calendar; method=REQUEST",
    )
    return message


def _invitation_key(attendee: Attendee) -> str:
    # One claim per attendee (and address, the claim's third part): a redelivered task,
    # a second worker or the sweeper finds it taken.
    return f"kernteam.invitation:{attendee.uuid}"


def _invitation_deadlines(session: Session, attendees: Iterable[Attendee]) -> list[Deadline]:
    deadlines = []
    for attendee in attendees:
        email = _recipient(attendee)
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            # The address itself stays out of the log (personal data).
            logger.warning(
                "Session %s: attendee %s has an invalid address.", session.uuid, attendee.uuid
            )
            continue
        deadlines.append(
            Deadline(
                key=_invitation_key(attendee),
                due_at=attendee.invited_at,
                recipients=(email,),
                subject="invitation",
                offsets=(NOTICE,),
                message=partial(_invitation_message, session, attendee),
            )
        )
    return deadlines


def session_invitations_send(*, session_id: int, now: datetime | None = None) -> InvitationResult:
    """Mail every attendee with an address who has no invitation yet, exactly once.

    Each invitation is a one-off message on the reminders' claimed path
    (``samos.reminders.services.messages_send``): claimed by a row under a unique
    constraint before the mail goes out, so the task, a redelivery of it and the sweeper
    never send one twice, even at the same moment. A failed send is retried by the
    sweeper after a pause, up to three times; then it is failed, audited and shown to the
    beheerder. ``invitation_sent_at`` mirrors the claim for the session page.
    """
    result = InvitationResult()
    session = Session.objects.select_related("case").filter(pk=session_id).first()
    if session is None or session.is_finished:
        return result
    pending = list(session.attendees.filter(invitation_sent_at__isnull=True).select_related("user"))
    deadlines = _invitation_deadlines(session, pending)
    if not deadlines:
        return result
    outcome = messages_send(deadlines=deadlines, now=now)
    result.sent, result.failed = outcome.sent, outcome.failed
    sent_at = messages_sent_at(keys=[deadline.key for deadline in deadlines])
    for attendee in pending:
        moment = sent_at.get(_invitation_key(attendee))
        if moment is not None:
            attendee.invitation_sent_at = moment
            attendee.save(update_fields=["invitation_sent_at"])
    if result.sent or result.failed:
        audit_record(
            action="bijeenkomst.uitnodigingen_verstuurd",
            obj=session,
            actor_label=AUDIT_ACTOR_LABEL,
            details={"verstuurd": result.sent, "mislukt": result.failed},
        )
    return result


def session_convene_follow_up(
    *,
    user,
    session_uuid,
    kind,
    starts_at,
    location="",
    agenda="",
    members=None,
    invite_guests=True,
    request=None,
) -> Session:
    """Afspraken vervolgsessie: plan the next session of the same case with the same
    chair and secretary; by default the same members and derden, or the MEMBERS the chair
    chose (and the derden only when INVITE_GUESTS). The place defaults to this session's."""
    session = (
        Session.objects.select_related("case", "chair", "secretary")
        .prefetch_related("attendees__user")
        .get(uuid=session_uuid)
    )
    if not can_run_session(user, session):
        raise PermissionDenied
    attendees = list(session.attendees.all())
    return session_convene(
        user=user,
        case_uuid=session.case.uuid,
        kind=kind,
        starts_at=starts_at,
        location=location or session.location,
        online_link=session.online_link,
        chair=session.chair,
        secretary=session.secretary,
        agenda=agenda,
        members=[a.user for a in attendees if a.user_id] if members is None else list(members),
        guests=[
            {
                "name": a.guest_name,
                "organisation": a.guest_organisation,
                "role": a.guest_role,
                "email": a.guest_email,
            }
            for a in attendees
            if not a.user_id and invite_guests
        ],
        request=request,
    )


# Invitations younger than this are left to the task queued when they were made.
SWEEP_AFTER = timedelta(minutes=10)


def session_invitations_sweep(*, now=None) -> InvitationResult:
    """Mail the invitations that never went out — the queue was unreachable when the
    session was convened, lost the task, or SMTP was down — for sessions still to come.
    The claim makes this safe next to a task that is still sending."""
    now = now or timezone.now()
    session_ids = (
        Attendee.objects.filter(
            invitation_sent_at__isnull=True,
            invited_at__lt=now - SWEEP_AFTER,
            session__status=SessionStatus.GEPLAND,
            session__starts_at__gt=now,
        )
        .values_list("session_id", flat=True)
        .distinct()
    )
    total = InvitationResult()
    for session_id in sorted(set(session_ids)):
        result = session_invitations_send(session_id=session_id, now=now)
        total.sent += result.sent
        total.failed += result.failed
    return total
