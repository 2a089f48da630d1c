"""Handing work to Celery without making the web request depend on the broker.

With Redis stopped, `task.delay()` raises after its connection retries. The change a
user just saved is committed by then, so the request must not fail: the work is logged
and left for a sweeper (a beat task that finds what was never done) to pick up.
"""

import logging
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)

# Try the broker briefly: a user is waiting for the page.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}


def enqueue_on_commit(task, *args: Any) -> None:
    """Queue TASK(*ARGS) once the current transaction commits; a rolled-back one queues
    nothing, and an unreachable broker is logged, never raised."""

    def publish() -> None:
        try:
            task.apply_async(args=args, retry=True, retry_policy=PUBLISH_RETRY_POLICY)
        except Exception as exc:
            logger.warning(
                "Task %s%s not queued (%s); its sweeper will do it.",
                task.name,
                args,
                type(exc).__name__,
            )

    transaction.on_commit(publish)
