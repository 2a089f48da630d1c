"""Tasks of the kernteam app: mailing the invitations of a session."""

import logging

from celery import shared_task

from kernteam.services.convening import session_invitations_send, session_invitations_sweep

logger = logging.getLogger(__name__)

# Far below the broker's visibility timeout, so a slow run is never handed to a second
# worker while it is still sending.
SOFT_TIME_LIMIT = 100
HARD_TIME_LIMIT = 130
# A failed send (SMTP refused, network down) is tried again a few times, shortly after.
MAX_RETRIES = 3
RETRY_AFTER_SECONDS = 60


@shared_task(
    bind=True,
    ignore_result=True,
    acks_late=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=HARD_TIME_LIMIT,
    max_retries=MAX_RETRIES,
)
def send_session_invitations(self, session_id: int) -> None:
    """Mail the invitations of session SESSION_ID that are not out yet.

    Idempotent: each attendee is marked right after their mail, so a redelivery or a
    second run sends nobody a second invitation; an unknown or finished session, or one
    whose invitations are all out, is a no-op.
    """
    result = session_invitations_send(session_id=session_id)
    if result.sent or result.failed:
        logger.info(
            "Session #%s invitations: %s sent, %s failed", session_id, result.sent, result.failed
        )
    if result.failed:
        raise self.retry(countdown=RETRY_AFTER_SECONDS * (self.request.retries + 1))


@shared_task(ignore_result=True, soft_time_limit=SOFT_TIME_LIMIT, time_limit=HARD_TIME_LIMIT)
def sweep_unsent_invitations() -> None:
    """Every few minutes (beat): invitations that never went out — the queue was down
    when the session was convened — are mailed now, once."""
    result = session_invitations_sweep()
    if result.sent or result.failed:
        logger.info("Invitation sweep: %s sent, %s failed", result.sent, result.failed)
