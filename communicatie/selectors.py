"""Every read of the communicatie app. Visibility starts from the case: whatever hangs
from a case is seen only by who may read communication and sees the case (need-to-know,
kernteam.selectors)."""

import datetime
import difflib
from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communicatie.models import (
    ChecklistItem,
    ChecklistTick,
    CommunicationPlan,
    Judgement,
    Message,
    MessageVersion,
    PlanVersion,
    TargetGroup,
)
from communicatie.permissions import APPROVER_ROLES, can_read_communication
from communicatie.workflow import PENDING_STATUSES, WENT_OUT_STATUSES, MessageStatus
from kernteam import selectors as kernteam_selectors
from kernteam.models import Case

# --- cases, plans, messages ------------------------------------------------------------


def case_list_visible_for(*, user) -> QuerySet[Case]:
    """The cases whose communication USER may read."""
    if not can_read_communication(user):
        return Case.objects.none()
    return kernteam_selectors.case_list_visible_for(user=user)


def case_get_for(*, user, uuid) -> Case:
    if not can_read_communication(user):
        raise Http404
    return kernteam_selectors.case_get_for(user=user, uuid=uuid)


def plan_of(*, case) -> CommunicationPlan | None:
    return (
        CommunicationPlan.objects.filter(case=case)
        .select_related("approver", "updated_by")
        .prefetch_related("groups__target_group")
        .first()
    )


def messages_for_case(*, case) -> QuerySet[Message]:
    return (
        Message.objects.filter(case=case)
        .select_related("kind", "owner", "approved_by", "sent_by", "created_by")
        .prefetch_related("target_groups")
        .order_by("planned_at", "created_at")
    )


def message_list_visible_for(*, user) -> QuerySet[Message]:
    return (
        Message.objects.filter(case__in=case_list_visible_for(user=user))
        .select_related("case", "kind", "owner", "approved_by", "sent_by", "created_by")
        .prefetch_related("target_groups")
    )


def message_get_for(*, user, uuid) -> Message:
    message = (
        message_list_visible_for(user=user)
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=MessageVersion.objects.select_related("author", "decided_by"),
            )
        )
        .filter(uuid=uuid)
        .first()
    )
    if message is None:
        raise Http404
    return message


def active_target_groups() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.filter(is_active=True)


def messages_went_out_between(*, case, start, end) -> list[Message]:
    """What went out for CASE in [START, END): the follow-up session's feedback."""
    return list(
        messages_for_case(case=case)
        .filter(status__in=sorted(WENT_OUT_STATUSES), sent_at__gte=start, sent_at__lt=end)
        .order_by("sent_at")
    )


def messages_went_out(*, case) -> list[Message]:
    """Approved messages that went out, oldest first: part of the case dossier."""
    return list(
        messages_for_case(case=case)
        .filter(status__in=sorted(WENT_OUT_STATUSES))
        .order_by("sent_at")
    )


def messages_approved_or_out(*, case) -> list[Message]:
    return list(
        messages_for_case(case=case)
        .filter(status__in=[MessageStatus.GOEDGEKEURD, *sorted(WENT_OUT_STATUSES)])
        .order_by("approved_at")
    )


# --- approvals --------------------------------------------------------------------------


def approval_queue_for(*, user) -> QuerySet[Message]:
    """What waits for USER's approval, oldest submission first: every visible case for the
    burgemeester, the cases of their mandate for a mandated person."""
    waiting = message_list_visible_for(user=user).filter(status=MessageStatus.TER_GOEDKEURING)
    if not user.has_role(*APPROVER_ROLES):
        waiting = waiting.filter(case__communication_plan__approver=user)
    return waiting.order_by("submitted_at", "pk")


# --- plan history -----------------------------------------------------------------------

SNAPSHOT_LABELS = {
    "goals": _("Communicatiedoelen"),
    "spokespersons": _("Woordvoerder(s)"),
    "timing": _("Tijdstippen en volgorde"),
    "can_influence": _("Waar de gemeente invloed op heeft"),
    "cannot_influence": _("Waar de gemeente geen invloed op heeft"),
    "approver": _("Gemandateerde voor goedkeuring"),
}
GROUP_LABELS = {
    "core_message": _("kernboodschap"),
    "tone": _("toon en stijl"),
    "channels": _("kanalen"),
    "timing": _("moment"),
}


def _flatten(snapshot: dict) -> dict[str, str]:
    """A snapshot as label → text, so two versions compare field by field."""
    flat = {str(label): snapshot.get(key, "") or "" for key, label in SNAPSHOT_LABELS.items()}
    for group in snapshot.get("groups", []):
        for key, label in GROUP_LABELS.items():
            flat[f"{group['name']}: {label}"] = group.get(key, "") or ""
    return flat


