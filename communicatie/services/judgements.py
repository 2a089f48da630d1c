"""Recording, in a follow-up session, how the communication worked per goal and target
group; and ticking the checklist of a case."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communicatie.models import ChecklistItem, ChecklistTick, Judgement
from communicatie.permissions import can_edit_plan, can_read_communication
from communicatie.workflow import Outcome, SubjectKind
from samos.audit.services import audit_record

from .plan import plan_for_case


@dataclass(frozen=True)
class JudgementEntry:
    subject_kind: str
    subject: str
    outcome: str  # "" = not judged (left out)
    note: str = ""
    target_group: object = None


@transaction.atomic
def judgements_record(*, actor, session, entries: list[JudgementEntry]) -> int:
    """Store the judgements of SESSION (the caller runs the session); an entry without an
    outcome removes an earlier judgement of that subject in this session. Returns how many
    judgements the session now holds."""
    plan = plan_for_case(case=session.case)
    for entry in entries:
        if entry.subject_kind not in SubjectKind.values or not entry.subject.strip():
            raise ValidationError(_("Onbekend onderwerp voor een oordeel."))
        lookup = {
            "session": session,
            "subject_kind": entry.subject_kind,
            "subject": entry.subject[:300],
        }
        if not entry.outcome:
            if entry.note.strip():
                raise ValidationError(
                    _("Kies een oordeel bij ‘%(subject)s’, of wis de toelichting.")
                    % {"subject": entry.subject}
                )
            Judgement.objects.filter(**lookup).delete()
            continue
        if entry.outcome not in Outcome.values:
            raise ValidationError(_("Kies een van de oordelen."))
        Judgement.objects.update_or_create(
            **lookup,
            defaults={
                "plan": plan,
                "target_group": entry.target_group,
                "outcome": entry.outcome,
                "note": entry.note.strip(),
                "judged_by": actor,
                "judged_at": timezone.now(),
            },
        )
    count = Judgement.objects.filter(session=session).count()
    audit_record(
        action="communicatie.beoordeeld", actor=actor, obj=session, details={"oordelen": count}
    )
    return count


@transaction.atomic
def checklist_set(*, actor, case, item: ChecklistItem, done: bool) -> None:
    """Tick or untick one checklist point for CASE (adviser, mayor)."""
    if not (can_edit_plan(actor) and can_read_communication(actor)):
        raise PermissionDenied
    if done:
        _tick, created = ChecklistTick.objects.get_or_create(
            case=case, item=item, defaults={"ticked_by": actor}
        )
    else:
        created = bool(ChecklistTick.objects.filter(case=case, item=item).delete()[0])
    if created:
        audit_record(
            action="communicatie.checklist_afgevinkt" if done else "communicatie.checklist_open",
            actor=actor,
            obj=case,
            details={"punt": item.pk},
        )
