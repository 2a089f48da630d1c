"""Exercises in the runner: the injects that came in, shown in every step of an exercise
session (a runner block, bob.runner_blocks), and the given beeld and oordeel of the
besluitvorming form written into the steps when the session first starts."""

from django.db import transaction

from bob import protocol
from bob.models import StepRecord
from bob.runner_blocks import BlockRequest, RunnerBlock, register
from kernteam import exercises
from kernteam.workflow import SessionKind, SessionStatus
from samos.audit.services import audit_record

# Which runner step field each given text fills, per kind of session.
GIVEN_STEPS = {
    SessionKind.EERSTE: {
        "beeldvorming": {
            "wat_gebeurd": "beeld_wat_gebeurd",
            "voorgeschiedenis": "beeld_voorgeschiedenis",
            "uitingen": "beeld_uitingen",
        },
        "oordeelsvorming": {
            "wat_nog": "oordeel_wat_nog",
            "verwachte_uitingen": "oordeel_verwachte_uitingen",
            "groepen": "oordeel_groepen",
        },
    },
    SessionKind.VERVOLG: {"nieuw": {"beeld": "beeld_wat_gebeurd"}},
}

# While an exercise session runs, the runner asks this often whether injects came in
# (htmx; bob.views.runner.SessionInjectsView). Without JavaScript: a "Vernieuwen" link.
POLL_SECONDS = 20


def injects_block(request: BlockRequest) -> dict:
    """Nothing for a real case; in an exercise the injects that came in, and for the
    facilitator the ones still to come with "Nu tonen"."""
    if not request.case.is_exercise:
        return {"exercise_injects": None}

    def build() -> dict:
        exercise = exercises.exercise_of(case=request.case)
        shown, pending = exercises.injects_for_session(session=request.session)
        # "Nu tonen" while the exercise is open and the session not over.
        facilitate = (
            exercise is not None
            and exercises.can_facilitate(request.user, exercise)
            and request.case.is_open
            and not request.session.is_finished
        )
        return {
            "exercise_injects": shown,
            "exercise_pending_injects": pending if facilitate else [],
            "exercise": exercise,
            # Only a running session gets new injects by itself; a poll of one that
            # stopped running draws the block without this, which ends the polling.
            "exercise_injects_poll": (
                POLL_SECONDS if request.session.status == SessionStatus.BEZIG else None
            ),
        }

    return request.once("exercise_injects", build)


INJECTS_BLOCK = RunnerBlock("exercise_injects", injects_block, every_step=True)


def register_exercise_blocks() -> None:
    register(INJECTS_BLOCK)


@transaction.atomic
def prefill_given_steps(*, session, user) -> int:
    """Write the exercise's given beeld and oordeel into the steps of SESSION that nobody
    saved yet (besluitvorming form only). Returns how many steps were filled."""
    exercise = exercises.exercise_of(case=session.case)
    if exercise is None or not exercise.gives_beeld_and_oordeel:
        return 0
    filled = 0
    for step_key, mapping in GIVEN_STEPS.get(session.kind, {}).items():
        step = protocol.step_for(session.kind, step_key)
        if step is None:
            continue
        data = {field.name: "" for field in step.fields if not field.is_choice}
        data.update({name: getattr(exercise, source) for name, source in mapping.items()})
        if not any(data.values()):
            continue
        _record, created = StepRecord.objects.get_or_create(
            session=session, step=step.key, defaults={"data": data, "updated_by": user}
        )
        filled += created
    if filled:
        audit_record(
            action="oefening.beeld_oordeel_ingevuld",
            actor=user,
            obj=session,
            details={"stappen": filled},
        )
    return filled


def on_session_started(sender, *, session, user, **kwargs) -> None:
    if session.case.is_exercise:
        prefill_given_steps(session=session, user=user)
