"""The phase of an area over time: per week the most serious phase of the cases touching
it — the Handreiking's wave (rust → dreigende onrust → onrust → escalatie → terugkeer)
made visible on the area page. Built from each case's PhaseChange history."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone

from .models import PhaseChange
from .selectors import PHASE_SEVERITY, case_list_visible_for
from .workflow import Phase

TIMELINE_WEEKS = 52


@dataclass(frozen=True)
class PhaseWeek:
    start: datetime  # Monday 00:00 local time
    phase: Phase | None  # None: no case touched the area that week
    case_count: int


def _mondays(now: datetime, weeks: int) -> list[datetime]:
    tz = ZoneInfo(settings.TIME_ZONE)
    monday = timezone.localtime(now, tz).date()
    monday -= timedelta(days=monday.weekday())
    return [
        datetime.combine(monday - timedelta(weeks=n), time.min, tzinfo=tz)
        for n in range(weeks - 1, -1, -1)
    ]


def _phases_during(case, changes, start: datetime, end: datetime) -> list[str]:
    """The phases CASE was in at any moment of [start, end), or [] when it was not open."""
    opened, closed = case.opened_at, case.closed_at
    if opened >= end or (closed is not None and closed < start):
        return []
    begin = max(start, opened)
    in_effect = [c.to_phase for c in changes if c.changed_at <= begin]
    # Before the first recorded change the case was in the phase it was opened with.
    phases = [in_effect[-1] if in_effect else (changes[0].to_phase if changes else case.phase)]
    phases += [c.to_phase for c in changes if begin < c.changed_at < end]
    return phases


def area_phase_timeline(*, user, area_ids, now: datetime, weeks: int = TIMELINE_WEEKS):
    """One PhaseWeek per week up to NOW, from the real cases USER may see in these areas."""
    mondays = _mondays(now, weeks)
    cases = list(
        case_list_visible_for(user=user, include_exercises=False)
        .filter(areas__in=area_ids, opened_at__lte=now)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=mondays[0]))
        .distinct()
        .prefetch_related(
            Prefetch("phase_changes", queryset=PhaseChange.objects.order_by("changed_at", "id"))
        )
    )
    timeline = []
    for i, start in enumerate(mondays):
        end = mondays[i + 1] if i + 1 < len(mondays) else now + timedelta(seconds=1)
        worst, touching = None, 0
        for case in cases:
            phases = _phases_during(case, list(case.phase_changes.all()), start, end)
            if not phases:
                continue
            touching += 1
            for phase in phases:
                if worst is None or PHASE_SEVERITY[phase] > PHASE_SEVERITY[worst]:
                    worst = Phase(phase)
        timeline.append(PhaseWeek(start=start, phase=worst, case_count=touching))
    return timeline


def phase_steps(timeline: list[PhaseWeek]) -> list[PhaseWeek]:
    """Only the weeks where the phase differs from the week before: the text version."""
    steps, previous = [], object()
    for week in timeline:
        if week.phase != previous:
            steps.append(week)
            previous = week.phase
    return steps
