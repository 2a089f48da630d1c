"""The deadlines of the kernteam app, for samos.reminders: planned sessions.

Invited members (with an account) are reminded the day before and on the day itself —
not after, since a session that started is no longer a deadline. Derden got the
invitation with its calendar entry and have no account to follow a link with. The
subject names the kind of session and the date, not the case title (mail leaves SAMOS).
"""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kernteam.models import Session
from kernteam.workflow import SessionStatus
from samos.reminders.registry import BEFORE, ON, Deadline

DAYS_AHEAD = 2


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
            prefix = _("Oefening — ") if session.case.is_exercise else ""
            deadlines.append(
                Deadline(
                    key=f"kernteam.session:{session.uuid}:{session.starts_at.isoformat()}",
                    due_at=session.starts_at,
                    recipients=tuple(a.user for a in session.attendees.all() if a.user_id),
                    subject=_("%(prefix)s%(kind)s op %(when)s")
                    % {
                        "prefix": prefix,
                        "kind": session.get_kind_display(),
                        "when": when.strftime("%d-%m-%Y %H:%M"),
                    },
                    summary=_("Bereid u voor met de eigen BOB-vragen, als u dat nog niet deed."),
                    url=session.get_absolute_url(),
                    offsets=(BEFORE, ON),
                )
            )
    return deadlines
