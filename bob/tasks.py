"""Tasks of the BOB app: rendering a case dossier, mailing a vooraf-afweging's note."""

import logging

from celery import shared_task
from django.utils import timezone

from bob.assessment_reminders import assessment_notes
from bob.models import Assessment
from bob.services.dossier_requests import dossier_mark_failed, dossier_render
from samos.reminders.services import enqueue_after_commit, messages_send

logger = logging.getLogger(__name__)

# A dossier of 10 sessions and 200 actions renders in seconds (bench/dossier.py); these
# limits leave room for far larger cases and stay below the broker's visibility timeout.
SOFT_TIME_LIMIT = 240
HARD_TIME_LIMIT = 270
# Retried once: a second failure is reported on the page, not tried for ever.
MAX_RETRIES = 1
RETRY_AFTER_SECONDS = 30


@shared_task(
    bind=True,
    ignore_result=True,
    acks_late=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=HARD_TIME_LIMIT,
    max_retries=MAX_RETRIES,
)
def render_case_dossier(self, dossier_id: int) -> None:
    """Render and store case dossier DOSSIER_ID (idempotent: a ready one is left alone)."""
    try:
        dossier_render(dossier_id=dossier_id)
    except Exception as exc:  # SoftTimeLimitExceeded included: it is an Exception
        if self.request.retries < MAX_RETRIES:
            logger.warning("Dossier #%s failed (%s), retrying once", dossier_id, type(exc).__name__)
            raise self.retry(exc=exc, countdown=RETRY_AFTER_SECONDS) from exc
        logger.error("Dossier #%s failed for good: %s", dossier_id, type(exc).__name__)
        dossier_mark_failed(dossier_id=dossier_id, error=exc)


@shared_task(ignore_result=True, acks_late=True, soft_time_limit=100, time_limit=130)
def send_assessment_note(assessment_id: int) -> None:
    """Mail the members chosen under "alleen partners informeren", once (the reminders'
    claim makes a redelivery or the beat scan's copy a no-op)."""
    assessment = (
        Assessment.objects.select_related("case", "author")
        .prefetch_related("informed")
        .filter(pk=assessment_id)
        .first()
    )
    if assessment is None:
        return
    messages_send(deadlines=assessment_notes(now=timezone.now(), assessments=[assessment]))


def enqueue_assessment_note(assessment_id: int) -> None:
    enqueue_after_commit(send_assessment_note, assessment_id)
