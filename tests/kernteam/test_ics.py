"""The .ics builder: RFC 5545 structure, UTC times, escaping and folding of hostile text."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernteam.ics import escape_text, fold, session_invitation_ics
from tests.factories import AttendeeFactory, CaseFactory, SessionFactory

AMS = ZoneInfo("Europe/Amsterdam")
HOSTILE = 'Zaal 1, "De Linde"; achteringang\\zijdeur\nBEGIN:VEVENT\r\nX-EVIL:1,2;3'


def unfold(text: str) -> list[str]:
    """The content lines of TEXT (RFC 5545 3.1: CRLF followed by one space continues)."""
    assert text.endswith("\r\n")
    return text[:-2].replace("\r\n ", "").split("\r\n")


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def prop(text: str, name: str) -> str:
    [value] = [line.split(":", 1)[1] for line in unfold(text) if line.split(":")[0] == name]
    return value


def physical_lines(text: str) -> list[bytes]:
    return text.encode("utf-8").split(b"\r\n")[:-1]


@pytest.mark.django_db
def test_structure_and_times_in_utc(settings):
    settings.SAMOS_BASE_URL = "https://samos.example"
    case = CaseFactory(title="Geheime casustitel")
    winter = SessionFactory(case=case, starts_at=datetime.datetime(2031, 1, 15, 19, 30, tzinfo=AMS))
    text = session_invitation_ics(winter)
    lines = unfold(text)
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//SAMOS//Kernteam bijeenkomsten//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
    ]
    assert lines[-2:] == ["END:VEVENT", "END:VCALENDAR"]
    assert lines.count("BEGIN:VEVENT") == 1
    assert prop(text, "UID") == f"{winter.uuid}@samos"
    assert prop(text, "DTSTART") == "20310115T183000Z"
    assert prop(text, "DTEND") == "20310115T203000Z"
    assert re.fullmatch(r"\d{8}T\d{6}Z", prop(text, "DTSTAMP"))
    assert prop(text, "SUMMARY") == "Bijeenkomst kernteam: Eerste bijeenkomst"
    assert prop(text, "URL") == f"https://samos.example/bijeenkomsten/{winter.uuid}/"
    assert f"https://samos.example/bijeenkomsten/{winter.uuid}/" in prop(text, "DESCRIPTION")
    assert prop(text, "STATUS") == "CONFIRMED"
    assert "Geheime casustitel" not in text
    # Every line ends in CRLF; no bare LF or CR anywhere.
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")

    summer = SessionFactory(
        case=case, kind="vervolg", starts_at=datetime.datetime(2031, 7, 15, 19, 30, tzinfo=AMS)
    )
    assert prop(session_invitation_ics(summer), "DTSTART") == "20310715T173000Z"
    assert prop(session_invitation_ics(summer), "SUMMARY") == (
        "Bijeenkomst kernteam: Vervolgbijeenkomst"
    )


@pytest.mark.django_db
def test_hostile_place_is_escaped_and_folded():
    place = (HOSTILE + " " + "x" * 200)[:200]
    session = SessionFactory(location=place, online_link="https://meet.example/a,b;c")
    text = session_invitation_ics(session)
    # No injected property or component: the newline became the two characters "\n".
    assert "X-EVIL" not in [line.split(":")[0] for line in unfold(text)]
    assert unfold(text).count("BEGIN:VEVENT") == 1
    location = prop(text, "LOCATION")
    assert location.startswith('Zaal 1\\, "De Linde"\\; achteringang\\\\zijdeur\\nBEGIN:VEVENT\\n')
    assert unescape(location) == place.replace("\r\n", "\n")
    assert "Online deelnemen: https://meet.example/a,b;c" in unescape(prop(text, "DESCRIPTION"))
    for line in physical_lines(text):
        assert len(line) <= 75
        line.decode("utf-8")  # never cut inside a character


@pytest.mark.django_db
def test_online_only_puts_the_link_in_location():
    session = SessionFactory(location="", online_link="https://meet.example/x")
    assert prop(session_invitation_ics(session), "LOCATION") == "https://meet.example/x"


@pytest.mark.django_db
def test_attendee_lines_for_member_and_guest():
    session = SessionFactory()
    member = AttendeeFactory(session=session)
    guest = AttendeeFactory(
        session=session,
        user=None,
        guest_name='Jan "de Baas", Bakker; directeur',
        guest_email="jan@school.example",
    )
    member_ics = session_invitation_ics(session, attendee=member)
    member_line = next(line for line in unfold(member_ics) if line.startswith("ATTENDEE;"))
    assert member_line.endswith(f":mailto:{member.user.email}")
    assert "URL" in [line.split(":")[0] for line in unfold(member_ics)]
    guest_ics = session_invitation_ics(session, attendee=guest)
    attendee_line = next(line for line in unfold(guest_ics) if line.startswith("ATTENDEE"))
    # A quoted parameter value, with the quotes inside it removed.
    assert attendee_line.startswith('ATTENDEE;CN="Jan de Baas, Bakker; directeur";')
    assert attendee_line.endswith(":mailto:jan@school.example")
    assert "URL" not in [line.split(":")[0] for line in unfold(guest_ics)]


@pytest.mark.django_db
def test_cancelled_session_is_marked_cancelled():
    session = SessionFactory(status="geannuleerd")
    assert prop(session_invitation_ics(session), "STATUS") == "CANCELLED"


def test_escape_text():
    assert escape_text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert escape_text("bel\x07 en\x00 nul") == "bel en nul"


def test_fold_multibyte_text():
    line = "LOCATION:" + "é" * 100  # two octets each
    folded = fold(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in parts)
    assert all(part.startswith(b" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line


@given(st.text(max_size=400))
def test_escape_and_fold_round_trip(value):
    line = "DESCRIPTION:" + escape_text(value)
    folded = fold(line)
    for part in folded.encode("utf-8").split(b"\r\n"):
        assert len(part) <= 75
        assert b"\n" not in part
        assert b"\r" not in part
    unfolded = folded.replace("\r\n ", "")
    assert unfolded == line
    lines_normalised = value.replace("\r\n", "\n").replace("\r", "\n")
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", lines_normalised)
    assert unescape(unfolded.split(":", 1)[1]) == expected
