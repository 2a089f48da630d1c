"""Invitation mails: one per attendee with an address, an .ics attached, never twice."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from kernteam import tasks
from kernteam.models import Attendee
from kernteam.services import session_convene, session_invitations_send
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from samos.reminders.services import RETRY_AFTER
from tests.factories import (
    AttendeeFactory,
    CaseFactory,
    KernteamMemberFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
CASE_TITLE = "Spanning rond azc Oldenmere"


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.SAMOS_BASE_URL = "https://samos.voorbeeldrade.example/"
    settings.DEFAULT_FROM_EMAIL = "SAMOS <samos@voorbeeldrade.example>"


@pytest.fixture
def convened(eager_tasks, django_capture_on_commit_callbacks):
    """A first session on 15-01-2031 19:30 (Amsterdam): convener, chair, a member with an
    address, a member without one, a derde with an address and one without."""
    convener = UserFactory(roles=[Role.KERNTEAMLID], first_name="Karin")
    chair = KernteamMemberFactory(user=UserFactory(roles=[Role.VOORZITTER]), is_chair=True).user
    member = UserFactory(roles=[Role.KERNTEAMLID])
    no_address = UserFactory(roles=[Role.COORDINATOR], email="")
    case = CaseFactory(title=CASE_TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        session = session_convene(
            user=convener,
            case_uuid=case.uuid,
            kind="eerste",
            starts_at=datetime.datetime(2031, 1, 15, 19, 30, tzinfo=AMS),
            location="Gemeentehuis, kamer 2",
            online_link="https://meet.example/kernteam",
            agenda="Informatieavond nabespreken",
            members=[member, no_address],
            guests=[
                {
                    "name": "J. de Vries",
                    "organisation": "OBS De Linde",
                    "email": "j.devries@school.example",
                },
                {"name": "Buurtvader zonder mail"},
            ],
        )
    return {
        "session": session,
        "convener": convener,
        "chair": chair,
        "member": member,
        "no_address": no_address,
    }


def by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def calendar_of(message) -> tuple[str, str]:
    """The attached calendar, unfolded (RFC 5545 3.1), and its MIME type."""
    [attachment] = message.attachments
    filename, content, mimetype = attachment
    assert filename == "uitnodiging.ics"
    return content.replace("\r\n ", ""), mimetype


def test_one_mail_per_attendee_with_an_address(convened):
    people = convened
    assert set(by_recipient()) == {
        people["convener"].email,
        people["chair"].email,
        people["member"].email,
        "j.devries@school.example",
    }
    assert len(mail.outbox) == 4
    sent = Attendee.objects.filter(session=people["session"], invitation_sent_at__isnull=False)
    assert sent.count() == 4
    unsent = Attendee.objects.filter(session=people["session"], invitation_sent_at__isnull=True)
    assert {str(a) for a in unsent} == {str(people["no_address"]), "Buurtvader zonder mail"}


def test_each_mail_has_the_calendar_invitation_in_utc(convened):
    session = convened["session"]
    for message in mail.outbox:
        content, mimetype = calendar_of(message)
        assert mimetype == "text/calendar; method=REQUEST"
        assert "METHOD:REQUEST\r\n" in content
        assert f"UID:{session.uuid}@samos\r\n" in content
        # 19:30 in Amsterdam in winter is 18:30 UTC; two hours long.
        assert "DTSTART:20310115T183000Z\r\n" in content
        assert "DTEND:20310115T203000Z\r\n" in content
        assert CASE_TITLE not in content
        assert message.from_email == "SAMOS <samos@voorbeeldrade.example>"
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_the_mime_part_is_a_calendar_request(convened):
    raw = mail.outbox[0].message().as_string()
    assert 'Content-Type: text/calendar; method="REQUEST"' in raw or (
        "Content-Type: text/calendar; method=REQUEST" in raw
    )


def test_members_mail_names_the_case_and_links_to_the_preparation(convened):
    session = convened["session"]
    message = by_recipient()[convened["member"].email]
    html = message.alternatives[0][0]
    prepare = f"https://samos.voorbeeldrade.example/bijeenkomsten/{session.uuid}/voorbereiding/"
    for body in (message.body, html):
        assert CASE_TITLE in body
        assert prepare in body
        assert "15-01-2031 19:30" in body
        assert "Gemeentehuis, kamer 2" in body
        assert "https://meet.example/kernteam" in body
        assert "Informatieavond nabespreken" in body
    assert CASE_TITLE not in message.subject  # no free text in a subject line
    assert message.subject == "Uitnodiging: eerste bijeenkomst van het kernteam"
    content, _mimetype = calendar_of(message)
    assert f"URL:https://samos.voorbeeldrade.example/bijeenkomsten/{session.uuid}/" in content


def test_the_derde_learns_nothing_of_the_case(convened):
    message = by_recipient()["j.devries@school.example"]
    html = message.alternatives[0][0]
    assert message.subject == "Uitnodiging: bijeenkomst kernteam (eerste bijeenkomst)"
    for text in (message.subject, message.body, html, calendar_of(message)[0]):
        assert CASE_TITLE not in text
        assert "voorbereiding" not in text
    assert "Beste J. de Vries," in message.body
    assert "15-01-2031 19:30" in message.body
    # The agenda stays inside unless the convener ticked it (see the next test).
    for text in (message.body, html, calendar_of(message)[0]):
        assert "Informatieavond nabespreken" not in text
    content = calendar_of(message)[0]
    assert "URL:" not in content  # no account, so no link into SAMOS
    assert "SUMMARY:Bijeenkomst kernteam: Eerste bijeenkomst\r\n" in content
    assert "mailto:j.devries@school.example" in content


def test_the_derde_gets_the_agenda_when_the_convener_ticks_it(
    eager_tasks, django_capture_on_commit_callbacks
):
    convener = UserFactory(roles=[Role.KERNTEAMLID])
    KernteamMemberFactory(user=UserFactory(roles=[Role.VOORZITTER]), is_chair=True)
    with django_capture_on_commit_callbacks(execute=True):
        session_convene(
            user=convener,
            case_uuid=CaseFactory(title=CASE_TITLE).uuid,
            kind="eerste",
            starts_at=datetime.datetime(2031, 1, 15, 19, 30, tzinfo=AMS),
            location="Gemeentehuis, kamer 2",
            agenda="Informatieavond nabespreken",
            agenda_for_guests=True,
            guests=[{"name": "J. de Vries", "email": "j.devries@school.example"}],
        )
    message = by_recipient()["j.devries@school.example"]
    assert "Informatieavond nabespreken" in message.body
    assert CASE_TITLE not in message.body


def test_running_the_task_again_sends_nothing_twice(convened):
    session = convened["session"]
    before = len(mail.outbox)
    tasks.send_session_invitations(session.pk)
    tasks.send_session_invitations.delay(session.pk)  # a redelivery, eager
    assert len(mail.outbox) == before == 4
    event = AuditEvent.objects.get(action="bijeenkomst.uitnodigingen_verstuurd")
    assert event.details == {"verstuurd": 4, "mislukt": 0}
    assert event.actor is None
    assert event.actor_label == "systeem (uitnodigingen)"


def test_a_guest_added_later_gets_only_their_own_invitation(
    convened, django_capture_on_commit_callbacks
):
    from kernteam.services import session_add_guest

    session = convened["session"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session_add_guest(
            user=convened["convener"],
            session_uuid=session.uuid,
            name="P. Jansen",
            email="p.jansen@woonstede.example",
        )
    assert [m.to for m in mail.outbox] == [["p.jansen@woonstede.example"]]


def test_a_failed_send_stays_unsent_and_is_sent_on_the_next_run():
    session = SessionFactory()
    ok = AttendeeFactory(session=session)
    broken = AttendeeFactory(session=session, user=None, guest_name="X", guest_email="x@x.example")
    real_send = EmailMultiAlternatives.send

    def flaky(message, *args, **kwargs):
        if message.to == ["x@x.example"]:
            raise OSError("smtp down")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(EmailMultiAlternatives, "send", flaky):
        result = session_invitations_send(session_id=session.pk)
    assert (result.sent, result.failed) == (1, 1)
    ok.refresh_from_db()
    broken.refresh_from_db()
    assert ok.invitation_sent_at is not None
    assert broken.invitation_sent_at is None
    # Straight away the claim holds it back (a pause between attempts) ...
    assert session_invitations_send(session_id=session.pk).sent == 0
    # ... and after RETRY_AFTER the next run sends it, and only it.
    later = timezone.now() + RETRY_AFTER + datetime.timedelta(seconds=1)
    result = session_invitations_send(session_id=session.pk, now=later)
    assert (result.sent, result.failed) == (1, 0)
    assert [m.to for m in mail.outbox] == [[ok.user.email], ["x@x.example"]]


def test_nothing_is_sent_for_a_cancelled_or_missing_session():
    session = SessionFactory(status="geannuleerd")
    AttendeeFactory(session=session)
    assert session_invitations_send(session_id=session.pk).sent == 0
    assert session_invitations_send(session_id=999_999).sent == 0
    assert mail.outbox == []


def test_inactive_accounts_and_bad_addresses_are_skipped():
    session = SessionFactory()
    AttendeeFactory(session=session, user=UserFactory(roles=[Role.KERNTEAMLID], is_active=False))
    AttendeeFactory(session=session, user=UserFactory(roles=[Role.KERNTEAMLID], email="kapot"))
    assert session_invitations_send(session_id=session.pk).sent == 0
    assert mail.outbox == []


def test_the_task_is_configured_for_redelivery_and_time_limits():
    task = tasks.send_session_invitations
    assert task.acks_late is True
    assert task.ignore_result is True
    assert 0 < task.soft_time_limit < task.time_limit
    assert task.name == "kernteam.tasks.send_session_invitations"