@dataclass
class FieldChange:
    label: str
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


def snapshot_diff(older: dict | None, newer: dict) -> list[FieldChange]:
    """What changed from OLDER to NEWER, per field, as removed and added lines."""
    before, after = _flatten(older or {}), _flatten(newer)
    changes = []
    for label in [*after.keys(), *(k for k in before if k not in after)]:
        old, new = before.get(label, ""), after.get(label, "")
        if old == new:
            continue
        change = FieldChange(label)
        for line in difflib.ndiff(old.splitlines(), new.splitlines()):
            if line.startswith("- "):
                change.removed.append(line[2:])
            elif line.startswith("+ "):
                change.added.append(line[2:])
        changes.append(change)
    return changes


def plan_history(*, plan) -> list[dict]:
    """Every version of PLAN, newest first, with who, when and what changed."""
    versions = list(PlanVersion.objects.filter(plan=plan).select_related("author", "session"))
    rows = []
    for index, version in enumerate(versions):
        previous = versions[index + 1].snapshot if index + 1 < len(versions) else None
        rows.append({"version": version, "changes": snapshot_diff(previous, version.snapshot)})
    return rows


# --- judgements and checklist ----------------------------------------------------------


def judgements_for_session(*, session) -> list[Judgement]:
    return list(Judgement.objects.filter(session=session).select_related("judged_by"))


def judgements_for_case(*, case) -> list[Judgement]:
    return list(
        Judgement.objects.filter(plan__case=case)
        .select_related("session", "judged_by")
        .order_by("session__starts_at", "subject_kind", "subject")
    )


def checklist_for_case(*, case) -> list[dict]:
    ticks = {
        tick.item_id: tick
        for tick in ChecklistTick.objects.filter(case=case).select_related("ticked_by")
    }
    return [
        {"item": item, "tick": ticks.get(item.pk)}
        for item in ChecklistItem.objects.filter(is_active=True)
    ]


# --- overview ---------------------------------------------------------------------------


@dataclass
class Gap:
    case: Case
    kind: str  # "no_message" | "overdue"
    target_group: TargetGroup | None = None
    message: Message | None = None


def _week_start(moment: datetime.datetime) -> datetime.date:
    day = timezone.localtime(moment).date()
    return day - datetime.timedelta(days=day.weekday())


def overview_for(*, user, now=None) -> dict:
    """Across the open cases USER sees: planned and sent messages per week, what waits
    for approval, and the gaps (a target group without any message planned, a planned
    moment passed without "verstuurd")."""
    now = now or timezone.now()
    cases = list(
        case_list_visible_for(user=user)
        .filter(closed_at__isnull=True)
        .annotate(plan_version=Coalesce(Max("communication_plan__version"), 0))
        .order_by("title")
    )
    messages = list(
        Message.objects.filter(case__in=cases)
        .exclude(status=MessageStatus.INGETROKKEN)
        .select_related("case", "kind", "owner")
        .prefetch_related("target_groups")
    )
    weeks: dict[datetime.date, list[Message]] = {}
    for message in messages:
        moment = message.sent_at or message.planned_at
        if moment is not None:
            weeks.setdefault(_week_start(moment), []).append(message)
    timeline = [
        {
            "week": week,
            "number": week.isocalendar()[1],
            "messages": sorted(items, key=lambda m: m.sent_at or m.planned_at),
        }
        for week, items in sorted(weeks.items())
    ]
    covered: dict[int, set[int]] = {}
    for message in messages:
        covered.setdefault(message.case_id, set()).update(g.pk for g in message.target_groups.all())
    gaps = []
    plans = (
        CommunicationPlan.objects.filter(case__in=cases)
        .select_related("case")
        .prefetch_related("groups__target_group")
    )
    for plan in plans:
        for group in plan.groups.all():
            if group.target_group_id not in covered.get(plan.case_id, set()):
                gaps.append(Gap(plan.case, "no_message", target_group=group.target_group))
    for message in messages:
        if message.status in PENDING_STATUSES and message.planned_at and message.planned_at < now:
            gaps.append(Gap(message.case, "overdue", message=message))
    waiting = [m for m in messages if m.status == MessageStatus.TER_GOEDKEURING]
    return {
        "timeline": timeline,
        "waiting": sorted(waiting, key=lambda m: m.submitted_at),
        "gaps": gaps,
        "case_count": len(cases),
        "cases": cases,
        "undated": [m for m in messages if not (m.sent_at or m.planned_at)],
    }
