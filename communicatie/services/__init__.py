"""Every write of the communicatie app (plans, messages, judgements, checklist)."""

from .judgements import JudgementEntry, checklist_set, judgements_record
from .messages import (
    message_approve,
    message_create,
    message_mark_sent,
    message_send_back,
    message_submit,
    message_update,
    message_withdraw,
)
from .plan import GroupEntry, plan_for_case, plan_snapshot, plan_update

__all__ = [
    "GroupEntry",
    "JudgementEntry",
    "checklist_set",
    "judgements_record",
    "message_approve",
    "message_create",
    "message_mark_sent",
    "message_send_back",
    "message_submit",
    "message_update",
    "message_withdraw",
    "plan_for_case",
    "plan_snapshot",
    "plan_update",
]
