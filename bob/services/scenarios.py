"""Scenario's of the oordeelsvorming: "als …, dan …", with likelihood and impact."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bob.models import Scenario, ScenarioReview
from bob.services._common import locked_session, require_runner, require_running
from bob.workflow import Impact, Likelihood, ScenarioOutcome
from samos.audit.services import audit_record

__all__ = ["scenario_add", "scenario_remove", "scenario_review"]


@transaction.atomic
def scenario_add(
    *,
    user,
    session_uuid,
    condition: str,
    consequence: str,
    likelihood: str,
    impact: str,
    request=None,
) -> Scenario:
    session = locked_session(session_uuid)
    require_runner(user, session)
    require_running(session)
    errors = {}
    condition, consequence = (condition or "").strip(), (consequence or "").strip()
    if not condition:
        errors["condition"] = _("Vul in wat er zou kunnen gebeuren (als …).")
    if not consequence:
        errors["consequence"] = _("Vul in wat dat tot gevolg heeft (dan …).")
    if likelihood not in Likelihood.values:
        errors["likelihood"] = _("Schat de kans in.")
    if impact not in Impact.values:
        errors["impact"] = _("Schat de impact in.")
    if errors:
        raise ValidationError(errors)
    scenario = Scenario.objects.create(
        case=session.case,
        session=session,
        condition=condition[:300],
        consequence=consequence[:300],
        likelihood=likelihood,
        impact=impact,
        created_by=user,
    )
    audit_record(action="scenario.toegevoegd", actor=user, obj=scenario, request=request)
    return scenario


@transaction.atomic
def scenario_remove(*, user, scenario_uuid, request=None) -> None:
    scenario = Scenario.objects.select_related("session").filter(uuid=scenario_uuid).first()
    if scenario is None:
        raise PermissionDenied
    session = locked_session(scenario.session.uuid)
    require_runner(user, session)
    require_running(session)
    audit_record(action="scenario.verwijderd", actor=user, obj=scenario, request=request)
    scenario.delete()


@transaction.atomic
def scenario_review(
    *, user, session_uuid, scenario_uuid, outcome: str, note: str = "", request=None
) -> ScenarioReview:
    """Look at a scenario of an earlier session again: happened, still likely, or no
    longer likely, with a note. Once per session; saying it again replaces it."""
    session = locked_session(session_uuid)
    require_runner(user, session)
    require_running(session)
    scenario = (
        Scenario.objects.filter(uuid=scenario_uuid, case_id=session.case_id)
        .exclude(session=session)
        .first()
    )
    if scenario is None:
        raise PermissionDenied
    if outcome not in ScenarioOutcome.values:
        raise ValidationError({"outcome": _("Kies wat er van het scenario is geworden.")})
    review, _created = ScenarioReview.objects.update_or_create(
        scenario=scenario,
        session=session,
        defaults={"outcome": outcome, "note": (note or "").strip()[:500], "reviewed_by": user},
    )
    audit_record(
        action="scenario.herzien",
        actor=user,
        obj=scenario,
        request=request,
        details={"uitkomst": outcome},
    )
    return review
