"""Two workers scanning at the same moment send one mail: the claim decides, not the timing."""

import sqlite3
import threading
from contextlib import closing
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from samos.reminders import services
from samos.reminders.models import SentReminder
from samos.reminders.registry import registered_source
from samos.reminders.services import reminders_send_due

from . import FAKE_SOURCE, FakeSource, make_deadline

DUE = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
RECIPIENTS = [f"lid{i}@voorbeeldrade.example" for i in range(5)]


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """Returns `use()`, which a thread calls first to reach the database the way a worker does.

    PostgreSQL: the test database itself. SQLite: Django's in-memory test database lives
    in a shared cache, where a second writer gets "database table is locked" at once
    instead of waiting. On a file — what `make run` uses — SQLite waits for the lock
    (20 s busy timeout, BEGIN IMMEDIATE, WAL). So on SQLite the threads work on a file
    copy of the test database, with the project's own connection options.
    """
    if connection.vendor != "sqlite":
        yield lambda: None
        return
    path = tmp_path / "samos-threads.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)

    def use():
        # This thread's own connection object, not connected yet: point it at the file.
        own = connections["default"]
        own.settings_dict = {**own.settings_dict, "NAME": str(path)}

    yield use


def run_in_threads(count: int, target, use_database) -> list[BaseException]:
    errors: list[BaseException] = []

    def run():
        try:
            use_database()
            target()
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a scan hung"
    return errors


def test_two_scans_at_the_same_time_send_one_mail_each(shared_database, mailoutbox, monkeypatch):
    # shared_database first: its transactional set-up replaces Django's test outbox.
    # Both scans read "nothing claimed yet" before either claims, so the race is real:
    # only the unique constraint (and the conditional update) can stop the second mail.
    both_have_read = threading.Barrier(2, timeout=30)
    read = services.sent_reminders_for_keys

    def read_then_wait(**kwargs):
        rows = read(**kwargs)
        both_have_read.wait()
        return rows

    monkeypatch.setattr(services, "sent_reminders_for_keys", read_then_wait)
    deadline = make_deadline(DUE, *RECIPIENTS)
    with registered_source(FAKE_SOURCE, FakeSource(deadline)):
        errors = run_in_threads(2, lambda: reminders_send_due(now=DUE), shared_database)
    assert errors == []
    assert sorted(m.to[0] for m in mailoutbox) == sorted(RECIPIENTS)

    def check():
        # "op" sent once to each; the missed "voor" recorded once as skipped, race or not.
        rows = SentReminder.objects.values_list("offset", "status", "attempts")
        assert sorted(rows) == sorted(
            [("op", "sent", 1)] * len(RECIPIENTS) + [("voor", "skipped", 0)] * len(RECIPIENTS)
        )

    assert run_in_threads(1, check, shared_database) == []


def test_two_retries_at_the_same_time_send_one_mail(shared_database, mailoutbox):
    # A failed reminder due for a retry, picked up by two scans at once: the conditional
    # update on (status, attempts) lets one of them through.
    def failed_once():
        SentReminder.objects.create(
            key="test.action:1:due",
            offset="op",
            recipient="anna@voorbeeldrade.example",
            due_at=DUE,
            status=SentReminder.Status.FAILED,
            claimed_at=DUE,
            attempts=1,
        )

    assert run_in_threads(1, failed_once, shared_database) == []
    start = threading.Barrier(2, timeout=30)

    def scan():
        start.wait()
        reminders_send_due(now=DUE + timedelta(hours=1))

    with registered_source(FAKE_SOURCE, FakeSource(make_deadline(DUE))):
        errors = run_in_threads(2, scan, shared_database)
    assert errors == []
    assert len(mailoutbox) == 1

    def check():
        row = SentReminder.objects.get(offset="op")
        assert (row.status, row.attempts) == (SentReminder.Status.SENT, 2)

    assert run_in_threads(1, check, shared_database) == []
