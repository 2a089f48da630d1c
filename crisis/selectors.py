"""Every read of hand-overs. A hand-over is read through its case: the case must be
visible to the reader (kernteam.selectors.case_get_for, need-to-know included), and the
reader must be one who reads the case's sessions."""

from django.http import Http404

from kernteam import selectors as kernteam_selectors
from kernteam.workflow import Phase

from .models import Handover
from .permissions import can_read_handovers

__all__ = [
    "active_handovers",
    "handover_get_for",
    "handover_list_for_case",
    "handover_proposed",
    "handovers_of_case",
]


def handovers_of_case(*, case) -> list[Handover]:
    """The hand-overs of CASE, oldest first, each with its way back (or none). For a
    reader the caller already allowed to see them."""
    return list(
        Handover.objects.filter(case=case)
        .select_related("handed_over_by", "way_back", "way_back__recorded_by")
        .order_by("handed_over_at", "id")
    )


def handover_list_for_case(*, user, case) -> list[Handover]:
    """The hand-overs of CASE that USER may read. CASE came from case_get_for(user=…)."""
    if not can_read_handovers(user):
        return []
    return handovers_of_case(case=case)


def active_handovers(handovers) -> list[Handover]:
    """Of HANDOVERS, those crisis management has not handed back yet."""
    return [handover for handover in handovers if not handover.is_returned]


def handover_proposed(*, case, handovers) -> bool:
    """Whether to propose a hand-over: the case is open and in escalatie, and no hand-over
    was recorded since it (last) became so. A hand-over that came back before that
    escalation does not count; one recorded after it does, returned or not, so the
    kernteam is not asked again for an escalation it already handled."""
    if not case.is_open or case.phase != Phase.ESCALATIE:
        return False
    escalated_at = (
        case.phase_changes.filter(to_phase=Phase.ESCALATIE)
        .order_by("-changed_at")
        .values_list("changed_at", flat=True)
        .first()
    )
    return not any(
        not handover.is_returned or (escalated_at and handover.created_at >= escalated_at)
        for handover in handovers
    )


def handover_get_for(*, user, case_uuid, uuid) -> tuple:
    """(case, hand-over), or 404 when USER may not see the case or its hand-overs."""
    case = kernteam_selectors.case_get_for(user=user, uuid=case_uuid)
    if not can_read_handovers(user):
        raise Http404
    handover = (
        Handover.objects.filter(case=case, uuid=uuid)
        .select_related("handed_over_by", "way_back", "way_back__recorded_by")
        .first()
    )
    if handover is None:
        raise Http404
    return case, handover
