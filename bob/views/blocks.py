"""bob's own runner blocks: per block, what its template needs (bob.runner_blocks).

Registered from BobConfig.ready(). Each context function gets a BlockRequest and returns
the names its template uses; a bound form with errors from a failed post wins over a new
one, so nothing typed is lost.
"""

from bob import protocol
from bob import selectors as bob_selectors
from bob.forms.runner import (
    AddMemberForm,
    AdoptForm,
    CloseCaseForm,
    DecisionForm,
    DecisionReviewForm,
    InformationAnswerForm,
    InformationRequestForm,
    NextSessionForm,
    PauseForm,
    ScenarioForm,
    ScenarioReviewForm,
)
from bob.runner_blocks import BlockRequest, RunnerBlock, register
from bob.workflow import Stage
from kernteam import exercises
from kernteam import selectors as kernteam_selectors
from kernteam.forms import PhaseForm
from signals.permissions import can_manage_attention_requests

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


def assessments(request: BlockRequest) -> dict:
    """The vooraf-afwegingen the session starts from (Handreiking A2.1: "dit vormt de
    input van de 1e bespreking"): the one it was convened from, and those since."""
    found = bob_selectors.assessments_for_session(session=request.session)
    return {
        "session_assessments": bob_selectors.assessments_readable(
            user=request.user, assessments=found
        )
    }


def preparations(request: BlockRequest) -> dict:
    overview = kernteam_selectors.preparation_overview(session=request.session, reader=request.user)
    # Follow-ups record attendance in their first step; the first session does it here.
    own_step = protocol.has_block(request.session.kind, "attendance")
    return {"preparation_overview": overview, "attendance_in_own_step": own_step}


def case_signals(request: BlockRequest) -> dict:
    return {"case_signals": _case_signals(request)}


def new_signals(request: BlockRequest) -> dict:
    """What is new since the previous session; those not yet linked can be linked to the
    case from here, and are then citable in a decision."""
    signals = list(
        bob_selectors.new_signals_since_previous(user=request.user, session=request.session)[
            :SIGNAL_ROWS
        ]
    )
    linked = {signal.pk for signal in _case_signals(request)}
    for signal in signals:
        signal.in_case = signal.pk in linked
    return {"new_signals": signals}


def information_requests(request: BlockRequest) -> dict:
    def build() -> dict:
        requests = list(bob_selectors.information_requests_for_case(case=request.case))
        # One answer form per request, each with its own ids: a label names its own field.
        # A refused answer (InformationRequestAnswerView) comes back as typed.
        failed = request.forms.get("information_answer")
        for info in requests:
            if failed and failed[0] == info.pk:
                info.answer_form = failed[1]
            else:
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
    """The case's scenarios, each with what later sessions made of it; those of earlier
    sessions can be looked at again here (a refused one keeps its form as posted)."""
    session = request.session
    failed = request.forms.get("scenario_review_form")
    scenarios = list(bob_selectors.scenarios_for_case(case=request.case))
    for scenario in scenarios:
        reviews = list(scenario.reviews.all())
        scenario.latest_review = reviews[-1] if reviews else None
        scenario.revisitable = scenario.session_id != session.pk
        if failed is not None and str(failed.scenario_uuid) == str(scenario.uuid):
            scenario.review_form = failed
        else:
            this_one = next((r for r in reviews if r.session_id == session.pk), None)
            scenario.review_form = ScenarioReviewForm(
                auto_id=f"herzien-{scenario.uuid}-%s",
                initial={"outcome": this_one.outcome, "note": this_one.note} if this_one else None,
            )
    return {
        "scenarios": scenarios,
        "scenario_form": request.form("scenario_form", ScenarioForm),
    }


def decisions(request: BlockRequest) -> dict:
    from bob.forms.actions import citable_signal_label  # the actions part owns this label

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
            signal_choices=[(str(s.uuid), citable_signal_label(s, length=70)) for s in signals],
            correctable=earlier,
            may_ask_network=can_manage_attention_requests(request.user),
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
    """The open actions to review, each with its progress form; a refused one (from
    bob.views.actions.ActionProgressView) keeps its errors and what was typed. The case's
    signals are offered to cite as the basis of a result (read once for all actions)."""
    to_review = list(bob_selectors.action_list_to_review(session=request.session))
    failed = request.forms.get("action_review")
    for action in to_review:
        action.review_form = failed[1] if failed and failed[0] == action.pk else None
    return {
        "open_actions": [action for action in to_review if action.is_open],
        "closed_since": [action for action in to_review if not action.is_open],
        "review_signals": _case_signals(request),
    }


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
    current = [a.user for a in session.attendees.all() if a.user_id]
    return {
        "planned_sessions": planned,
        "next_session_form": request.form(
            "next_session_form",
            lambda: NextSessionForm(
                candidates=kernteam_selectors.session_invitable_users(), current=current
            ),
        ),
    }


def estimate_history(request: BlockRequest) -> dict:
    """The estimate again: the previous session's values beside this one's, and which
    way each dimension moved; the earlier ones listed below."""
    session = request.session
    history = bob_selectors.estimate_history(case=request.case)
    earlier = [row for row in history if row["session"].starts_at < session.starts_at]
    current = next((row for row in history if row["session"].pk == session.pk), None)
    previous = earlier[-1] if earlier else None
    return {
        "estimate_previous": previous,
        "estimate_changes": bob_selectors.estimate_changes(previous, current) if previous else [],
        "estimate_earlier": earlier,
    }


def widen_team(request: BlockRequest) -> dict:
    """Breiden we het kernteam uit? Who takes part now, and a member or derde added to
    this session in one step (they are invited at once)."""
    from kernteam.forms import AddGuestForm

    session = request.session
    attendees = list(session.attendees.all())
    present = {a.user_id for a in attendees if a.user_id}
    candidates = kernteam_selectors.session_invitable_users().exclude(pk__in=present)
    return {
        "team_members": [a.user for a in attendees if a.user_id],
        "team_guests": [a for a in attendees if not a.user_id],
        "add_member_form": request.form(
            "add_member_form", lambda: AddMemberForm(candidates=candidates)
        ),
        "add_guest_form": request.form("add_guest_form", lambda: AddGuestForm(auto_id="derde_%s")),
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
    RunnerBlock("assessments", assessments),
    RunnerBlock("preparations", preparations),
    RunnerBlock("case_signals", case_signals),
    RunnerBlock("widen_team", widen_team),
    RunnerBlock("estimate_history", estimate_history),
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
