"""Sending due reminders: claim, send, record — once per deadline, offset and recipient.

The scan asks every registered source for its deadlines and, for each recipient, looks
at the offsets whose moment has come:

* Only the latest of them is sent. Earlier ones that were never sent were missed (the
  worker was down) and are recorded as skipped: nobody wants "tomorrow" after the fact.
* The reminder is claimed before the mail goes out, in its own short transaction: a row
  inserted under the unique (key, offset, recipient) constraint, or a conditional update
  of a failed row. Only the scan that claimed it sends, so two scans — one after the
  other or at the same time on two workers — give one mail.
* A failed send is retried by later scans, with a growing pause, up to MAX_ATTEMPTS.

``messages_send`` puts one-off mails (session invitations, notices) through the same
claim, so everything SAMOS mails on its own goes out once, or ends failed and audited.

See docs/adr/0004-reminders.md for why this is a database-backed scan.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from samos.audit.models import AuditEvent
from samos.audit.services import audit_record

from .models import MAX_ATTEMPTS, SentReminder
from .registry import NOTICE, Deadline, Offset, registered_sources
from .selectors import sent_reminders_for_keys

logger = logging.getLogger(__name__)

# A failed send waits RETRY_AFTER × attempts so far before the next try (5, then 10 min).
RETRY_AFTER = timedelta(minutes=5)
# A claim that is neither sent nor failed after this long belongs to a worker that died
# mid-send (killed at the hard time limit, host lost). Far above the task's hard limit,
# so a live sender is never overtaken; retrying may at worst repeat a mail that did go
# out, which beats a reminder that silently never arrives.
CLAIM_EXPIRES_AFTER = timedelta(minutes=15)
AUDIT_ACTOR_LABEL = "systeem (herinneringen)"
_SUBJECT_MAX = 120

Status = SentReminder.Status


@dataclass
class ScanResult:
    """What one scan did; returned to the task for its log line."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0
    source_errors: int = 0
    abandoned: int = 0
    stopped_early: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Recipient:
    email: str
    name: str


def enqueue_after_commit(task, *args: Any, **kwargs: Any) -> None:
    """Queue TASK once the current transaction commits; a rolled-back one queues nothing."""
    transaction.on_commit(partial(task.delay, *args, **kwargs))


def reminders_send_due(
    *, now: datetime | None = None, max_seconds: float | None = None
) -> ScanResult:
    """Send every reminder whose moment has come and that nobody claimed yet.

    Not one big transaction: each claim, and each "sent"/"failed" mark, commits on its
    own, so the SMTP conversation never holds a database lock and a crash halfway loses
    nothing that was done. MAX_SECONDS stops the scan before the task's soft time limit;
    the next scan, a minute later, carries on.
    """
    now = now or timezone.now()
    started = time.monotonic()
    result = ScanResult()
    result.abandoned = reminders_fail_abandoned(now=now)
    for name, source in registered_sources():
        try:
            deadlines = list(source(now=now))
        except Exception:
            # One broken app must not stop everybody else's reminders.
            logger.exception("Reminder source %s failed; skipped in this scan.", name)
            result.source_errors += 1
            continue
        existing = sent_reminders_for_keys(keys=[deadline.key for deadline in deadlines])
        for deadline in deadlines:
            due = [(offset, moment) for offset, moment in deadline.moments() if moment <= now]
            if not due:
                continue
            missed = [offset for offset, _ in due[:-1]]
            latest = due[-1][0]
            for recipient in _recipients(deadline):
                if max_seconds is not None and time.monotonic() - started > max_seconds:
                    result.stopped_early = True
                    return result
                for offset in missed:
                    if (deadline.key, offset.kind, recipient.email) in existing:
                        continue
                    if _reminder_skip(
                        deadline=deadline, offset=offset, email=recipient.email, now=now
                    ):
                        result.skipped += 1
                _claim_and_deliver(
                    deadline=deadline,
                    offset=latest,
                    recipient=recipient,
                    existing=existing,
                    now=now,
                    result=result,
                )
    return result


def messages_send(*, deadlines: Iterable[Deadline], now: datetime | None = None) -> ScanResult:
    """Send one-off messages now — invitations, notices — through the reminders' claim.

    Each DEADLINE has exactly one offset (usually NOTICE) and is sent without waiting for
    its moment: whoever calls this (a task right after commit, a sweeper after a lost
    queue) means "now". The row per (key, offset, recipient) makes it exactly-once across
    callers: a task and a sweeper racing, or a task redelivered after it succeeded, find
    the claim taken or the message sent. Failures are retried by a later call after
    RETRY_AFTER × attempts, up to MAX_ATTEMPTS; then the row is failed, audited and
    counted on the beheerder's start page, like a reminder.
    """
    now = now or timezone.now()
    deadlines = list(deadlines)
    for deadline in deadlines:
        if len(deadline.offsets) != 1:
            raise ValueError(f"Message {deadline.key}: exactly one offset, got several.")
    result = ScanResult()
    existing = sent_reminders_for_keys(keys=[deadline.key for deadline in deadlines])
    for deadline in deadlines:
        for recipient in _recipients(deadline):
            _claim_and_deliver(
                deadline=deadline,
                offset=deadline.offsets[0],
                recipient=recipient,
                existing=existing,
                now=now,
                result=result,
            )
    return result


