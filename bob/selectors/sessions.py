"""Reads for the session runner: what each werkprotocol block shows, and the previous
session's besluitenlijst. Visibility of signals always goes through the signals app."""

from django.db.models import Case, Prefetch, Q, When
from django.http import Http404

from bob.models import (
    Action,
    Decision,
    DecisionList,
    DecisionReview,
    InformationRequest,
    Scenario,
    ScenarioReview,
    StepRecord,
)
from bob.workflow import InformationRequestStatus
from kernteam import exercises
from kernteam import selectors as kernteam_selectors
from kernteam.models import Session
from kernteam.permissions import can_read_sessions
from kernteam.workflow import SessionStatus
from signals import selectors as signal_selectors

__all__ = [
    "action_list_for_session",
    "adopted_decision_lists_for_case",
    "communication_records_for_case",
    "decision_get_in_session",
    "decision_lists_of_case",
    "decision_list_of",
    "earlier_decisions_with_reviews",
    "information_request_get_for",
    "information_request_list_visible_for",
    "information_requests_for_case",
    "new_signals_since_previous",
    "open_information_requests",
    "scenarios_for_case",
    "session_decisions",
    "step_records_by_key",
    "step_records_of_case_newest_first",
]


def step_records_by_key(*, session: Session) -> dict[str, StepRecord]:
    return {record.step: record for record in StepRecord.objects.filter(session=session)}


def step_records_of_case_newest_first(*, case) -> list[StepRecord]:
    """The step answers of CASE's sessions that were not cancelled, the newest session
    first, each with its session: what an app above bob reads to tell the current beeld
    and oordeel (the caller has authorised the case)."""
    return list(
        StepRecord.objects.filter(session__case=case)
        .exclude(session__status=SessionStatus.GEANNULEERD)
        .select_related("session")
        .order_by("-session__starts_at", "-session_id", "id")
    )


def communication_records_for_case(*, case) -> dict[int, StepRecord]:
    """Per session id of CASE: what its "communicatie" step recorded. The case was
    authorised by the caller (the adviser reads this step, not the rest of the session)."""
    records = StepRecord.objects.filter(session__case=case, step="communicatie")
    return {record.session_id: record for record in records}


def adopted_decision_lists_for_case(*, case) -> dict[int, DecisionList]:
    """Per session id of CASE: its adopted besluitenlijst with the stored file."""
    lists = DecisionList.objects.filter(
        session__case=case, adopted_at__isnull=False, document__isnull=False
    ).select_related("document", "adopted_by")
    return {decision_list.session_id: decision_list for decision_list in lists}


def decision_list_of(*, session: Session) -> DecisionList | None:
    return (
        DecisionList.objects.filter(session=session)
        .select_related("adopted_by", "adopted_in", "document")
        .first()
    )


def session_decisions(*, user, session: Session) -> list[Decision]:
    """The session's decisions in order, each with only the cited signals USER may see
    (with their area, so listing them costs no query per signal)."""
    visible = exercises.case_signals_visible_for(user=user, case=session.case)
    visible = visible.select_related("area")
    return list(
        Decision.objects.filter(decision_list__session=session)
        .select_related("corrects__decision_list__session")
        .prefetch_related(Prefetch("signals", queryset=visible))
        .order_by("number")
    )


def information_requests_for_case_qs():
    return InformationRequest.objects.select_related("requested_by", "session", "case")


def information_requests_for_case(*, case):
    """Open requests first (by deadline), then the answered ones."""
    return (
        information_requests_for_case_qs()
        .filter(case=case)
        .order_by(
            Case(When(status=InformationRequestStatus.OPEN, then=0), default=1),
            "deadline",
        )
    )


def open_information_requests(*, case):
    return information_requests_for_case(case=case).filter(status=InformationRequestStatus.OPEN)


def scenarios_for_case(*, case):
    return (
        Scenario.objects.filter(case=case)
        .select_related("session", "created_by")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=ScenarioReview.objects.select_related("session").order_by(
                    "reviewed_at", "id"
                ),
            )
        )
    )


def new_signals_since_previous(*, user, session: Session):
    """Beeldvorming of a follow-up starts from what is new: signals linked to the case, or
    logged in its areas (and themes) since the previous session, that the user may see."""
    case = session.case
    previous = kernteam_selectors.session_previous(session=session)
    since = previous.starts_at if previous else case.opened_at
    area_ids = set()
    for area in case.areas.all():
        area_ids.update(signal_selectors.area_with_descendant_ids(area))
    in_scope = Q(area_id__in=area_ids)
    theme_ids = list(case.themes.values_list("pk", flat=True))
    if theme_ids:
        in_scope &= Q(themes__in=theme_ids)
    return (
        exercises.case_signals_visible_for(user=user, case=case)
        .filter(Q(cases=case) | in_scope, created_at__gte=since)
        .distinct()
        .order_by("-observed_at")
    )


def earlier_decisions_with_reviews(*, session: Session) -> list[Decision]:
    """Decisions of the case's earlier sessions, each with this session's review (if any)
    as `review`, so the team checks the effect of every one of them."""
    decisions = list(
        Decision.objects.filter(
            decision_list__session__case=session.case,
            decision_list__session__status=SessionStatus.AFGEROND,
        )
        .exclude(decision_list__session=session)
        .select_related("decision_list__session")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=DecisionReview.objects.filter(session=session),
                to_attr="this_session_reviews",
            )
        )
        .order_by("decision_list__session__starts_at", "number")
    )
    for decision in decisions:
        decision.review = (
            decision.this_session_reviews[0] if decision.this_session_reviews else None
        )
    return decisions


def action_list_for_session(*, session: Session):
    """The actions agreed in this session (shown where the runner adds actions)."""
    return Action.objects.filter(session=session).select_related(
        "executor", "coordinator", "arranged_by"
    )


def decision_get_in_session(*, session: Session, uuid) -> Decision:
    decision = Decision.objects.filter(decision_list__session=session, uuid=uuid).first()
    if decision is None:
        raise Http404
    return decision


def information_request_list_visible_for(*, user):
    """The requests USER may see: those of a case USER may see, for a reader of sessions;
    one asked in a session only as far as that session is visible too. Set out on the
    case page (no session), a request follows its case."""
    if not can_read_sessions(user):
        return InformationRequest.objects.none()
    cases = kernteam_selectors.case_list_visible_for(user=user)
    sessions = kernteam_selectors.session_list_visible_for(user=user)
    return information_requests_for_case_qs().filter(
        Q(session__isnull=True) | Q(session__in=sessions.values("pk")),
        case__in=cases.values("pk"),
    )


def information_request_get_for(*, user, uuid) -> InformationRequest:
    """The request, or 404 when the user may not see it (its case, its session)."""
    info = information_request_list_visible_for(user=user).filter(uuid=uuid).first()
    if info is None:
        raise Http404
    return info


def decision_lists_of_case(*, case) -> list[tuple[Session, DecisionList | None, list[Decision]]]:
    """Every session of the case that has decisions, with its list and decisions, in order."""
    decisions = list(
        Decision.objects.filter(decision_list__session__case=case)
        .select_related("decision_list__session", "decision_list__adopted_by")
        .order_by("decision_list__session__starts_at", "number")
    )
    grouped: dict[int, tuple] = {}
    for decision in decisions:
        decision_list = decision.decision_list
        entry = grouped.setdefault(decision_list.pk, (decision_list.session, decision_list, []))
        entry[2].append(decision)
    return list(grouped.values())
