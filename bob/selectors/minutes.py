"""What the verslag (minutes) of one session shows, as plain data (a *snapshot*).

Every step of the werkprotocol of the session's kind, in protocol order: its questions as
headings, the answers under them, and what the step's blocks recorded (scenarios,
information requests, reviews, the pause, the next session). Decisions and actions
belong to the whole session and follow the steps, as on the besluitenlijst.

Everything in the result is a finished string, number, list or dict — labels instead of
codes, names, local dates — so the same dictionary can be frozen as JSON at adoption and
rendered later without touching the database.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from bob import minutes_blocks, protocol
from bob.models import (
    Action,
    ActionUpdate,
    DecisionReview,
    InformationRequest,
    Scenario,
    StepRecord,
)
from kernteam import selectors as kernteam_selectors
from kernteam.models import Session
from kernteam.workflow import SessionStatus

from .actions import action_list_for_case
from .assessments import assessments_for_session
from .documents import (
    attendance_rows,
    decision_rows,
    document_header,
    information_request_row,
    local_text,
    person_text,
)
from .sessions import action_list_for_session, decision_list_of

__all__ = ["session_minutes_snapshot", "step_answers"]

MINUTES_SNAPSHOT_VERSION = 1

# Blocks that belong to the whole session; they get their own sections after the steps.
SESSION_WIDE_BLOCKS = frozenset({"decisions", "actions"})


def _day(value) -> str:
    return date_format(value, "d-m-Y") if value else ""


def step_answers(step: protocol.Step, record: StepRecord | None) -> list[dict]:
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
    whose answer the team checks — those set out from the case page, outside a session,
    too, as far as they were set out before this session ended."""
    ended = session.finished_at or timezone.now()
    requests = (
        InformationRequest.objects.filter(case_id=session.case_id)
        .filter(
            Q(session__starts_at__lte=session.starts_at)
            | Q(session__isnull=True, created_at__lte=ended)
        )
        .select_related("requested_by", "session")
        .order_by("deadline", "id")
    )
    return [
        {**information_request_row(info), "asked_in_this_session": info.session_id == session.pk}
        for info in requests
    ]


def _pause(session: Session) -> dict | None:
    if not session.resume_at and not session.resume_location:
        return None
    return {"resume_at": local_text(session.resume_at), "resume_location": session.resume_location}


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
                "author": person_text(update.author),
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
            "decision_date": local_text(review.decision.decision_list.session.starts_at, "d-m-Y"),
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
        "session_date": local_text(previous.starts_at, "d-m-Y"),
        "adopted": adopted,
        "adopted_here": adopted and decision_list.adopted_in_id == session.pk,
        "adopted_at": local_text(decision_list.adopted_at) if adopted else "",
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
            "starts_at": local_text(planned.starts_at),
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
        "coordinator": person_text(action.coordinator),
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


def _closing(session: Session, reader):
    case = session.case
    return {"evaluation": case.evaluation} if case.closed_at and case.evaluation else None


# A summary, not the preparations themselves: each answer up to this many characters.
PREPARATION_SUMMARY_CHARS = 280


def _preparations(session: Session):
    """The members' preparations, summarised, when the chair chose to include them."""
    decision_list = decision_list_of(session=session)
    if decision_list is None or not decision_list.include_preparations:
        return None
    rows = []
    preparations = session.preparations.select_related("author").order_by(
        "author__last_name", "author__first_name", "id"
    )
    for preparation in preparations:
        answers = [
            {"label": str(label), "value": Truncator(text.strip()).chars(PREPARATION_SUMMARY_CHARS)}
            for _title, pairs in kernteam_selectors.preparation_answer_sections(preparation)
            for label, text in pairs
            if text and text.strip()
        ]
        if answers:
            rows.append({"author": person_text(preparation.author), "answers": answers})
    return {"rows": rows}


