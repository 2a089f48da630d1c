"""The scan: once per deadline, offset and recipient; catch-up after an outage; retries; DST."""

import smtplib
from datetime import UTC, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from freezegun import freeze_time

from samos.audit.models import AuditEvent
from samos.reminders.models import BulkUpdateError, SentReminder
from samos.reminders.registry import Offset, registered_source
from samos.reminders.services import (
    MAX_ATTEMPTS,
    enqueue_after_commit,
    reminders_send_due,
)
from samos.reminders.tasks import scan_due_reminders
from tests.factories import UserFactory

from . import FAKE_SOURCE, FakeSource, make_deadline

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
DUE = datetime(2026, 11, 24, 9, 0, tzinfo=AMS)  # Tuesday; no clock change nearby
Status = SentReminder.Status


class FailingBackend(BaseEmailBackend):
    """An SMTP server that hangs up on every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


FAILING_BACKEND = f"{__name__}.FailingBackend"


@pytest.fixture
def source():
    fake = FakeSource()
    with registered_source(FAKE_SOURCE, fake):
        yield fake


def statuses() -> dict[str, str]:
    return dict(SentReminder.objects.values_list("offset", "status"))


def test_nothing_is_sent_before_the_first_moment(source, mailoutbox):
    source.deadlines = [make_deadline(DUE)]
    result = reminders_send_due(now=DUE - timedelta(days=1, seconds=1))
    assert (result.sent, result.skipped) == (0, 0)
    assert mailoutbox == []
    assert source.calls == 1


def test_scanning_twice_sends_one_mail_per_recipient_and_offset(source, mailoutbox):
    user = UserFactory(email="Bram@Voorbeeldrade.example", first_name="Bram")
    source.deadlines = [
        # The same person as a user and as an address, in another case: one mail.
        make_deadline(DUE, user, "anna@voorbeeldrade.example", "bram@voorbeeldrade.example")
    ]
    day_before = DUE - timedelta(days=1)
    assert reminders_send_due(now=day_before).sent == 2
    assert reminders_send_due(now=day_before).sent == 0
    assert reminders_send_due(now=day_before + timedelta(minutes=1)).sent == 0
    assert sorted(m.to[0] for m in mailoutbox) == [
        "anna@voorbeeldrade.example",
        "bram@voorbeeldrade.example",
    ]
    assert reminders_send_due(now=DUE).sent == 2
    assert reminders_send_due(now=DUE + timedelta(days=1)).sent == 2
    assert reminders_send_due(now=DUE + timedelta(days=1)).sent == 0
    assert len(mailoutbox) == 6
    rows = SentReminder.objects.all()
    assert {(r.offset, r.status, r.attempts) for r in rows} == {
        ("voor", Status.SENT, 1),
        ("op", Status.SENT, 1),
        ("na", Status.SENT, 1),
    }
    assert rows.count() == 6


def test_the_mail_is_dutch_names_the_deadline_and_links_to_it(source, mailoutbox, settings):
    settings.SAMOS_BASE_URL = "https://samos.voorbeeldrade.example/"
    user = UserFactory(email="bram@voorbeeldrade.example", first_name="Bram")
    source.deadlines = [make_deadline(DUE, user)]
    reminders_send_due(now=DUE - timedelta(days=1))
    (message,) = mailoutbox
    assert message.subject == "Herinnering: Actie: buurtgesprek voorbereiden"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert "Beste Bram," in message.body
    assert "dinsdag 24 november 2026 om 09:00 uur" in message.body
    assert "Plan het gesprek met de wijkagent." in message.body
    link = "https://samos.voorbeeldrade.example/acties/0b6c1a9e-4f1e-4a53-9d59-2f1a8b6c1d00/"
    assert f"Bekijken in SAMOS: {link}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'<a href="{link}">' in html


def test_hostile_text_is_escaped_in_html_and_kept_off_the_subject_line(source, mailoutbox):
    source.deadlines = [
        make_deadline(DUE, subject="Actie\n<script>x</script>", summary="<b>vet</b> & meer")
    ]
    reminders_send_due(now=DUE)
    (message,) = mailoutbox
    assert message.subject == "Termijn verloopt vandaag: Actie <script>x</script>"
    html = message.alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; meer" in html
    assert "<b>vet</b> & meer" in message.body  # plain text is not HTML-escaped


def test_a_sent_reminder_is_audited_without_free_text(source, mailoutbox):
    source.deadlines = [make_deadline(DUE)]
    reminders_send_due(now=DUE)
    (event,) = AuditEvent.objects.filter(action="herinnering.verstuurd")
    assert event.details == {
        "sleutel": "test.action:1:due",
        "moment": "op",
        "termijn": "2026-11-24T08:00:00+00:00",
        "pogingen": 1,
    }
    assert event.actor is None
    assert event.actor_label == "systeem (herinneringen)"
    everything = f"{event.object_label} {event.details}"
    assert "buurtgesprek" not in everything
    assert "wijkagent" not in everything


def test_after_an_outage_only_the_latest_offset_is_sent(source, mailoutbox):
    source.deadlines = [make_deadline(DUE)]
    # The worker was down from before "voor" until after "na".
    result = reminders_send_due(now=DUE + timedelta(days=2))
    assert (result.sent, result.skipped) == (1, 2)
    (message,) = mailoutbox
    assert message.subject.startswith("Termijn verstreken:")
    assert "is verstreken op dinsdag 24 november 2026 om 09:00 uur" in message.body
    assert statuses() == {"voor": Status.SKIPPED, "op": Status.SKIPPED, "na": Status.SENT}
    assert reminders_send_due(now=DUE + timedelta(days=2, minutes=1)).sent == 0
    assert len(mailoutbox) == 1


def test_no_tomorrow_mail_once_the_deadline_has_passed(source, mailoutbox):
    source.deadlines = [make_deadline(DUE)]
    # Down over "voor", back an hour after the due moment.
    result = reminders_send_due(now=DUE + timedelta(hours=1))
    assert (result.sent, result.skipped) == (1, 1)
    assert mailoutbox[0].subject.startswith("Termijn verloopt vandaag:")
    assert statuses() == {"voor": Status.SKIPPED, "op": Status.SENT}
    # Afterwards the normal rhythm resumes.
    assert reminders_send_due(now=DUE + timedelta(days=1)).sent == 1
    assert [m.subject.split(":")[0] for m in mailoutbox] == [
        "Termijn verloopt vandaag",
        "Termijn verstreken",
    ]


def test_a_deadline_that_is_done_gets_no_after_reminder(source, mailoutbox):
    source.deadlines = [make_deadline(DUE)]
    reminders_send_due(now=DUE)
    source.deadlines = []  # the action was completed: the source no longer yields it
    assert reminders_send_due(now=DUE + timedelta(days=1)).sent == 0
    assert len(mailoutbox) == 1


def test_custom_offsets(source, mailoutbox):
    week_before = Offset("week-voor", -7)
    source.deadlines = [make_deadline(DUE, offsets=[week_before])]
    assert reminders_send_due(now=DUE - timedelta(days=7)).sent == 1
    assert reminders_send_due(now=DUE + timedelta(days=3)).sent == 0
    assert mailoutbox[0].subject.startswith("Herinnering:")
    assert statuses() == {"week-voor": Status.SENT}


def test_a_failed_send_is_retried_and_given_up_after_three_attempts(source, mailoutbox, settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    source.deadlines = [make_deadline(DUE)]
    start = DUE - timedelta(days=1)
    assert reminders_send_due(now=start).failed == 1
    row = SentReminder.objects.get()
    assert (row.status, row.attempts) == (Status.FAILED, 1)
    assert row.last_error.startswith("SMTPServerDisconnected")
    # Not again in the very next minute: the retry waits 5, then 10 minutes.
    assert reminders_send_due(now=start + timedelta(minutes=1)).failed == 0
    assert reminders_send_due(now=start + timedelta(minutes=5)).failed == 1
    assert reminders_send_due(now=start + timedelta(minutes=10)).failed == 0
    assert reminders_send_due(now=start + timedelta(minutes=15)).failed == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    # Given up: later scans leave it alone, even when the server is back.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    result = reminders_send_due(now=start + timedelta(hours=3))
    assert (result.sent, result.failed) == (0, 0)
    assert mailoutbox == []
    assert (
        AuditEvent.objects.filter(
            action="herinnering.mislukt", result=AuditEvent.Result.FAILURE
        ).count()
        == 1
    )
    assert not AuditEvent.objects.filter(action="herinnering.verstuurd").exists()


def test_a_failed_send_succeeds_on_retry(source, mailoutbox, settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    source.deadlines = [make_deadline(DUE)]
    start = DUE - timedelta(days=1)
    reminders_send_due(now=start)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders_send_due(now=start + timedelta(minutes=5)).sent == 1
    assert reminders_send_due(now=start + timedelta(minutes=30)).sent == 0
    row = SentReminder.objects.get()
    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 2, "")
    assert len(mailoutbox) == 1


def test_a_claim_abandoned_by_a_dead_worker_is_taken_over_later(source, mailoutbox):
    source.deadlines = [make_deadline(DUE)]
    # A worker claimed the reminder and died before it could mark the outcome.
    SentReminder.objects.create(
        key="test.action:1:due",
        offset="op",
        recipient="anna@voorbeeldrade.example",
        due_at=DUE,
        status=Status.CLAIMED,
        claimed_at=DUE,
        attempts=1,
    )
    assert reminders_send_due(now=DUE + timedelta(minutes=5)).sent == 0
    assert reminders_send_due(now=DUE + timedelta(minutes=15)).sent == 1
    row = SentReminder.objects.get(offset="op")
    assert (row.status, row.attempts) == (Status.SENT, 2)


def test_a_broken_source_does_not_stop_the_others(source, mailoutbox):
    def broken(*, now):
        raise RuntimeError("bug in an app")

    source.deadlines = [make_deadline(DUE)]
    with registered_source("tests.broken", broken):
        result = reminders_send_due(now=DUE)
    assert (result.sent, result.source_errors) == (1, 1)


def test_inactive_users_and_invalid_addresses_get_nothing(source, mailoutbox):
    gone = UserFactory(email="weg@voorbeeldrade.example", is_active=False)
    source.deadlines = [make_deadline(DUE, gone, "geen-adres", "", "anna@voorbeeldrade.example")]
    assert reminders_send_due(now=DUE).sent == 1
    assert [m.to for m in mailoutbox] == [["anna@voorbeeldrade.example"]]


def test_the_scan_stops_when_its_time_budget_is_spent(source, mailoutbox):
    source.deadlines = [make_deadline(DUE)]
    result = reminders_send_due(now=DUE, max_seconds=-1)  # spent before the first mail
    assert result.stopped_early
    assert mailoutbox == []
    assert reminders_send_due(now=DUE).sent == 1


def test_reminder_rows_cannot_be_bulk_updated(source):
    source.deadlines = [make_deadline(DUE)]
    reminders_send_due(now=DUE)
    with pytest.raises(BulkUpdateError):
        SentReminder.objects.filter(status=Status.SENT).update(status=Status.CLAIMED)
    rows = list(SentReminder.objects.all())
    with pytest.raises(BulkUpdateError):
        SentReminder.objects.bulk_update(rows, ["status"])


def test_the_task_runs_the_scan_and_is_idempotent(source, mailoutbox):
    # Called directly: the task body, without a broker (the Redis test covers the wiring).
    source.deadlines = [make_deadline(DUE)]
    with freeze_time(DUE):
        scan_due_reminders()
        scan_due_reminders()
    assert len(mailoutbox) == 1


def test_a_rolled_back_transaction_enqueues_nothing(django_capture_on_commit_callbacks):
    with mock.patch.object(scan_due_reminders, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(RuntimeError), transaction.atomic():
                enqueue_after_commit(scan_due_reminders)
                raise RuntimeError("rolled back")
        assert callbacks == []
        delay.assert_not_called()

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with transaction.atomic():
                enqueue_after_commit(scan_due_reminders)
            delay.assert_not_called()  # not before the commit
        assert len(callbacks) == 1
        delay.assert_called_once_with()


# --- daylight saving: scan every 15 minutes across the clock change ------------------------


def scan_every_quarter(mailoutbox, start: datetime, end: datetime):
    """Run the scan at every quarter hour from START to END; return (scan time, mail) pairs."""
    seen = []
    with freeze_time(start) as frozen:
        moment = start
        while moment <= end:
            frozen.move_to(moment)
            before = len(mailoutbox)
            reminders_send_due()
            seen.extend((moment, message) for message in mailoutbox[before:])
            moment += timedelta(minutes=15)
    return seen


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def from_db(moment: datetime) -> datetime:
    # Sources read due dates from the database, which hands them out in UTC: the offsets
    # must still land on Amsterdam's wall clock.
    return moment.astimezone(UTC)


def mails_for(seen, subject: str) -> list[tuple[datetime, str]]:
    """(scan time, kind of mail) of the mails about the deadline with SUBJECT."""
    return [
        (when, message.subject.split(":")[0])
        for when, message in seen
        if message.subject.endswith(f": {subject}")
    ]


def test_october_2026_clocks_go_back_neither_skip_nor_double(source, mailoutbox):
    source.deadlines = [
        # Sunday 25 October 09:00 CET (the clocks went back at 03:00 that night).
        make_deadline(from_db(datetime(2026, 10, 25, 9, tzinfo=AMS)), key="a", subject="A"),
        # Monday 26 October 02:30: "one day before" falls in the hour that happens twice.
        make_deadline(from_db(datetime(2026, 10, 26, 2, 30, tzinfo=AMS)), key="b", subject="B"),
    ]
    seen = scan_every_quarter(mailoutbox, utc(2026, 10, 23, 0), utc(2026, 10, 28, 0))
    assert mails_for(seen, "A") == [
        (utc(2026, 10, 24, 7), "Herinnering"),  # Saturday 09:00 CEST
        (utc(2026, 10, 25, 8), "Termijn verloopt vandaag"),  # Sunday 09:00 CET
        (utc(2026, 10, 26, 8), "Termijn verstreken"),  # Monday 09:00 CET
    ]
    assert mails_for(seen, "B") == [
        (utc(2026, 10, 25, 0, 30), "Herinnering"),  # the first 02:30 (CEST)
        (utc(2026, 10, 26, 1, 30), "Termijn verloopt vandaag"),
        (utc(2026, 10, 27, 1, 30), "Termijn verstreken"),
    ]
    assert len(mailoutbox) == 6
    assert not SentReminder.objects.exclude(status=Status.SENT).exists()


def test_march_2027_clocks_go_forward_neither_skip_nor_double(source, mailoutbox):
    source.deadlines = [
        # Sunday 28 March 09:00 CEST (the clocks went forward at 02:00 that night).
        make_deadline(from_db(datetime(2027, 3, 28, 9, tzinfo=AMS)), key="c", subject="C"),
        # Monday 29 March 02:30: "one day before" falls in the hour that does not exist.
        make_deadline(from_db(datetime(2027, 3, 29, 2, 30, tzinfo=AMS)), key="d", subject="D"),
    ]
    seen = scan_every_quarter(mailoutbox, utc(2027, 3, 26, 0), utc(2027, 3, 31, 0))
    assert mails_for(seen, "C") == [
        (utc(2027, 3, 27, 8), "Herinnering"),  # Saturday 09:00 CET
        (utc(2027, 3, 28, 7), "Termijn verloopt vandaag"),  # Sunday 09:00 CEST
        (utc(2027, 3, 29, 7), "Termijn verstreken"),  # Monday 09:00 CEST
    ]
    assert mails_for(seen, "D") == [
        (utc(2027, 3, 28, 1, 30), "Herinnering"),  # 03:30 CEST: 02:30 moved past the gap
        (utc(2027, 3, 29, 0, 30), "Termijn verloopt vandaag"),
        (utc(2027, 3, 30, 0, 30), "Termijn verstreken"),
    ]
    assert len(mailoutbox) == 6
    assert not SentReminder.objects.exclude(status=Status.SENT).exists()
    # The mails state the local time the reader's clock shows, summer time or not.
    before_c = next(m for _, m in seen if m.subject == "Herinnering: C")
    assert "verloopt op zondag 28 maart 2027 om 09:00 uur" in before_c.body
