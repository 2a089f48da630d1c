"""Tasks of the kernteam app: mailing the invitations of a session."""

import logging

from celery import shared_task

from kernteam.services.convening import session_invitations_send, session_invitations_sweep

logger = logging.getLogger(__name__)

# Far below the broker's visibility timeout, so a slow run is never handed to a second
# worker while it is still sending.
SOFT_TIME_LIMIT = 100
HARD_TIME_LIMIT = 130


@shared_task(
    ignore_result=True,
    acks_late=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=HARD_TIME_LIMIT,
)
def send_session_invitations(session_id: int) -> None:
    """Mail the invitations of session SESSION_ID that are not out yet.

    Idempotent: each invitation is claimed before it is sent (samos.reminders), so a
    redelivery or a second run sends nobody a second one; an unknown or finished session,
    or one whose invitations are all out, is a no-op. No Celery retry: a failed send is
    retried by the sweep below after the claim's pause (no long countdowns on Redis).
    """
    result = session_invitations_send(session_id=session_id)
    if result.sent or result.failed:
        logger.info(
            "Session #%s invitations: %s sent, %s failed", session_id, result.sent, result.failed
        )


@shared_task(ignore_result=True, soft_time_limit=SOFT_TIME_LIMIT, time_limit=HARD_TIME_LIMIT)
def sweep_unsent_invitations() -> None:
    """Every few minutes (beat): invitations that never went out (the queue was down when
    the session was convened) or whose send failed (SMTP down) are mailed now, once."""
    result = session_invitations_sweep()
    if result.sent or result.failed:
        logger.info("Invitation sweep: %s sent, %s failed", result.sent, result.failed)
