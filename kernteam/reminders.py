"""The deadlines of the kernteam app, for samos.reminders: planned sessions.

Invited members (with an account) are reminded the day before (at the session's time)
and in the morning of the day itself (SAMOS_SESSION_REMINDER_HOUR, not at the start: a
reminder at 19:30 for a session at 19:30 is no reminder) — not after, since a session
that started is no longer a deadline. Derden got the
invitation with its calendar entry and have no account to follow a link with. The
subject names the kind of session and the date, not the case title (mail leaves SAMOS).
"""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kernteam.models import Session
from kernteam.workflow import SessionStatus
from samos.reminders.registry import BEFORE, ON, Deadline

DAYS_AHEAD = 2


def _morning_of(starts_at: datetime.datetime) -> datetime.datetime:
    """The reminder moment on the day itself: the configured hour, or the start when the
    session starts earlier than that."""
    local = timezone.localtime(starts_at, timezone.get_default_timezone())
    morning = local.replace(
        hour=settings.SAMOS_SESSION_REMINDER_HOUR, minute=0, second=0, microsecond=0
    )
    return min(morning, local)


def planned_sessions(*, now: datetime.datetime) -> list[Deadline]:
    sessions = (
        Session.objects.filter(
            status=SessionStatus.GEPLAND,
            starts_at__gte=now - datetime.timedelta(hours=12),
            starts_at__lte=now + datetime.timedelta(days=DAYS_AHEAD),
        )
        .select_related("case")
        .prefetch_related("attendees__user")
        .order_by("starts_at", "id")
    )
    deadlines = []
    # A list, not a generator: the language override must not outlive this call.
    with translation.override("nl"), timezone.override(timezone.get_default_timezone()):
        for session in sessions:
            when = timezone.localtime(session.starts_at)
            # Fixed text, never the case title: an exercise says OEFENING to everyone.
            prefix = "OEFENING: " if session.case.is_exercise else ""
            common = {
                # One key for both: "voor" and "op" are separate rows of the same session.
                "key": f"kernteam.session:{session.uuid}:{session.starts_at.isoformat()}",
                "recipients": tuple(a.user for a in session.attendees.all() if a.user_id),
                "subject": _("%(prefix)s%(kind)s op %(when)s")
                % {
                    "prefix": prefix,
                    "kind": session.get_kind_display(),
                    "when": when.strftime("%d-%m-%Y %H:%M"),
                },
                "summary": prefix
                + _("Bereid u voor met de eigen BOB-vragen, als u dat nog niet deed."),
                "url": session.get_absolute_url(),
            }
            deadlines.append(Deadline(due_at=session.starts_at, offsets=(BEFORE,), **common))
            deadlines.append(
                Deadline(due_at=_morning_of(session.starts_at), offsets=(ON,), **common)
            )
    return deadlines
