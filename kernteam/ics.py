"""A calendar invitation (RFC 5545, iTIP METHOD:REQUEST) for a session, without a library.

Only what a session needs: one VEVENT in UTC, TEXT values escaped, lines folded at 75
octets, CRLF endings. Privacy: the summary names the kind of session, never the case
title — calendar items are often visible to colleagues and assistants; nor does it
carry the agenda.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kernteam.workflow import SessionStatus

PRODID = "-//SAMOS//Kernteam bijeenkomsten//NL"
# A kernteam session is planned for two hours (the Handreiking sets no length).
SESSION_DURATION = timedelta(hours=2)
_MAX_OCTETS = 75
# RFC 5545 3.3.11: TEXT may hold no control characters except HTAB (newlines are escaped).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _param(value: str) -> str:
    """A parameter value (CN=…): quoted, without DQUOTE or control characters."""
    value = _CONTROL.sub("", value.replace("\r", " ").replace("\n", " ")).replace('"', "")
    return f'"{value}"'


def _uri(value: str) -> str:
    # Our URIs are built from settings and reverse(); strip anything that could break a line.
    return _CONTROL.sub("", value.replace("\r", "").replace("\n", "")).replace(" ", "%20")


def fold(line: str) -> str:
    """Fold one content line at 75 octets (UTF-8), never inside a character; each
    continuation line starts with one space, which counts toward its 75 octets."""
    parts: list[str] = []
    current = ""
    size = 0
    limit = _MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = " ", 1, _MAX_OCTETS
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _organizer() -> str:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return f"ORGANIZER;CN={_param(name or 'SAMOS')}:mailto:{_uri(address)}"


def session_link(session) -> str:
    return settings.SAMOS_BASE_URL.rstrip("/") + session.get_absolute_url()


# Everything an exercise sends says so (SAMOS.md): a fixed prefix, never free text.
EXERCISE_PREFIX = "OEFENING: "


def session_summary(session) -> str:
    """'Bijeenkomst kernteam: Eerste bijeenkomst' — never the case title; an exercise's
    starts with 'OEFENING: '."""
    with translation.override("nl"):
        summary = _("Bijeenkomst kernteam: %(kind)s") % {"kind": session.get_kind_display()}
    return EXERCISE_PREFIX + summary if session.case.is_exercise else summary


def session_invitation_ics(session, *, attendee=None) -> str:
    """The invitation for SESSION as an iCalendar text; with ATTENDEE, addressed to them.

    Derden have no account: their item carries no link into SAMOS.
    """
    guest = attendee is not None and attendee.user_id is None
    link = "" if guest else session_link(session)
    with translation.override("nl"):
        parts = [_("Bijeenkomst van het kernteam SAMOS.")]
        if session.case.is_exercise:
            parts.insert(0, _("OEFENING — dit is een oefening, geen echte situatie."))
        if session.location:
            parts.append(_("Plaats: %(place)s") % {"place": session.location})
        if session.online_link:
            parts.append(_("Online deelnemen: %(link)s") % {"link": session.online_link})
        if link:
            parts.append(_("In SAMOS: %(link)s") % {"link": link})
        description = "\n".join(parts)
    cancelled = session.status == SessionStatus.GEANNULEERD
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{session.uuid}@samos",
        # A later invitation for the same session (a new time) must win over this one.
        f"SEQUENCE:{max(session.version - 1, 0)}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.starts_at + SESSION_DURATION)}",
        f"SUMMARY:{escape_text(session_summary(session))}",
        f"LOCATION:{escape_text(session.location or session.online_link)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        _organizer(),
    ]
    if link:
        lines.append(f"URL:{_uri(link)}")
    if attendee is not None:
        if attendee.user_id:
            name, email = str(attendee.user), attendee.user.email
        else:
            name, email = attendee.guest_name, attendee.guest_email
        if email:
            lines.append(
                f"ATTENDEE;CN={_param(name)};ROLE=REQ-PARTICIPANT;"
                f"PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:{_uri(email)}"
            )
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
