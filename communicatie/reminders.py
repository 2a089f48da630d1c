"""What in communication has a deadline (samos.reminders): the planned moment of a
message that has not gone out, and a message that waits for approval; plus the notice to
the approvers that something was submitted. Mails carry no content — not even the case
title or the subject of the message — only a link."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from communicatie.models import CommunicationPlan, Message
from communicatie.permissions import APPROVER_ROLES
from communicatie.workflow import PENDING_STATUSES, MessageStatus
from samos.accounts.models import User
from samos.reminders.registry import MISSED_AFTER, NOTICE, Deadline

# A submitted message without a planned moment should be decided on within a working day.
APPROVAL_DUE_AFTER = datetime.timedelta(days=1)
# Notices of submissions up to a week old still go out after an outage.
NOTICE_DAYS_BEHIND = datetime.timedelta(days=7)


def _approvers_by_case(messages: list[Message]) -> dict[int, tuple]:
    """Per case: the active burgemeesters and the person mandated in its plan."""
    mayors = tuple(
        User.objects.filter(is_active=True, groups__name__in=sorted(APPROVER_ROLES))
        .distinct()
        .order_by("pk")
    )
    mandated = dict(
        CommunicationPlan.objects.filter(
            case_id__in={m.case_id for m in messages}, approver__is_active=True
        ).values_list("case_id", "approver_id")
    )
    users = {u.pk: u for u in User.objects.filter(pk__in=set(mandated.values()))}
    result = {}
    for message in messages:
        extra = users.get(mandated.get(message.case_id))
        result[message.case_id] = mayors + ((extra,) if extra and extra not in mayors else ())
    return result


def _prefix(case) -> str:
    return _("Oefening — ") if case.is_exercise else ""


def _submitted(*, now, since) -> list[Message]:
    return list(
        Message.objects.filter(
            status=MessageStatus.TER_GOEDKEURING, submitted_at__gte=since, submitted_at__lte=now
        )
        .select_related("case")
        .order_by("submitted_at", "pk")
    )


def approval_notice_key(message: Message) -> str:
    # The submission moment is part of the key: a message sent back and submitted again
    # announces itself again.
    return f"communicatie.message:{message.uuid}:ingediend:{message.submitted_at:%Y%m%d%H%M%S}"


def approval_notices(*, now: datetime.datetime, messages=None) -> list[Deadline]:
    """A notice to the approvers when a message is submitted (link to the queue only)."""
    messages = _submitted(now=now, since=now - NOTICE_DAYS_BEHIND) if messages is None else messages
    if not messages:
        return []
    approvers = _approvers_by_case(messages)
    url = reverse("communicatie:approvals")
    with translation.override("nl"), timezone.override(timezone.get_default_timezone()):
        return [
            Deadline(
                key=approval_notice_key(message),
                due_at=message.submitted_at,
                recipients=approvers[message.case_id],
                subject=_("%(prefix)sUiting wacht op uw goedkeuring")
                % {"prefix": _prefix(message.case)},
                summary=_("Er wacht een uiting op uw goedkeuring in SAMOS."),
                url=url,
                offsets=(NOTICE,),
            )
            for message in messages
        ]


def pending_approvals(*, now: datetime.datetime) -> list[Deadline]:
    """A submitted message is due for a decision at its planned moment (or a day after
    submission without one): the approvers are reminded the day before, on and after."""
    messages = _submitted(now=now, since=now - datetime.timedelta(days=60))
    if not messages:
        return []
    approvers = _approvers_by_case(messages)
    url = reverse("communicatie:approvals")
    deadlines = []
    with translation.override("nl"), timezone.override(timezone.get_default_timezone()):
        for message in messages:
            due = message.planned_at or message.submitted_at + APPROVAL_DUE_AFTER
            if due < now - MISSED_AFTER:
                continue
            deadlines.append(
                Deadline(
                    key=f"communicatie.approval:{message.uuid}:{message.submitted_at:%Y%m%d%H%M%S}",
                    due_at=due,
                    recipients=approvers[message.case_id],
                    subject=_("%(prefix)sGoedkeuring van een uiting")
                    % {"prefix": _prefix(message.case)},
                    summary=_("Een uiting wacht op uw goedkeuring."),
                    url=url,
                )
            )
    return deadlines


def planned_messages(*, now: datetime.datetime) -> list[Deadline]:
    """The planned moment of a message that has not gone out: its owner (or who drafted
    it) is reminded, so a planned letter does not silently slip."""
    messages = (
        Message.objects.filter(
            status__in=sorted(PENDING_STATUSES),
            planned_at__isnull=False,
            planned_at__gte=now - MISSED_AFTER,
            planned_at__lte=now + datetime.timedelta(days=3),
        )
        .filter(Q(case__closed_at__isnull=True))
        .select_related("case", "owner", "created_by")
        .order_by("planned_at", "pk")
    )
    deadlines = []
    with translation.override("nl"), timezone.override(timezone.get_default_timezone()):
        for message in messages:
            deadlines.append(
                Deadline(
                    # The moment is in the key: a moved moment gets its own reminders.
                    key=f"communicatie.planned:{message.uuid}:{message.planned_at:%Y%m%d%H%M}",
                    due_at=message.planned_at,
                    recipients=(message.owner or message.created_by,),
                    subject=_("%(prefix)sGeplande uiting") % {"prefix": _prefix(message.case)},
                    summary=_("Een geplande uiting is nog niet als verstuurd vastgelegd."),
                    url=message.get_absolute_url(),
                )
            )
    return deadlines
