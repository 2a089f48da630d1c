"""Reads of the reminders app: the rows a scan needs, the list beheerders see."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet

from .models import MAX_ATTEMPTS, SentReminder

ClaimKey = tuple[str, str, str]

# Keep IN lists well below the bind-parameter limits of SQLite and PostgreSQL.
_CHUNK = 500


def sent_reminders_for_keys(*, keys: Iterable[str]) -> dict[ClaimKey, SentReminder]:
    """Existing rows for the deadline KEYS, by (key, offset, recipient): one query per chunk."""
    unique_keys = sorted(set(keys))
    found: dict[ClaimKey, SentReminder] = {}
    for start in range(0, len(unique_keys), _CHUNK):
        chunk = unique_keys[start : start + _CHUNK]
        for row in SentReminder.objects.filter(key__in=chunk):
            found[(row.key, row.offset, row.recipient)] = row
    return found


def messages_sent_at(*, keys: Iterable[str]) -> dict[str, datetime]:
    """When the message of each of KEYS went out (any recipient), for those that did."""
    return {
        row.key: row.sent_at
        for row in sent_reminders_for_keys(keys=keys).values()
        if row.status == SentReminder.Status.SENT and row.sent_at is not None
    }


def sent_reminder_list(*, status: str | None = None) -> QuerySet[SentReminder]:
    """Rows for an overview, newest claim first, optionally of one status."""
    rows = SentReminder.objects.order_by("-claimed_at", "-pk")
    if status:
        rows = rows.filter(status=status)
    return rows


def failed_reminder_count() -> int:
    """Reminders that will not be sent any more (after MAX_ATTEMPTS): for the beheerder."""
    return SentReminder.objects.filter(
        status=SentReminder.Status.FAILED, attempts__gte=MAX_ATTEMPTS
    ).count()
