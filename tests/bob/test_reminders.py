"""Reminders of the BOB procedure: action due dates, report-back dates and information
requests, sent by samos.reminders once per recipient and offset, and never for done work."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from freezegun import freeze_time

from bob import reminders
from bob.models import InformationRequest
from samos.accounts.roles import Role
from samos.reminders.models import SentReminder
from samos.reminders.registry import registered_sources
from samos.reminders.services import reminders_send_due
from tests.factories import ActionFactory, CaseFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
DUE = datetime.date(2026, 11, 24)  # a Tuesday, no clock change nearby
DAY_BEFORE = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=AMS)
ON_THE_DAY = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=AMS)
DAY_AFTER = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=AMS)
BOB_SOURCES = [
    ("bob.actions", reminders.open_actions),
    ("bob.information_requests", reminders.open_information_requests),
]


@pytest.fixture
def only_bob_sources():
    """Scan only this app's sources, whatever other apps register."""
    with mock.patch("samos.reminders.services.registered_sources", return_value=list(BOB_SOURCES)):
        yield


def member(role=Role.KERNTEAMLID, **fields):
    return UserFactory(roles=[role], **fields)


def recipients(mails) -> list[str]:
    return sorted(address for mail in mails for address in mail.to)


def test_the_app_registers_its_sources():
    assert set(BOB_SOURCES) <= set(registered_sources())


def test_an_action_reminds_executor_and_coordinator_once_per_offset(
    only_bob_sources, mailoutbox, settings
):
    settings.SAMOS_BASE_URL = "https://samos.voorbeeldrade.example"
    executor = member(email="bram@voorbeeldrade.example", first_name="Bram")
    coordinator = member(Role.COORDINATOR, email="cor@voorbeeldrade.example")
    with freeze_time(DAY_BEFORE - datetime.timedelta(days=3)):
        action = ActionFactory(
            executor=executor, coordinator=coordinator, due_date=DUE, title="Buurtgesprek"
        )
    with freeze_time(DAY_BEFORE - datetime.timedelta(minutes=1)):
        assert reminders_send_due().sent == 0
    for moment, prefix in (
        (DAY_BEFORE, "Herinnering"),
        (ON_THE_DAY, "Termijn verloopt vandaag"),
        (DAY_AFTER, "Termijn verstreken"),
    ):
        mailoutbox.clear()
        with freeze_time(moment):
            assert reminders_send_due().sent == 2
            assert reminders_send_due().sent == 0  # scanning again sends nothing
        assert recipients(mailoutbox) == ["bram@voorbeeldrade.example", "cor@voorbeeldrade.example"]
        assert {mail.subject for mail in mailoutbox} == {f"{prefix}: Termijn van een actie"}
        # No text written by people in a subject line; the title is in the body.
        assert all("Actie “Buurtgesprek”" in mail.body for mail in mailoutbox)
    link = f"https://samos.voorbeeldrade.example/acties/{action.uuid}/"
    assert f"Bekijken in SAMOS: {link}" in mailoutbox[0].body
    keys = set(SentReminder.objects.values_list("key", flat=True))
    assert keys == {f"bob.action:{action.uuid}:due:2026-11-24"}
    assert SentReminder.objects.count() == 6


def test_a_third_party_action_reminds_the_arranger_and_the_coordinator(
    only_bob_sources, mailoutbox
):
    arranger = member(email="regelaar@voorbeeldrade.example")
    coordinator = member(Role.COORDINATOR, email="cor@voorbeeldrade.example")
    ActionFactory(
        executor=None,
        third_party="Jongerenwerk",
        arranged_by=arranger,
        coordinator=coordinator,
        due_date=DUE,
    )
    with freeze_time(ON_THE_DAY):
        assert reminders_send_due().sent == 2
    assert recipients(mailoutbox) == ["cor@voorbeeldrade.example", "regelaar@voorbeeldrade.example"]


def test_the_same_person_in_two_roles_gets_one_mail(only_bob_sources, mailoutbox):
    me = member(Role.COORDINATOR, email="zelf@voorbeeldrade.example")
    ActionFactory(executor=me, coordinator=me, due_date=DUE)
    with freeze_time(ON_THE_DAY):
        assert reminders_send_due().sent == 1


@pytest.mark.parametrize("status", ["uitgevoerd", "vervallen"])
def test_nothing_for_done_or_dropped_actions(only_bob_sources, mailoutbox, status):
    ActionFactory(due_date=DUE, report_back_on=DUE, status=status)
    for moment in (DAY_BEFORE, ON_THE_DAY, DAY_AFTER):
        with freeze_time(moment):
            assert reminders_send_due().sent == 0
    assert mailoutbox == []


def test_an_action_done_after_the_first_reminder_gets_no_more(only_bob_sources, mailoutbox):
    action = ActionFactory(due_date=DUE)
    with freeze_time(DAY_BEFORE):
        assert reminders_send_due().sent == 2
    action.status = "uitgevoerd"
    action.save(update_fields=["status"])
    with freeze_time(DAY_AFTER):
        assert reminders_send_due().sent == 0
    assert len(mailoutbox) == 2


