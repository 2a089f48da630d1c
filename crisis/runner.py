"""The hand-over in the session runner: where the kernteam sets the phase (bob's "phase"
block), a block right after it proposes the hand-over once the case is in escalatie, or
says who has the case now. Registered with bob.runner_blocks (bob imports no crisis).

The hand-over and its way back open from here with `next`: saved, they return to this
step of the session being run (crisis.views)."""

from django.urls import reverse

from bob import runner_blocks

from . import selectors
from .permissions import can_read_handovers, can_record_handover


def handover_block(request: runner_blocks.BlockRequest) -> dict:
    user, case = request.user, request.case
    if not can_read_handovers(user):
        return {"crisis_handover": None}
    handovers = selectors.handover_list_for_case(user=user, case=case)
    may_record = can_record_handover(user)
    runner = reverse("bob:session_run", kwargs={"uuid": request.session.uuid})
    return {
        "crisis_handover": {
            "active": selectors.active_handovers(handovers),
            "propose": selectors.handover_proposed(case=case, handovers=handovers),
            "can_record": may_record and case.is_open,
            "can_return": may_record,
            "next": f"{runner}?stap={request.step.key}#overdracht",
        }
    }


def register_runner_block() -> None:
    """Called from CrisisConfig.ready()."""
    runner_blocks.register(
        runner_blocks.RunnerBlock(
            "handover", handover_block, template="crisis/blocks/_handover.html"
        )
    )
