"""The nightly retention run, started by Celery beat (CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task

from .services import retention_enforce

logger = logging.getLogger(__name__)

# A night's work can take a while on a large database; stay well below Redis'
# visibility timeout (3600 s) so a running job is never handed to a second worker.
SOFT_TIME_LIMIT = 1500
HARD_TIME_LIMIT = 1800


@shared_task(
    ignore_result=True,
    acks_late=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=HARD_TIME_LIMIT,
)
def enforce_retention() -> None:
    """Idempotent: a second run, or a redelivery, finds nothing left past its period."""
    outcomes = retention_enforce()
    logger.info(
        "Retention: %s",
        {code: outcome.count for code, outcome in outcomes.items() if outcome.count},
    )
