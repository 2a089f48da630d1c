"""Writing the communication plan of a case: one save = one new version, kept with who,
when and a snapshot, so the history can show a readable diff of every change."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communicatie.models import CommunicationPlan, PlanTargetGroup, PlanVersion, TargetGroup
from communicatie.permissions import PLAN_READ_ROLES, can_edit_plan
from samos.audit.services import audit_record
from samos.core.locking import check_version

PLAN_FIELDS = ("goals", "spokespersons", "timing", "can_influence", "cannot_influence")
GROUP_FIELDS = ("core_message", "tone", "channels", "timing")


@dataclass(frozen=True)
class GroupEntry:
    """What the plan says for one target group."""

    target_group: TargetGroup
    core_message: str = ""
    tone: str = ""
    channels: str = ""
    timing: str = ""


def plan_for_case(*, case) -> CommunicationPlan:
    """The plan of CASE; an empty one (version 0) exists from the first look on."""
    plan, _created = CommunicationPlan.objects.get_or_create(case=case)
    return plan


def plan_snapshot(plan: CommunicationPlan) -> dict:
    """The plan as plain data: what a version stores and the PDF prints."""
    groups = plan.groups.select_related("target_group")
    return {
        **{name: getattr(plan, name) for name in PLAN_FIELDS},
        "approver": str(plan.approver) if plan.approver_id else "",
        "groups": [
            {"name": group.target_group.name, **{f: getattr(group, f) for f in GROUP_FIELDS}}
            for group in groups
        ],
    }


def _check_approver(approver) -> None:
    if approver is not None and not approver.has_role(*PLAN_READ_ROLES):
        raise ValidationError(
            {"approver": _("Kies iemand die de casussen mag lezen (kernteam of burgemeester).")}
        )


@transaction.atomic
def plan_update(
    *,
    actor,
    case,
    expected_version: int | None,
    values: dict,
    groups: list[GroupEntry],
    session=None,
    runner: bool = False,
) -> CommunicationPlan:
    """Save the plan of CASE with VALUES (PLAN_FIELDS, optionally "approver") and exactly
    GROUPS as its target groups. RUNNER: written from a session by whoever runs it (the
    caller checked that); otherwise the adviser's or the mayor's right is needed.

    A save with a stale version is refused (samos.core.locking); a save that changes
    nothing makes no new version."""
    if not runner and not can_edit_plan(actor):
        raise PermissionDenied
    plan = CommunicationPlan.objects.select_for_update().get(pk=plan_for_case(case=case).pk)
    check_version(plan.version, expected_version)
    before = plan_snapshot(plan) if plan.version else None
    if "approver" in values:
        _check_approver(values["approver"])
        plan.approver = values["approver"]
    for name in PLAN_FIELDS:
        if name in values:
            setattr(plan, name, (values[name] or "").strip())
    seen = set()
    for entry in groups:
        if entry.target_group.pk in seen:
            raise ValidationError(_("Een doelgroep staat twee keer in het plan."))
        seen.add(entry.target_group.pk)
    plan.groups.exclude(target_group__in=seen).delete()
    for entry in groups:
        PlanTargetGroup.objects.update_or_create(
            plan=plan,
            target_group=entry.target_group,
            defaults={f: (getattr(entry, f) or "").strip() for f in GROUP_FIELDS},
        )
    after = plan_snapshot(plan)
    if after == before:
        return plan
    plan.version += 1
    plan.updated_by = actor
    plan.updated_at = timezone.now()
    plan.save(update_fields=[*PLAN_FIELDS, "approver", "version", "updated_by", "updated_at"])
    PlanVersion.objects.create(
        plan=plan, number=plan.version, snapshot=after, author=actor, session=session
    )
    audit_record(
        action="communicatieplan.gewijzigd",
        actor=actor,
        obj=case,
        details={"versie": plan.version, "vanuit_bijeenkomst": bool(session)},
    )
    return plan