def test_the_report_back_date_reminds_the_coordinator_only(only_bob_sources, mailoutbox):
    coordinator = member(Role.COORDINATOR, email="cor@voorbeeldrade.example")
    action = ActionFactory(
        coordinator=coordinator,
        due_date=DUE + datetime.timedelta(days=20),
        report_back_on=DUE,
        title="Overleg school",
    )
    with freeze_time(ON_THE_DAY):
        assert reminders_send_due().sent == 1
    (mail,) = mailoutbox
    assert mail.to == ["cor@voorbeeldrade.example"]
    assert mail.subject == "Termijn verloopt vandaag: Terugkoppeling van een actie"
    assert "Actie “Overleg school”" in mail.body
    sent = SentReminder.objects.get(status=SentReminder.Status.SENT)
    assert sent.key == f"bob.action:{action.uuid}:report:2026-11-24"


def test_exercises_are_reminded_and_marked(only_bob_sources, mailoutbox):
    ActionFactory(case=CaseFactory(oefening=True), due_date=DUE, title="Oefenactie")
    with freeze_time(ON_THE_DAY):
        reminders_send_due()
    assert {mail.subject for mail in mailoutbox} == {
        "Termijn verloopt vandaag: Oefening — Termijn van een actie"
    }


def test_a_moved_due_date_gets_a_fresh_set_of_reminders(only_bob_sources, mailoutbox):
    action = ActionFactory(due_date=DUE, executor=None, third_party="GGD", arranged_by=member())
    with freeze_time(ON_THE_DAY):
        assert reminders_send_due().sent == 2
    action.due_date = DUE + datetime.timedelta(days=7)
    action.save(update_fields=["due_date"])
    with freeze_time(ON_THE_DAY + datetime.timedelta(days=7)):
        # The week in between was missed on purpose (the worker ran only now): only "op".
        assert reminders_send_due().sent == 2
    assert SentReminder.objects.filter(key__endswith=":due:2026-12-01").count() == 4


def test_the_sources_only_look_around_now():
    ActionFactory(due_date=DUE + datetime.timedelta(days=3))
    ActionFactory(due_date=DUE - datetime.timedelta(days=8))
    near = ActionFactory(due_date=DUE + datetime.timedelta(days=2))
    late = ActionFactory(due_date=DUE - datetime.timedelta(days=7))
    with freeze_time(ON_THE_DAY):
        keys = {deadline.key for deadline in reminders.open_actions(now=ON_THE_DAY)}
    assert keys == {
        f"bob.action:{near.uuid}:due:2026-11-26",
        f"bob.action:{late.uuid}:due:2026-11-17",
    }


def test_the_due_moment_is_nine_in_amsterdam():
    ActionFactory(due_date=DUE)
    (deadline,) = reminders.open_actions(now=ON_THE_DAY)
    assert deadline.due_at == ON_THE_DAY
    assert deadline.summary  # a fixed sentence, no free text


def _information_request(**fields):
    session = fields.pop("session", None) or SessionFactory()
    values = {
        "case": session.case,
        "session": session,
        "question": "Hoeveel meldingen kreeg de politie?",
        "source": "Wijkagent",
        "requested_by": member(email="vrager@voorbeeldrade.example"),
        "deadline": ON_THE_DAY,
        "created_by": session.chair,
    }
    values.update(fields)
    return InformationRequest.objects.create(**values)


def test_an_open_information_request_reminds_who_asked(only_bob_sources, mailoutbox, settings):
    settings.SAMOS_BASE_URL = "https://samos.voorbeeldrade.example"
    request = _information_request()
    with freeze_time(DAY_BEFORE):
        assert reminders_send_due().sent == 1
        assert reminders_send_due().sent == 0
    (mail,) = mailoutbox
    assert mail.to == ["vrager@voorbeeldrade.example"]
    assert mail.subject == "Herinnering: Termijn van een informatieverzoek"
    assert "Hoeveel meldingen kreeg de politie?" in mail.body
    link = f"https://samos.voorbeeldrade.example{request.session.get_absolute_url()}"
    assert f"Bekijken in SAMOS: {link}" in mail.body
    assert SentReminder.objects.get().key == (
        f"bob.information_request:{request.uuid}:2026-11-24T08:00"
    )


def test_answered_information_requests_are_not_reminded(only_bob_sources, mailoutbox):
    _information_request(status="ontvangen")
    _information_request(status="vervallen")
    exercise = SessionFactory(case=CaseFactory(oefening=True))
    _information_request(session=exercise, question="Oefenvraag")
    with freeze_time(ON_THE_DAY):
        assert reminders_send_due().sent == 1
    assert (
        mailoutbox[0].subject
        == "Termijn verloopt vandaag: Oefening — Termijn van een informatieverzoek"
    )


def test_no_subject_of_any_source_carries_text_written_by_people():
    """Every registered source, with a world full of secrets: subjects stay generic."""
    case = CaseFactory(title="GEHEIM-casus")
    session = SessionFactory(case=case, bezig=True, location="GEHEIM-locatie")
    ActionFactory(
        case=case,
        session=session,
        title="GEHEIM-actie",
        due_date=timezone.localdate(),
        report_back_on=timezone.localdate(),
    )
    InformationRequest.objects.create(
        case=case,
        session=session,
        question="GEHEIM-vraag",
        source="GEHEIM-bron",
        requested_by=session.chair,
        created_by=session.chair,
        deadline=timezone.now() + datetime.timedelta(hours=5),
    )
    now = timezone.now()
    subjects = [
        deadline.subject for _name, source in registered_sources() for deadline in source(now=now)
    ]
    assert len(subjects) >= 3  # the action twice and the information request at least
    assert not [subject for subject in subjects if "GEHEIM" in subject]
