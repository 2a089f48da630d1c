"""The hand-over in the session runner: where the kernteam sets the phase (bob's "phase"
block), a block right after it proposes the hand-over once the case is in escalatie, or
says who has the case now. Registered with bob.runner_blocks (bob imports no crisis)."""

from bob import runner_blocks

from . import selectors
from .permissions import can_read_handovers, can_record_handover


def handover_block(request: runner_blocks.BlockRequest) -> dict:
    user, case = request.user, request.case
    if not can_read_handovers(user):
        return {"crisis_handover": None}
    handovers = selectors.handover_list_for_case(user=user, case=case)
    return {
        "crisis_handover": {
            "active": selectors.active_handovers(handovers),
            "propose": selectors.handover_proposed(case=case, handovers=handovers),
            "can_record": can_record_handover(user) and case.is_open,
        }
    }


def register_runner_block() -> None:
    """Called from CrisisConfig.ready()."""
    runner_blocks.register(
        runner_blocks.RunnerBlock(
            "handover", handover_block, template="crisis/blocks/_handover.html"
        )
    )
