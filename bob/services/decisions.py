"""Decisions, the besluitenlijst and its adoption, and the review of earlier decisions.

A besluitenlijst is concept until the chair adopts it (at the next session, or alone with
a confirmation step); from then on neither the list nor its decisions change — a
correction is a new decision that refers to the old one. The models refuse changes to
adopted records as well, so nothing slips past these functions.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bob.documents import decision_list_freeze
from bob.models import ADOPTED_IS_FINAL, Decision, DecisionList, DecisionReview, ImmutableRecord
from bob.services._common import clean_text, locked_session, require_runner, require_running
from bob.services.case_documents import decision_list_file
from bob.workflow import DecisionListStatus, EffectJudgement, Stage
from kernteam import exercises
from kernteam.models import Session
from kernteam.permissions import can_chair_session
from kernteam.workflow import SessionStatus
from samos.audit.services import audit_record

__all__ = [
    "decision_list_adopt",
    "decision_list_for",
    "decision_record",
    "decision_remove",
    "decision_review_record",
    "decision_update",
]


def decision_list_for(session: Session) -> DecisionList:
    """The session's besluitenlijst, created (concept) the first time it is needed."""
    decision_list, _created = DecisionList.objects.get_or_create(session=session)
    return decision_list


def _require_concept(decision_list: DecisionList) -> None:
    if decision_list.is_adopted:
        raise ImmutableRecord(ADOPTED_IS_FINAL, code="immutable")


def _cited_signals(user, signal_uuids: Iterable, case) -> list:
    uuids = [str(u) for u in signal_uuids if str(u).strip()]
    if not uuids:
        return []
    # In an exercise, its own fictitious signals may be cited too (never elsewhere).
    visible = exercises.case_signals_visible_for(user=user, case=case)
    signals = list(visible.filter(uuid__in=uuids))
    if len(signals) != len(set(uuids)):
        raise ValidationError({"signals": _("U kunt alleen signalen aanhalen die u mag zien.")})
    return signals


@transaction.atomic
def decision_record(
    *,
    user,
    session_uuid,
    stage: str,
    text: str,
    signal_uuids: Iterable = (),
    corrects_uuid=None,
    request=None,
) -> Decision:
    """Add a numbered decision to the session's (concept) besluitenlijst."""
    session = locked_session(session_uuid)
    require_runner(user, session)
    require_running(session)
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Kies waar het besluit over gaat.")})
    text = clean_text(text, field="text", required=True, message=_("Schrijf het besluit op."))
    decision_list = decision_list_for(session)
    _require_concept(decision_list)
    corrects = None
    if corrects_uuid:
        corrects = (
            Decision.objects.select_related("decision_list__session")
            .filter(uuid=corrects_uuid, decision_list__session__case=session.case)
            .first()
        )
        if corrects is None or not corrects.decision_list.is_adopted:
            raise ValidationError(
                {
                    "corrects": _(
                        "Een correctie verwijst naar een besluit op een vastgestelde lijst."
                    )
                }
            )
    signals = _cited_signals(user, signal_uuids, session.case)
    # The session row is locked, so the next number cannot be taken twice.
    last = decision_list.decisions.aggregate(last=Max("number"))["last"] or 0
    decision = Decision.objects.create(
        decision_list=decision_list,
        number=last + 1,
        stage=stage,
        text=text,
        corrects=corrects,
        created_by=user,
    )
    decision.signals.set(signals)
    audit_record(
        action="besluit.vastgelegd",
        actor=user,
        obj=decision,
        request=request,
        details={"bijeenkomst": str(session.uuid), "nummer": decision.number},
    )
    return decision


def _locked_decision(decision_uuid) -> Decision:
    decision = (
        Decision.objects.select_related("decision_list__session").filter(uuid=decision_uuid).first()
    )
    if decision is None:
        raise PermissionDenied
    locked_session(decision.decision_list.session.uuid)
    return Decision.objects.select_related("decision_list__session").get(pk=decision.pk)