def _claim_and_deliver(
    *,
    deadline: Deadline,
    offset: Offset,
    recipient: _Recipient,
    existing: dict,
    now: datetime,
    result: ScanResult,
) -> None:
    reminder = _reminder_claim(
        deadline=deadline,
        offset=offset,
        email=recipient.email,
        row=existing.get((deadline.key, offset.kind, recipient.email)),
        now=now,
    )
    if reminder is None:
        return
    if _reminder_deliver(reminder=reminder, deadline=deadline, offset=offset, recipient=recipient):
        result.sent += 1
    else:
        result.failed += 1


ABANDONED_MESSAGE = "Abandoned: the sender stopped mid-send on every attempt."


def reminders_fail_abandoned(*, now: datetime) -> int:
    """Mark FAILED (with an audit event) the reminders whose sender died on every one of
    its MAX_ATTEMPTS tries: a claim nobody will ever retry must not stay "claimed" for
    ever, out of sight. They show on the beheerder's start page."""
    abandoned = list(
        SentReminder.objects.filter(
            status=Status.CLAIMED,
            attempts__gte=MAX_ATTEMPTS,
            claimed_at__lt=now - CLAIM_EXPIRES_AFTER,
        )
    )
    for reminder in abandoned:
        with transaction.atomic():
            won = SentReminder.objects.update_one_if(
                pk=reminder.pk,
                expected={"status": Status.CLAIMED, "attempts": reminder.attempts},
                changes={"status": Status.FAILED, "last_error": ABANDONED_MESSAGE},
            )
            if won:
                audit_record(
                    action="herinnering.mislukt",
                    obj=reminder,
                    actor_label=AUDIT_ACTOR_LABEL,
                    result=AuditEvent.Result.FAILURE,
                    details={**_audit_details(reminder), "reden": "verzender gestopt"},
                )
    return len(abandoned)


def _recipients(deadline: Deadline) -> list[_Recipient]:
    """The distinct, valid addresses of DEADLINE, lower-cased so the claim key is stable."""
    found: list[_Recipient] = []
    seen: set[str] = set()
    for recipient in deadline.recipients:
        if isinstance(recipient, str):
            email, name = recipient, ""
        else:
            if not getattr(recipient, "is_active", True):
                continue
            email = getattr(recipient, "email", "") or ""
            name = getattr(recipient, "first_name", "") or ""
        email = email.strip().lower()
        if not email or email in seen:
            continue
        try:
            validate_email(email)
        except ValidationError:
            # The address itself stays out of the log (personal data).
            logger.warning("Reminder %s: a recipient address is invalid; left out.", deadline.key)
            continue
        seen.add(email)
        found.append(_Recipient(email=email, name=name))
    return found


