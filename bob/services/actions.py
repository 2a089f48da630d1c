"""Every write to SMART actions: agree one, edit it while it is open, report progress.

An action stays editable until it is done (uitgevoerd) or dropped (vervallen); after that
it is final, like an adopted besluitenlijst: a new need is a new action.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from bob.models import Action, ActionUpdate, Assessment, Decision
from bob.permissions import ACTION_ROLES, can_update_action
from bob.workflow import (
    OPEN_ACTION_STATUSES,
    ActionStatus,
    EffectJudgement,
    action_can_move,
)
from kernteam import exercises
from kernteam import selectors as kernteam_selectors
from kernteam.permissions import can_edit_cases, can_run_session
from samos.audit.services import audit_record
from samos.core.locking import StaleVersion, check_version

__all__ = [
    "ACTION_EDITABLE_FIELDS",
    "ACTION_MESSAGES",
    "StaleVersion",
    "action_create",
    "action_move_refused_message",
    "action_report_progress",
    "action_smart_errors",
    "action_update",
]

# One wording per refusal, shared with the forms so a message reads the same wherever it
# comes from.
ACTION_MESSAGES = {
    "title_required": gettext_lazy("Beschrijf wat er moet worden aangepakt."),
    "result_required": gettext_lazy("Beschrijf welk resultaat de actie moet opleveren."),
    "due_required": gettext_lazy("Vul in wanneer het resultaat bereikt moet zijn."),
    "due_past": gettext_lazy("Deze datum ligt in het verleden: kies vandaag of een latere dag."),
    "owner_required": gettext_lazy(
        "Wie voert de actie uit? Kies een kernteamlid, of vul een derde partij in."
    ),
    "arranger_required": gettext_lazy(
        "Kies het kernteamlid dat de actie met de derde partij regelt."
    ),
    "arranger_without_third_party": gettext_lazy(
        "Vul ook de derde partij in, of laat 'Wie regelt het met de derde?' leeg."
    ),
    "coordinator_required": gettext_lazy("Kies wie de actie vanuit het kernteam coördineert."),
    "not_kernteam": gettext_lazy("Kies iemand die (actief) lid is van het kernteam."),
    "report_back_past": gettext_lazy(
        "De terugkoppeldatum ligt in het verleden: kies vandaag of een latere dag."
    ),
    "too_long": gettext_lazy("Deze tekst is te lang (ten hoogste %(limit)s tekens)."),
    "note_required": gettext_lazy("Schrijf kort op hoe het met de actie staat."),
    "note_required_dropped": gettext_lazy("Schrijf op waarom de actie vervalt."),
    "judged_result_required": gettext_lazy(
        "Beschrijf het beoordeelde resultaat: wat heeft de actie opgeleverd?"
    ),
    "status_unknown": gettext_lazy("Kies een status uit de lijst."),
    "move_refused": gettext_lazy("Een actie met status “%(from)s” kan niet naar “%(to)s”."),
    "judgement_unknown": gettext_lazy("Kies een oordeel uit de lijst."),
    "signals_unknown": gettext_lazy("Een of meer gekozen signalen kunt u niet inzien."),
    "final": gettext_lazy(
        "Deze actie is afgerond (uitgevoerd of vervallen) en verandert niet meer. "
        "Is er iets nieuws nodig? Spreek dan een nieuwe actie af."
    ),
    "case_closed": gettext_lazy("Deze casus is gesloten: er komen geen acties meer bij."),
    "session_other_case": gettext_lazy("Deze bijeenkomst hoort niet bij deze casus."),
    "decision_other_case": gettext_lazy("Dit besluit hoort niet bij deze casus."),
}
STALE_ACTION_MESSAGE = gettext_lazy(
    "Iemand anders heeft deze actie intussen gewijzigd. Bekijk de nieuwe stand en voer uw "
    "wijziging opnieuw in; uw tekst staat hieronder nog."
)

# The SMART fields an edit may change, with their maximum length where the model has one.
ACTION_EDITABLE_FIELDS = (
    "title",
    "intended_result",
    "due_date",
    "activity",
    "alternatives",
    "target_group",
    "executor",
    "third_party",
    "arranged_by",
    "coordinator",
    "report_back_on",
)
_TEXT_FIELDS = ("title", "intended_result", "activity", "alternatives", "target_group")
_MAX_LENGTH = {"title": 200, "target_group": 200, "third_party": 200}
_FREE_TEXT_MAX = 4000


def _is_kernteam_user(user) -> bool:
    return bool(user.is_active and user.has_role(*ACTION_ROLES))


def action_smart_errors(
    *, values: dict[str, Any], previous: Action | None = None
) -> dict[str, list[str]]:
    """The SMART refusals for VALUES, field by field ({} when the action is sound).

    With PREVIOUS (an edit) a date or person that did not change is not judged again: an
    overdue action whose title is corrected keeps its old due date.
    """
    errors: dict[str, list[str]] = {}

    def add(field: str, key: str, **params) -> None:
        message = ACTION_MESSAGES[key]
        errors.setdefault(field, []).append(str(message) % params if params else str(message))

    def changed(field: str) -> bool:
        return previous is None or getattr(previous, field) != values.get(field)

    today = timezone.localdate()
    for field, limit in {**dict.fromkeys(_TEXT_FIELDS, _FREE_TEXT_MAX), **_MAX_LENGTH}.items():
        if len(values.get(field) or "") > limit:
            add(field, "too_long", limit=limit)
    if not (values.get("title") or "").strip():
        add("title", "title_required")
    if not (values.get("intended_result") or "").strip():
        add("intended_result", "result_required")

    due_date = values.get("due_date")
    if due_date is None:
        add("due_date", "due_required")
    elif due_date < today and changed("due_date"):
        add("due_date", "due_past")
    report_back_on = values.get("report_back_on")
    if report_back_on is not None and report_back_on < today and changed("report_back_on"):
        add("report_back_on", "report_back_past")

    executor = values.get("executor")
    arranged_by = values.get("arranged_by")
    third_party = (values.get("third_party") or "").strip()
    if executor is None and not third_party:
        add("executor", "owner_required")
    if third_party and arranged_by is None:
        add("arranged_by", "arranger_required")
    if arranged_by is not None and not third_party:
        add("third_party", "arranger_without_third_party")

    coordinator = values.get("coordinator")
    if coordinator is None:
        add("coordinator", "coordinator_required")
    for field in ("coordinator", "executor", "arranged_by"):
        person = values.get(field)
        if person is not None and changed(field) and not _is_kernteam_user(person):
            add(field, "not_kernteam")
    return errors


def _cleaned(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(values)
    for field in (*_TEXT_FIELDS, "third_party"):
        cleaned[field] = (cleaned.get(field) or "").strip()
    return cleaned


@transaction.atomic
def action_create(
    *,
    user,
    case_uuid,
    title: str,
    intended_result: str,
    due_date: datetime.date | None,
    coordinator,
    executor=None,
    third_party: str = "",
    arranged_by=None,
    activity: str = "",
    alternatives: str = "",
    target_group: str = "",
    report_back_on: datetime.date | None = None,
    session_uuid=None,
    decision_uuid=None,
    assessment_uuid=None,
    request=None,
) -> Action:
    """Agree a SMART action on a case, in a session (its chair or secretary) or outside
    one (any kernteam member) — there possibly as the outcome of a vooraf-afweging."""
    case = kernteam_selectors.case_get_for(user=user, uuid=case_uuid)
    session = None
    if session_uuid is not None:
        session = kernteam_selectors.session_get_for(user=user, uuid=session_uuid)
        if not can_run_session(user, session):
            raise PermissionDenied
        if session.case_id != case.pk:
            raise ValidationError(ACTION_MESSAGES["session_other_case"], code="other_case")
    elif not can_edit_cases(user):
        raise PermissionDenied
    if not case.is_open:
        raise ValidationError(ACTION_MESSAGES["case_closed"], code="case_closed")
    decision = None
    if decision_uuid is not None:
        decision = (
            Decision.objects.select_related("decision_list__session")
            .filter(uuid=decision_uuid)
            .first()
        )
        if decision is None or decision.decision_list.session.case_id != case.pk:
            raise ValidationError({"decision": ACTION_MESSAGES["decision_other_case"]})
    assessment = None
    if assessment_uuid is not None and session is None:
        # Only an assessment of this case; anything else is simply not linked.
        assessment = Assessment.objects.filter(uuid=assessment_uuid, case=case).first()

    values = _cleaned(
        {
            "title": title,
            "intended_result": intended_result,
            "due_date": due_date,
            "activity": activity,
            "alternatives": alternatives,
            "target_group": target_group,
            "executor": executor,
            "third_party": third_party,
            "arranged_by": arranged_by,
            "coordinator": coordinator,
            "report_back_on": report_back_on,
        }
    )
    errors = action_smart_errors(values=values)
    if errors:
        raise ValidationError(errors)
    action = Action.objects.create(
        case=case,
        session=session,
        decision=decision,
        assessment=assessment,
        created_by=user,
        **values,
    )
    audit_record(
        action="actie.aangemaakt",
        actor=user,
        obj=action,
        request=request,
        details={
            "casus": str(case.uuid),
            "bijeenkomst": str(session.uuid) if session else "",
            "besluit": str(decision.uuid) if decision else "",
        },
    )
    return action


def _locked_action(action_uuid) -> Action:
    # Lock only the action's own row: PostgreSQL refuses FOR UPDATE on the nullable side
    # of the outer joins that select_related makes for executor and arranged_by.
    action = (
        Action.objects.select_for_update(of=("self",))
        .select_related("case", "executor", "arranged_by", "coordinator")
        .filter(uuid=action_uuid)
        .first()
    )
    if action is None:
        raise Http404
    return action


def _check_visible(user, action: Action) -> None:
    # Imported here, not at the top: bob.selectors and bob.services are packages whose
    # other modules may import each other; a late import cannot form a cycle.
    from bob.selectors.actions import action_list_visible_for

    if not action_list_visible_for(user=user).filter(pk=action.pk).exists():
        raise Http404


def _check_open(action: Action) -> None:
    if not action.is_open:
        raise ValidationError(ACTION_MESSAGES["final"], code="final")


@transaction.atomic
def action_update(
    *, user, action_uuid, expected_version: int | None, request=None, **fields
) -> Action:
    """Change the SMART fields of an open action (those in ACTION_EDITABLE_FIELDS)."""
    unknown = set(fields) - set(ACTION_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"action_update() got unexpected fields: {', '.join(sorted(unknown))}")
    action = _locked_action(action_uuid)
    _check_visible(user, action)
    if not can_update_action(user, action):
        raise PermissionDenied
    _check_open(action)
    check_version(action.version, expected_version, STALE_ACTION_MESSAGE)

    current = {field: getattr(action, field) for field in ACTION_EDITABLE_FIELDS}
    values = _cleaned({**current, **fields})
    errors = action_smart_errors(values=values, previous=action)
    if errors:
        raise ValidationError(errors)
    changed = [field for field in ACTION_EDITABLE_FIELDS if values[field] != current[field]]
    if not changed:
        return action
    for field in changed:
        setattr(action, field, values[field])
    action.version += 1
    action.save(update_fields=[*changed, "version"])
    audit_record(
        action="actie.gewijzigd",
        actor=user,
        obj=action,
        request=request,
        details={"velden": changed},
    )
    return action


def action_move_refused_message(current: str, target: str) -> str:
    """Why CURRENT → TARGET is refused, naming both statuses."""
    return str(ACTION_MESSAGES["move_refused"]) % {
        "from": ActionStatus(current).label,
        "to": ActionStatus(target).label,
    }


@transaction.atomic
def action_report_progress(
    *,
    user,
    action_uuid,
    note: str,
    to_status: str | None = None,
    session_uuid=None,
    third_party_done: bool | None = None,
    result_visible: str = "",
    signal_uuids: Iterable = (),
    judged_result: str = "",
    judgement: str = "",
    expected_version: int | None = None,
    request=None,
) -> ActionUpdate:
    """Record progress on an open action, possibly moving its status (ACTION_TRANSITIONS).

    Allowed for whoever may update the action, and in a session for its chair or
    secretary (the follow-up session reviews every open action). Done (uitgevoerd) needs
    the judged result; dropped (vervallen) needs the note to say why. Without an explicit
    JUDGEMENT, finishing takes "result visible" as the action's effect judgement.
    """
    action = _locked_action(action_uuid)
    session = None
    if session_uuid is not None:
        session = kernteam_selectors.session_get_for(user=user, uuid=session_uuid)
        if session.case_id != action.case_id:
            raise Http404
        if not (can_run_session(user, session) or can_update_action(user, action)):
            raise PermissionDenied
    else:
        _check_visible(user, action)
        if not can_update_action(user, action):
            raise PermissionDenied
    _check_open(action)
    check_version(action.version, expected_version, STALE_ACTION_MESSAGE)

    note = (note or "").strip()
    judged_result = (judged_result or "").strip()
    result_visible = result_visible or ""
    judgement = judgement or ""
    from_status = action.status
    target = to_status or from_status
    errors: dict[str, list[str]] = {}

    def add(field: str, message) -> None:
        errors.setdefault(field, []).append(str(message))

    if target not in ActionStatus.values:
        add("to_status", ACTION_MESSAGES["status_unknown"])
    elif target != from_status and not action_can_move(from_status, target):
        add("to_status", action_move_refused_message(from_status, target))
    if not note:
        key = "note_required_dropped" if target == ActionStatus.VERVALLEN else "note_required"
        add("note", ACTION_MESSAGES[key])
    elif len(note) > _FREE_TEXT_MAX:
        add("note", str(ACTION_MESSAGES["too_long"]) % {"limit": _FREE_TEXT_MAX})
    if target == ActionStatus.UITGEVOERD and not judged_result:
        add("judged_result", ACTION_MESSAGES["judged_result_required"])
    if len(judged_result) > _FREE_TEXT_MAX:
        add("judged_result", str(ACTION_MESSAGES["too_long"]) % {"limit": _FREE_TEXT_MAX})
    if result_visible and result_visible not in EffectJudgement.values:
        add("result_visible", ACTION_MESSAGES["judgement_unknown"])
    if judgement and judgement not in EffectJudgement.values:
        add("judgement", ACTION_MESSAGES["judgement_unknown"])
    if third_party_done is not None and not isinstance(third_party_done, bool):
        raise TypeError("third_party_done must be True, False or None.")
    wanted = {str(u) for u in signal_uuids}
    signals = []
    if wanted:
        # In an exercise its own fictitious signals may be cited too (never elsewhere).
        citable = exercises.case_signals_visible_for(user=user, case=action.case)
        signals = list(citable.filter(uuid__in=wanted))
        if len(signals) != len(wanted):
            add("signals", ACTION_MESSAGES["signals_unknown"])
    if errors:
        raise ValidationError(errors)

    update = ActionUpdate.objects.create(
        action=action,
        session=session,
        from_status=from_status,
        to_status=target,
        note=note,
        third_party_done=third_party_done,
        result_visible=result_visible,
        author=user,
    )
    if signals:
        update.signals.set(signals)

    changed = ["version"]
    if target != from_status:
        action.status = target
        changed.append("status")
        if target not in OPEN_ACTION_STATUSES:
            action.closed_at = timezone.now()
            changed.append("closed_at")
    if judged_result:
        action.judged_result = judged_result
        changed.append("judged_result")
    if not judgement and target == ActionStatus.UITGEVOERD:
        judgement = result_visible
    if judgement:
        action.judgement = judgement
        changed.append("judgement")
    action.version += 1
    action.save(update_fields=changed)
    audit_record(
        action="actie.voortgang",
        actor=user,
        obj=action,
        request=request,
        details={
            "van": from_status,
            "naar": target,
            "bijeenkomst": str(session.uuid) if session else "",
            "signalen": len(signals),
        },
    )
    return update