@transaction.atomic
def decision_update(*, user, decision_uuid, text: str, stage: str, request=None) -> Decision:
    """Reword a decision while its list is concept; an adopted one never changes."""
    decision = _locked_decision(decision_uuid)
    require_runner(user, decision.decision_list.session)
    _require_concept(decision.decision_list)
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Kies waar het besluit over gaat.")})
    decision.text = clean_text(
        text, field="text", required=True, message=_("Schrijf het besluit op.")
    )
    decision.stage = stage
    decision.save(update_fields=["text", "stage"])
    audit_record(action="besluit.gewijzigd", actor=user, obj=decision, request=request)
    return decision


@transaction.atomic
def decision_remove(*, user, decision_uuid, request=None) -> None:
    decision = _locked_decision(decision_uuid)
    require_runner(user, decision.decision_list.session)
    _require_concept(decision.decision_list)
    audit_record(action="besluit.verwijderd", actor=user, obj=decision, request=request)
    decision.signals.clear()
    decision.delete()


@transaction.atomic
def decision_list_adopt(
    *, user, session_uuid, confirmed: bool, in_session_uuid=None, request=None
) -> DecisionList:
    """Adopt the besluitenlijst of SESSION_UUID: in the session IN_SESSION_UUID (normally
    the next one), or by the chair alone. CONFIRMED is the confirmation step."""
    session = locked_session(session_uuid)
    in_session = None
    if in_session_uuid:
        in_session = locked_session(in_session_uuid)
        if in_session.case_id != session.case_id or in_session.pk == session.pk:
            raise ValidationError(_("Die bijeenkomst hoort niet bij deze casus."))
        require_running(in_session)
    if not can_chair_session(user, in_session or session):
        raise PermissionDenied
    if session.status != SessionStatus.AFGEROND:
        raise ValidationError(
            _("Rond eerst de bijeenkomst af; daarna kan de besluitenlijst worden vastgesteld.")
        )
    decision_list = decision_list_for(session)
    _require_concept(decision_list)
    if not decision_list.decisions.exists():
        raise ValidationError(_("Er staan nog geen besluiten op deze lijst."))
    if not confirmed:
        raise ValidationError(
            {
                "confirmed": _(
                    "Bevestig dat u de besluitenlijst vaststelt; daarna verandert ze niet meer."
                )
            }
        )
    adopted_at = timezone.now()
    # Freeze what the list prints and render it once: every later download serves this
    # exact file, whatever happens to the case, its actions or its people afterwards.
    frozen = decision_list_freeze(
        session=session, adopted_at=adopted_at, adopted_by=user, adopted_in=in_session
    )
    decision_list.status = DecisionListStatus.VASTGESTELD
    decision_list.adopted_at = adopted_at
    decision_list.adopted_by = user
    decision_list.adopted_in = in_session
    for field, value in frozen.items():
        setattr(decision_list, field, value)
    decision_list.save(update_fields=["status", "adopted_at", "adopted_by", "adopted_in", *frozen])
    decision_list_file(decision_list)
    audit_record(
        action="besluitenlijst.vastgesteld",
        actor=user,
        obj=decision_list,
        request=request,
        details={
            "in_bijeenkomst": str(in_session.uuid) if in_session else "",
            "sha256": decision_list.document.sha256,
        },
    )
    return decision_list


@transaction.atomic
def decision_review_record(
    *, user, session_uuid, decision_uuid, judgement: str, note: str = "", request=None
) -> DecisionReview:
    """Check the effect of an earlier decision in this session (BOB as a cycle)."""
    session = locked_session(session_uuid)
    require_runner(user, session)
    require_running(session)
    decision = (
        Decision.objects.select_related("decision_list__session")
        .filter(uuid=decision_uuid, decision_list__session__case=session.case)
        .exclude(decision_list__session=session)
        .first()
    )
    if decision is None:
        raise ValidationError(
            _("Dat besluit hoort niet bij een eerdere bijeenkomst van deze casus.")
        )
    if judgement not in EffectJudgement.values:
        raise ValidationError({"judgement": _("Geef aan of het effect zichtbaar is.")})
    note = clean_text(note, field="note")
    review, _created = DecisionReview.objects.update_or_create(
        decision=decision,
        session=session,
        defaults={"judgement": judgement, "note": note, "created_by": user},
    )
    audit_record(
        action="besluit.effect_beoordeeld",
        actor=user,
        obj=decision,
        request=request,
        details={"bijeenkomst": str(session.uuid), "effect": judgement},
    )
    return review
