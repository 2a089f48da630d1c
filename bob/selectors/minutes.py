"""What the verslag (minutes) of one session shows, as plain data (a *snapshot*).

Every step of the werkprotocol of the session's kind, in protocol order: its questions as
headings, the answers under them, and what the step's blocks recorded (scenarios,
information requests, reviews, the pause, the next session). Decisions and actions
belong to the whole session and follow the steps, as on the besluitenlijst.

Everything in the result is a finished string, number, list or dict — labels instead of
codes, names, local dates — so the same dictionary can be frozen as JSON at adoption and
rendered later without touching the database.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bob import protocol
from bob.models import (
    Action,
    ActionUpdate,
    Decision,
    DecisionReview,
    InformationRequest,
    Scenario,
    StepRecord,
)
from kernteam import selectors as kernteam_selectors
from kernteam.models import Session
from kernteam.workflow import SessionStatus
from samos.documents.models import DocumentSettings
from signals import selectors as signal_selectors

from .actions import action_list_for_case
from .sessions import action_list_for_session, decision_list_of

__all__ = ["session_minutes_snapshot"]

MINUTES_SNAPSHOT_VERSION = 1

# Blocks that belong to the whole session; they get their own sections after the steps.
SESSION_WIDE_BLOCKS = frozenset({"decisions", "actions"})


def _local(value, fmt="d-m-Y H:i") -> str:
    return date_format(timezone.localtime(value), fmt) if value else ""


def _day(value) -> str:
    return date_format(value, "d-m-Y") if value else ""


def _person(user) -> str:
    if user is None:
        return ""
    return f"{user} ({user.job_title})" if user.job_title else str(user)


def _answers(step: protocol.Step, record: StepRecord | None) -> list[dict]:
    """The filled fields of STEP, labelled; a choice shows its label, never its code."""
    data = record.data if record else {}
    answers = []
    for step_field in step.fields:
        value = data.get(step_field.name)
        if value in (None, ""):
            continue
        if step_field.is_choice:
            labels = dict(step_field.choices)
            value = str(labels.get(str(value), value))
        answers.append({"label": str(step_field.label), "value": str(value)})
    return answers


def _scenarios(session: Session) -> list[dict]:
    return [
        {
            "condition": scenario.condition,
            "consequence": scenario.consequence,
            "likelihood": str(scenario.get_likelihood_display()),
            "impact": str(scenario.get_impact_display()),
        }
        for scenario in Scenario.objects.filter(session=session).order_by("created_at", "id")
    ]


def _information_requests(session: Session) -> list[dict]:
    """The case's requests up to and including this session: new ones and earlier ones
    whose answer the team checks."""
    requests = (
        InformationRequest.objects.filter(
            case_id=session.case_id, session__starts_at__lte=session.starts_at
        )
        .select_related("requested_by", "session")
        .order_by("deadline", "id")
    )
    return [
        {
            "question": info.question,
            "source": info.source,
            "owner": _person(info.requested_by),
            "deadline": _local(info.deadline),
            "status": str(info.get_status_display()),
            "answer": info.answer,
            "answered_at": _local(info.answered_at),
            "asked_in_this_session": info.session_id == session.pk,
            "asked_on": _local(info.session.starts_at, "d-m-Y"),
        }
        for info in requests
    ]


def _pause(session: Session) -> dict | None:
    if not session.resume_at and not session.resume_location:
        return None
    return {"resume_at": _local(session.resume_at), "resume_location": session.resume_location}


def _action_reviews(session: Session) -> list[dict]:
    updates = (
        ActionUpdate.objects.filter(session=session)
        .select_related("action", "author")
        .order_by("created_at", "id")
    )
    rows = []
    for update in updates:
        if update.third_party_done is None:
            third_party = ""
        else:
            third_party = _("ja") if update.third_party_done else _("nee")
        rows.append(
            {
                "action": update.action.title,
                "from_status": str(update.get_from_status_display()),
                "to_status": str(update.get_to_status_display()),
                "note": update.note,
                "third_party_done": third_party,
                "result_visible": (
                    str(update.get_result_visible_display()) if update.result_visible else ""
                ),
                "author": _person(update.author),
            }
        )
    return rows


def _decision_reviews(session: Session) -> list[dict]:
    reviews = (
        DecisionReview.objects.filter(session=session)
        .select_related("decision__decision_list__session")
        .order_by("decision__decision_list__session__starts_at", "decision__number")
    )
    return [
        {
            "decision_date": _local(review.decision.decision_list.session.starts_at, "d-m-Y"),
            "decision_number": review.decision.number,
            "decision_text": review.decision.text,
            "judgement": str(review.get_judgement_display()),
            "note": review.note,
        }
        for review in reviews
    ]


def _previous_list(session: Session) -> dict | None:
    """The besluitenlijst the team checked at the start of this follow-up."""
    previous = kernteam_selectors.session_previous(session=session)
    if previous is None:
        return None
    decision_list = decision_list_of(session=previous)
    adopted = bool(decision_list and decision_list.is_adopted)
    return {
        "session_date": _local(previous.starts_at, "d-m-Y"),
        "adopted": adopted,
        "adopted_here": adopted and decision_list.adopted_in_id == session.pk,
        "adopted_at": _local(decision_list.adopted_at) if adopted else "",
    }


def _next_sessions(session: Session) -> list[dict]:
    later = (
        Session.objects.filter(case_id=session.case_id, starts_at__gt=session.starts_at)
        .exclude(pk=session.pk)
        .exclude(status=SessionStatus.GEANNULEERD)
        .order_by("starts_at", "id")
    )
    return [
        {
            "kind": str(planned.get_kind_display()),
            "starts_at": _local(planned.starts_at),
            "location": planned.location,
            "status": str(planned.get_status_display()),
        }
        for planned in later
    ]


def _action_row(action: Action) -> dict:
    return {
        "title": action.title,
        "intended_result": action.intended_result,
        "executor": action.carried_out_by,
        "coordinator": _person(action.coordinator),
        "due_date": _day(action.due_date),
        "status": str(action.get_status_display()),
    }


def _session_actions(session: Session) -> list[dict]:
    actions = action_list_for_session(session=session).order_by("due_date", "id")
    return [_action_row(action) for action in actions]


def _case_actions(session: Session, reader) -> list[dict]:
    if reader is None:
        actions = Action.objects.filter(case_id=session.case_id).order_by("due_date", "id")
    else:
        actions = action_list_for_case(user=reader, case=session.case)
    return [_action_row(action) for action in actions.select_related("executor", "coordinator")]


def _decisions(session: Session, reader) -> list[dict]:
    """Cited signals are only counted, and only as far as READER may see them (all of
    them for the frozen record, READER None): the verslag never names a signal."""
    decisions = Decision.objects.filter(decision_list__session=session).select_related(
        "corrects__decision_list__session"
    )
    if reader is None:
        decisions = decisions.annotate(signal_count=Count("signals"))
    else:
        visible = signal_selectors.signal_list_visible_for(user=reader).values("pk")
        decisions = decisions.annotate(signal_count=Count("signals", filter=Q(signals__in=visible)))
    rows = []
    for decision in decisions.order_by("number"):
        corrects = decision.corrects
        rows.append(
            {
                "number": decision.number,
                "stage": str(decision.get_stage_display()),
                "text": decision.text,
                "corrects_number": corrects.number if corrects else None,
                "corrects_date": (
                    _local(corrects.decision_list.session.starts_at, "d-m-Y") if corrects else ""
                ),
                "signal_count": decision.signal_count,
            }
        )
    return rows


def _block_content(name: str, session: Session, reader, cache: dict):
    """The recorded content of block NAME, or None when it recorded nothing."""
    if name in cache:
        return cache[name]
    content = None
    if name == "scenarios":
        content = _scenarios(session) or None
    elif name == "information_requests":
        content = _information_requests(session) or None
    elif name == "pause":
        content = _pause(session)
    elif name == "action_review":
        content = _action_reviews(session) or None
    elif name == "decision_review":
        content = _decision_reviews(session) or None
    elif name == "adopt_previous":
        content = _previous_list(session)
    elif name == "next_session":
        content = _next_sessions(session) or None
    elif name == "all_actions":
        content = _case_actions(session, reader) or None
    elif name == "close_case":
        case = session.case
        content = {"evaluation": case.evaluation} if case.closed_at and case.evaluation else None
    cache[name] = content
    return content


def _steps(session: Session, reader) -> list[dict]:
    records = {record.step: record for record in StepRecord.objects.filter(session=session)}
    cache: dict = {}
    shown: set[str] = set()
    rows = []
    for number, step in enumerate(protocol.steps_for(session.kind), start=1):
        blocks = {}
        for name in step.blocks:
            # A block listed in several steps shows its content once, at its first step.
            if name in SESSION_WIDE_BLOCKS or name in shown:
                continue
            content = _block_content(name, session, reader, cache)
            if content is not None:
                blocks[name] = content
                shown.add(name)
        answers = _answers(step, records.get(step.key))
        rows.append(
            {
                "number": number,
                "key": step.key,
                "title": str(step.title),
                "stage": str(step.stage_label),
                "questions": [str(question) for question in step.questions],
                "answers": answers,
                "blocks": blocks,
                "is_empty": not answers and not blocks,
            }
        )
    return rows


def session_minutes_snapshot(*, session: Session, reader) -> dict:
    """Everything the verslag of SESSION prints, as JSON-ready data.

    READER: the user a concept is rendered for (cited signals counted, and the case's
    actions listed, as far as they may see them); None for a frozen record.
    """
    case = session.case
    document_settings = DocumentSettings.current()
    return {
        "version": MINUTES_SNAPSHOT_VERSION,
        "municipality": str(document_settings.municipality_name),
        "confidentiality": str(document_settings.confidentiality_line),
        "case": {
            "title": case.title,
            "is_exercise": case.is_exercise,
            "phase": str(case.get_phase_display()),
        },
        "session": {
            "kind": str(session.get_kind_display()),
            "status": str(session.get_status_display()),
            "starts_at": _local(session.starts_at),
            "date": _local(session.starts_at, "d-m-Y"),
            "location": session.location,
            "chair": _person(session.chair),
            "secretary": _person(session.secretary),
            "started_at": _local(session.started_at),
            "finished_at": _local(session.finished_at),
        },
        # Shown for a step nothing was recorded in: the verslag keeps every step.
        "empty_step": _("Niet ingevuld in deze bijeenkomst."),
        "steps": _steps(session, reader),
        "decisions": _decisions(session, reader),
        "actions": _session_actions(session),
    }
