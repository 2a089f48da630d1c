"""A reminder whose sender died on every attempt ends "failed" with an audit event and
shows on the beheerder's start page; it never stays "claimed" for ever."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from samos.reminders.models import MAX_ATTEMPTS, SentReminder
from samos.reminders.services import CLAIM_EXPIRES_AFTER, reminders_send_due

pytestmark = pytest.mark.django_db


def claimed(*, attempts, minutes_ago, key="test:1"):
    now = timezone.now()
    return SentReminder.objects.create(
        key=key,
        offset="op",
        recipient="anna@voorbeeldrade.example",
        due_at=now,
        status=SentReminder.Status.CLAIMED,
        claimed_at=now - timedelta(minutes=minutes_ago),
        attempts=attempts,
    )


def test_a_claim_abandoned_on_the_last_attempt_becomes_failed_and_is_audited():
    stale = claimed(attempts=MAX_ATTEMPTS, minutes_ago=CLAIM_EXPIRES_AFTER.seconds // 60 + 5)
    result = reminders_send_due(now=timezone.now())
    stale.refresh_from_db()
    assert result.abandoned == 1
    assert stale.status == SentReminder.Status.FAILED
    assert stale.last_error.startswith("Abandoned")
    event = AuditEvent.objects.get(action="herinnering.mislukt")
    assert event.result == AuditEvent.Result.FAILURE and event.object_id == str(stale.pk)
    # A second scan finds nothing more to do.
    assert reminders_send_due(now=timezone.now()).abandoned == 0


def test_a_claim_that_may_still_be_retried_or_is_in_progress_is_left_alone():
    retryable = claimed(attempts=MAX_ATTEMPTS - 1, minutes_ago=60, key="test:2")
    running = claimed(attempts=MAX_ATTEMPTS, minutes_ago=1, key="test:3")
    reminders_send_due(now=timezone.now())
    for row in (retryable, running):
        row.refresh_from_db()
        assert row.status == SentReminder.Status.CLAIMED


def test_the_beheerder_sees_the_failed_messages_on_the_start_page(client, verified_login):
    row = claimed(attempts=MAX_ATTEMPTS, minutes_ago=60)
    reminders_send_due(now=timezone.now())
    verified_login(client, Role.BEHEERDER, is_staff=True)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "1 bericht niet verstuurd" in page
    assert "?status__exact=failed" in page
    row.refresh_from_db()
    assert row.status == SentReminder.Status.FAILED


def test_other_roles_see_no_such_panel(client, verified_login):
    claimed(attempts=MAX_ATTEMPTS, minutes_ago=60)
    reminders_send_due(now=timezone.now())
    verified_login(client, Role.COORDINATOR)
    assert "niet verstuurd" not in client.get(reverse("core:dashboard")).content.decode()
