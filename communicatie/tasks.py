"""Tasks of the communicatie app: the notice to the approvers when a message is submitted."""

import logging

from celery import shared_task
from django.utils import timezone

from communicatie.models import Message
from communicatie.reminders import approval_notices
from communicatie.workflow import MessageStatus
from samos.reminders.services import enqueue_after_commit, messages_send

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True, acks_late=True, soft_time_limit=100, time_limit=130)
def send_approval_notice(message_id: int) -> None:
    """Mail the approvers of message MESSAGE_ID that it waits for them, once.

    Idempotent through the reminders' claim (samos.reminders): a redelivery, or the beat
    scan that sends the same notice from the `communicatie.approval_notices` source when
    the queue was down, finds the claim taken. No-op when the message no longer waits."""
    message = Message.objects.select_related("case").filter(pk=message_id).first()
    if message is None or message.status != MessageStatus.TER_GOEDKEURING:
        return
    result = messages_send(deadlines=approval_notices(now=timezone.now(), messages=[message]))
    if result.sent or result.failed:
        logger.info(
            "Approval notice %s: %s sent, %s failed", message.uuid, result.sent, result.failed
        )


def enqueue_approval_notice(message_id: int) -> None:
    enqueue_after_commit(send_approval_notice, message_id)
