"""Reminders of planned sessions: the invited members with an account, the day before
and on the day; never for a cancelled session; derden are not reminded."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from kernteam import reminders
from samos.accounts.roles import Role
from samos.reminders.registry import registered_sources
from samos.reminders.services import reminders_send_due
from tests.factories import AttendeeFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
STARTS = datetime.datetime(2026, 11, 24, 19, 30, tzinfo=AMS)
SOURCES = [("kernteam.sessions", reminders.planned_sessions)]


@pytest.fixture
def only_session_source():
    with mock.patch("samos.reminders.services.registered_sources", return_value=SOURCES):
        yield


@pytest.fixture
def planned():
    with freeze_time(STARTS - datetime.timedelta(days=5)):
        session = SessionFactory(starts_at=STARTS)
        AttendeeFactory(
            session=session, user=UserFactory(roles=[Role.KERNTEAMLID], email="a@x.example")
        )
        AttendeeFactory(
            session=session, user=None, guest_name="Schooldirecteur", guest_email="s@x.example"
        )
    return session


def test_the_app_registers_its_source():
    assert set(SOURCES) <= set(registered_sources())


def test_members_are_reminded_the_day_before_and_on_the_day(
    only_session_source, mailoutbox, planned
):
    with freeze_time(STARTS - datetime.timedelta(days=1, minutes=1)):
        assert reminders_send_due().sent == 0
    with freeze_time(STARTS - datetime.timedelta(days=1)):
        assert reminders_send_due().sent == 1
        assert reminders_send_due().sent == 0
    assert mailoutbox[0].to == ["a@x.example"]
    assert "Eerste bijeenkomst op 24-11-2026 19:30" in mailoutbox[0].subject
    assert planned.case.title not in mailoutbox[0].subject
    # On the day: in the morning (SAMOS_SESSION_REMINDER_HOUR, 08:00), not at 19:30.
    morning = STARTS.replace(hour=8, minute=0)
    with freeze_time(morning - datetime.timedelta(minutes=1)):
        assert reminders_send_due().sent == 0
    with freeze_time(morning):
        assert reminders_send_due().sent == 1
    with freeze_time(STARTS):
        assert reminders_send_due().sent == 0  # not a second time at the start
    with freeze_time(STARTS + datetime.timedelta(days=1)):
        assert reminders_send_due().sent == 0  # no "after" for a meeting


def test_a_cancelled_session_is_not_reminded(only_session_source, mailoutbox, planned):
    planned.status = "geannuleerd"
    planned.save(update_fields=["status"])
    with freeze_time(STARTS - datetime.timedelta(days=1)):
        assert reminders_send_due().sent == 0


def test_the_morning_hour_is_configurable_and_never_after_the_start(
    only_session_source, mailoutbox, planned, settings
):
    settings.SAMOS_SESSION_REMINDER_HOUR = 21  # later than the 19:30 start
    with freeze_time(STARTS - datetime.timedelta(minutes=1)):
        reminders_send_due()
    assert len(mailoutbox) == 1  # the "voor" one; "op" not yet
    with freeze_time(STARTS):
        assert reminders_send_due().sent == 1  # at the start at the latest