def _assessments(session: Session) -> dict:
    """The vooraf-afwegingen the session started from: who, when, outcome and why (the
    cited signals stay out: the verslag is read by people who may not see them all)."""
    rows = [
        {
            "author": person_text(assessment.author),
            "made_at": local_text(assessment.created_at),
            "outcome": str(assessment.get_outcome_display()),
            "convened_from": assessment.session_id == session.pk,
            "motivation": assessment.motivation,
            "what_happened": Truncator(assessment.what_happened).chars(PREPARATION_SUMMARY_CHARS),
        }
        for assessment in assessments_for_session(session=session)
    ]
    return {"rows": rows} if rows else {}


# What each runner block recorded, as content for the verslag: block name → function
# (session, reader) → content, or None/empty when it recorded nothing. A block without an
# entry (the signal lists) is not part of the verslag; preparations only by choice.
BLOCK_CONTENT = {
    "assessments": lambda session, reader: _assessments(session),
    "preparations": lambda session, reader: _preparations(session),
    "scenarios": lambda session, reader: _scenarios(session),
    "information_requests": lambda session, reader: _information_requests(session),
    "pause": lambda session, reader: _pause(session),
    "action_review": lambda session, reader: _action_reviews(session),
    "decision_review": lambda session, reader: _decision_reviews(session),
    "adopt_previous": lambda session, reader: _previous_list(session),
    "next_session": lambda session, reader: _next_sessions(session),
    "all_actions": _case_actions,
    "close_case": _closing,
}


def _block_content(name: str, session: Session, reader, cache: dict):
    """The recorded content of block NAME, or None when it recorded nothing. bob's own
    blocks are in BLOCK_CONTENT; those of apps above bob in bob.minutes_blocks."""
    if name not in cache:
        builder = BLOCK_CONTENT.get(name)
        if builder is None and (added := minutes_blocks.registered(name)) is not None:
            content = added.content(session, reader)
            cache[name] = {"template": added.template, "content": content} if content else None
        else:
            cache[name] = (builder(session, reader) or None) if builder else None
    return cache[name]


def _steps(session: Session, reader) -> list[dict]:
    records = {record.step: record for record in StepRecord.objects.filter(session=session)}
    cache: dict = {}
    shown: set[str] = set()
    rows = []
    for number, step in enumerate(protocol.steps_for(session.kind), start=1):
        blocks, added = {}, []
        for name in step.blocks:
            # A block listed in several steps shows its content once, at its first step.
            if name in SESSION_WIDE_BLOCKS or name in shown:
                continue
            content = _block_content(name, session, reader, cache)
            if content is not None:
                # Blocks of other apps come as {"template", "content"}, drawn in order.
                if name in BLOCK_CONTENT:
                    blocks[name] = content
                else:
                    added.append(content)
                shown.add(name)
        answers = step_answers(step, records.get(step.key))
        rows.append(
            {
                "number": number,
                "key": step.key,
                "title": str(step.title),
                "stage": str(step.stage_label),
                "questions": [str(question) for question in step.questions],
                "answers": answers,
                "blocks": blocks,
                "added_blocks": added,
                "is_empty": not answers and not blocks and not added,
            }
        )
    return rows


def session_minutes_snapshot(*, session: Session, reader, at=None) -> dict:
    """Everything the verslag of SESSION prints, as JSON-ready data.

    READER: the user a concept is rendered for (cited signals counted, and the case's
    actions listed, as far as they may see them); None for a frozen record. AT: the
    moment a frozen record is taken (its adoption).
    """
    header = document_header(session, at=at)
    header["session"].update(
        status=str(session.get_status_display()),
        started_at=local_text(session.started_at),
        finished_at=local_text(session.finished_at),
    )
    return {
        "version": MINUTES_SNAPSHOT_VERSION,
        **header,
        # Shown for a step nothing was recorded in: the verslag keeps every step.
        "empty_step": _("Niet ingevuld in deze bijeenkomst."),
        "steps": _steps(session, reader),
        "attendance": attendance_rows(session),
        "decisions": decision_rows(session, reader),
        "actions": _session_actions(session),
    }