@transaction.atomic
def _reminder_skip(*, deadline: Deadline, offset: Offset, email: str, now: datetime) -> bool:
    """Record a missed offset as skipped; False when some scan already recorded it."""
    try:
        with transaction.atomic():  # a savepoint: a lost race must not spoil the outer block
            SentReminder.objects.create(
                key=deadline.key,
                offset=offset.kind,
                recipient=email,
                due_at=deadline.due_at,
                status=Status.SKIPPED,
                claimed_at=now,
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def _reminder_claim(
    *,
    deadline: Deadline,
    offset: Offset,
    email: str,
    row: SentReminder | None,
    now: datetime,
) -> SentReminder | None:
    """Claim one reminder for sending; None when it is not ours to send (now).

    First send: insert the row. The unique constraint lets exactly one insert through;
    PostgreSQL makes a concurrent insert wait for the winner's commit and then fail,
    SQLite serialises the transactions. Retry: a conditional update that only matches
    while the row still has the status and attempt count we read.
    """
    if row is None:
        try:
            with transaction.atomic():
                return SentReminder.objects.create(
                    key=deadline.key,
                    offset=offset.kind,
                    recipient=email,
                    due_at=deadline.due_at,
                    status=Status.CLAIMED,
                    claimed_at=now,
                    attempts=1,
                )
        except IntegrityError:
            # Another scan got there first; see what it left behind.
            row = SentReminder.objects.get(key=deadline.key, offset=offset.kind, recipient=email)
    if not _may_retry(row, now):
        return None
    won = SentReminder.objects.update_one_if(
        pk=row.pk,
        expected={"status": row.status, "attempts": row.attempts},
        changes={"status": Status.CLAIMED, "claimed_at": now, "attempts": row.attempts + 1},
    )
    if not won:
        return None
    row.refresh_from_db()
    return row


def _may_retry(row: SentReminder, now: datetime) -> bool:
    if row.attempts >= MAX_ATTEMPTS or row.claimed_at is None:
        return False
    if row.status == Status.FAILED:
        return now >= row.claimed_at + RETRY_AFTER * row.attempts
    if row.status == Status.CLAIMED:
        return now >= row.claimed_at + CLAIM_EXPIRES_AFTER
    return False


def _reminder_deliver(
    *, reminder: SentReminder, deadline: Deadline, offset: Offset, recipient: _Recipient
) -> bool:
    """Send the claimed REMINDER and record the outcome; True when the mail went out."""
    try:
        if deadline.message is not None:
            message = deadline.message(recipient.email)
        else:
            message = _reminder_message(deadline=deadline, offset=offset, recipient=recipient)
        message.send()
    except SoftTimeLimitExceeded as exc:
        # Out of time mid-send: record it (a later scan retries) and let the task end.
        _reminder_mark_failed(reminder=reminder, error=exc)
        raise
    except Exception as exc:
        # SMTP refusals, network errors, and bugs in a source's data alike: record the
        # failure on this reminder and go on with the others.
        logger.warning(
            "Reminder #%s (%s, %s) not sent, attempt %s: %s",
            reminder.pk,
            reminder.key,
            reminder.offset,
            reminder.attempts,
            type(exc).__name__,
        )
        _reminder_mark_failed(reminder=reminder, error=exc)
        return False
    _reminder_mark_sent(reminder=reminder)
    return True


def _audit_details(reminder: SentReminder) -> dict[str, Any]:
    # Identifiers only: the subject and summary may hold free text about people.
    return {
        "sleutel": reminder.key,
        "moment": reminder.offset,
        "termijn": reminder.due_at.astimezone(UTC).isoformat(),
        "pogingen": reminder.attempts,
    }


@transaction.atomic
def _reminder_mark_sent(*, reminder: SentReminder) -> None:
    reminder.status = Status.SENT
    reminder.sent_at = timezone.now()
    reminder.last_error = ""
    reminder.save(update_fields=["status", "sent_at", "last_error"])
    audit_record(
        action="herinnering.verstuurd",
        obj=reminder,
        actor_label=AUDIT_ACTOR_LABEL,
        details=_audit_details(reminder),
    )


@transaction.atomic
def _reminder_mark_failed(*, reminder: SentReminder, error: BaseException) -> None:
    reminder.status = Status.FAILED
    reminder.last_error = f"{type(error).__name__}: {error}"[:200]
    reminder.save(update_fields=["status", "last_error"])
    if reminder.attempts >= MAX_ATTEMPTS:
        audit_record(
            action="herinnering.mislukt",
            obj=reminder,
            actor_label=AUDIT_ACTOR_LABEL,
            result=AuditEvent.Result.FAILURE,
            details=_audit_details(reminder),
        )


def _phase(offset: Offset) -> str:
    if offset == NOTICE:
        return "melding"
    if offset.days < 0:
        return "voor"
    if offset.days == 0:
        return "op"
    return "na"


def _one_line(text: str, limit: int) -> str:
    # Mail headers must not contain line breaks (Django refuses them).
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reminder_message(
    *, deadline: Deadline, offset: Offset, recipient: _Recipient
) -> EmailMultiAlternatives:
    """The Dutch reminder mail: plain text with an HTML alternative."""
    phase = _phase(offset)
    base_url = settings.SAMOS_BASE_URL.rstrip("/")
    context = {
        "phase": phase,
        "name": recipient.name,
        "subject": deadline.subject,
        "summary": deadline.summary,
        "due_at": deadline.due_at,
        "link": f"{base_url}{deadline.url}" if deadline.url else "",
    }
    prefix = {
        "voor": "Herinnering",
        "op": "Termijn verloopt vandaag",
        "na": "Termijn verstreken",
        "melding": "Bericht uit SAMOS",
    }[phase]
    # A worker has no request: fix the language and time zone of the mail explicitly.
    with translation.override("nl"), timezone.override(timezone.get_default_timezone()):
        subject = _one_line(f"{prefix}: {deadline.subject}", _SUBJECT_MAX)
        text = render_to_string("emails/reminder.txt", context)
        html = render_to_string("emails/reminder.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        # RFC 3834: no out-of-office replies to an automatic message.
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    if deadline.attachment is not None:
        filename, content = deadline.attachment()
        message.attach(filename, content, "application/pdf")
    return message
