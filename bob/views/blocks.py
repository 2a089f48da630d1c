"""bob's own runner blocks: per block, what its template needs (bob.runner_blocks).

Registered from BobConfig.ready(). Each context function gets a BlockRequest and returns
the names its template uses; a bound form with errors from a failed post wins over a new
one, so nothing typed is lost.
"""

from bob import selectors as bob_selectors
from bob.forms.runner import (
    AdoptForm,
    CloseCaseForm,
    DecisionForm,
    DecisionReviewForm,
    InformationAnswerForm,
    InformationRequestForm,
    NextSessionForm,
    PauseForm,
    ScenarioForm,
)
from bob.runner_blocks import BlockRequest, RunnerBlock, register
from bob.workflow import Stage
from kernteam import exercises
from kernteam import selectors as kernteam_selectors
from kernteam.forms import PhaseForm

# More rows than a session can discuss are not drawn.
SIGNAL_ROWS = 100


def _case_signals(request: BlockRequest) -> list:
    return request.once(
        "case_signals",
        lambda: list(
            # An exercise's own fictitious signals count here (kernteam.exercises).
            exercises.case_signals_visible_for(user=request.user, case=request.case).filter(
                cases=request.case
            )[:SIGNAL_ROWS]
        ),
    )


def preparations(request: BlockRequest) -> dict:
    overview = kernteam_selectors.preparation_overview(session=request.session, reader=request.user)
    return {"preparation_overview": overview}


def case_signals(request: BlockRequest) -> dict:
    return {"case_signals": _case_signals(request)}


def new_signals(request: BlockRequest) -> dict:
    signals = bob_selectors.new_signals_since_previous(user=request.user, session=request.session)
    return {"new_signals": list(signals[:SIGNAL_ROWS])}


def information_requests(request: BlockRequest) -> dict:
    def build() -> dict:
        requests = list(bob_selectors.information_requests_for_case(case=request.case))
        # One answer form per request, each with its own ids: a label names its own field.
        for info in requests:
            info.answer_form = InformationAnswerForm(auto_id=f"antwoord-{info.uuid}-%s")
        return {
            "information_requests": requests,
            "information_form": request.form(
                "information_form",
                lambda: InformationRequestForm(initial={"requested_by": request.user.pk}),
            ),
        }

    return request.once("information_requests", build)


def scenarios(request: BlockRequest) -> dict:
    return {
        "scenarios": list(bob_selectors.scenarios_for_case(case=request.case)),
        "scenario_form": request.form("scenario_form", ScenarioForm),
    }


def decisions(request: BlockRequest) -> dict:
    signals = _case_signals(request)
    earlier = [
        (str(d.uuid), f"{d.decision_list.session.starts_at:%d-%m-%Y} #{d.number}: {d.text[:60]}")
        for d in bob_selectors.earlier_decisions_with_reviews(session=request.session)
        if d.decision_list.is_adopted
    ]
    form = request.form(
        "decision_form",
        lambda: DecisionForm(
            initial={"stage": request.step.stage or Stage.AFSPRAAK},
            signal_choices=[
                (str(s.uuid), f"{s.observed_at:%d-%m-%Y}, {s.area.name}: {s.observation[:70]}")
                for s in signals
            ],
            correctable=earlier,
        ),
    )
    return {"case_signals": signals, "decision_form": form}


def actions(request: BlockRequest) -> dict:
    from bob.forms.actions import ActionForm  # the actions part owns this form

    session = request.session
    return {
        "session_actions": list(bob_selectors.action_list_for_session(session=session)),
        "action_form": request.form(
            "action_form", lambda: ActionForm(user=request.user, session=session)
        ),
    }


def action_review(request: BlockRequest) -> dict:
    return {"open_actions": list(bob_selectors.action_list_open_for_case(case=request.case))}


def all_actions(request: BlockRequest) -> dict:
    actions = bob_selectors.action_list_for_case(user=request.user, case=request.case)
    return {"all_actions": list(actions)}


def decision_review(request: BlockRequest) -> dict:
    earlier = bob_selectors.earlier_decisions_with_reviews(session=request.session)
    for decision in earlier:
        decision.review_form = DecisionReviewForm(auto_id=f"effect-{decision.uuid}-%s")
    return {"earlier_decisions": earlier}


def adopt_previous(request: BlockRequest) -> dict:
    previous = kernteam_selectors.session_previous(session=request.session)
    context = {"previous_session": previous, "adopt_form": request.form("adopt_form", AdoptForm)}
    if previous:
        context["previous_list"] = bob_selectors.decision_list_of(session=previous)
        context["previous_decisions"] = bob_selectors.session_decisions(
            user=request.user, session=previous
        )
    return context


def phase(request: BlockRequest) -> dict:
    case = request.case
    return {
        "phase_form": request.form(
            "phase_form", lambda: PhaseForm(initial={"phase": case.phase, "version": case.version})
        )
    }


def pause(request: BlockRequest) -> dict:
    session = request.session
    return {
        **information_requests(request),
        "pause_form": request.form(
            "pause_form",
            lambda: PauseForm(
                initial={
                    "resume_at": session.resume_at,
                    "resume_location": session.resume_location,
                }
            ),
        ),
    }


def next_session(request: BlockRequest) -> dict:
    session = request.session
    planned = [
        s
        for s in kernteam_selectors.session_list_for_case(user=request.user, case=request.case)
        if s.starts_at > session.starts_at and s.pk != session.pk
    ]
    return {
        "planned_sessions": planned,
        "next_session_form": request.form("next_session_form", NextSessionForm),
    }


def close_case(request: BlockRequest) -> dict:
    case = request.case
    return {
        "close_form": request.form(
            "close_form",
            lambda: CloseCaseForm(initial={"version": case.version, "evaluation": case.evaluation}),
        )
    }


BOB_BLOCKS = (
    RunnerBlock("attendance"),
    RunnerBlock("preparations", preparations),
    RunnerBlock("case_signals", case_signals),
    RunnerBlock("new_signals", new_signals),
    RunnerBlock("information_requests", information_requests),
    RunnerBlock("scenarios", scenarios),
    RunnerBlock("actions", actions),
    RunnerBlock("action_review", action_review),
    RunnerBlock("all_actions", all_actions),
    RunnerBlock("decision_review", decision_review),
    RunnerBlock("adopt_previous", adopt_previous),
    RunnerBlock("phase", phase),
    RunnerBlock("pause", pause),
    RunnerBlock("next_session", next_session),
    RunnerBlock("close_case", close_case),
    # Below the step's own form: what the step decided, and closing the session.
    RunnerBlock("decisions", decisions, after_record=True),
    RunnerBlock("finish", after_record=True),
)


def register_bob_blocks() -> None:
    for block in BOB_BLOCKS:
        register(block)
