"""What the kernteam shows on an area page: the phase over time (the thermometer) and the
open cases touching the area, both only from cases the reader may see and never from
exercises. Registered into signals.area_sections."""

from django.utils import timezone

from signals import area_sections

from .charts import thermometer_svg
from .permissions import can_read_cases
from .phase_timeline import area_phase_timeline, phase_steps
from .selectors import case_list_visible_for
from .workflow import CaseStatus


def _thermometer_context(request, area, area_ids):
    if not can_read_cases(request.user):
        return None
    timeline = area_phase_timeline(user=request.user, area_ids=area_ids, now=timezone.now())
    if not any(week.phase for week in timeline):
        return {"timeline": timeline, "steps": [], "svg": None}
    return {"timeline": timeline, "steps": phase_steps(timeline), "svg": thermometer_svg(timeline)}


def _open_cases_context(request, area, area_ids):
    if not can_read_cases(request.user):
        return None
    cases = (
        case_list_visible_for(user=request.user, include_exercises=False)
        .filter(areas__in=area_ids, status=CaseStatus.OPEN)
        .distinct()
        .order_by("-opened_at")
    )
    return {"cases": list(cases)}


def register_area_sections() -> None:
    area_sections.register(
        area_sections.AreaSection(
            key="thermometer",
            template="kernteam/area/_section_thermometer.html",
            context=_thermometer_context,
            order=10,
        )
    )
    area_sections.register(
        area_sections.AreaSection(
            key="open_cases",
            template="kernteam/area/_section_cases.html",
            context=_open_cases_context,
            order=30,
        )
    )
