"""The periodic reminder scan, run by Celery beat every minute (CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task

from .services import reminders_send_due

logger = logging.getLogger(__name__)

# Below the settings' global limits (120 s soft, 180 s hard) and far below Redis'
# visibility timeout, so a slow scan is never delivered to a second worker while it runs.
SOFT_TIME_LIMIT = 100
HARD_TIME_LIMIT = 130
# Stop starting new mails well before the soft limit; the next scan carries on.
SCAN_BUDGET_SECONDS = 80


@shared_task(
    ignore_result=True,
    acks_late=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=HARD_TIME_LIMIT,
)
def scan_due_reminders() -> None:
    """Send what is due. Idempotent: a second run, or a redelivery, finds it all claimed."""
    result = reminders_send_due(max_seconds=SCAN_BUDGET_SECONDS)
    if result.sent or result.failed or result.skipped or result.source_errors:
        logger.info("Reminder scan: %s", result.as_dict())
