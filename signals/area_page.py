"""What the signals app shows on an area page: the counts of the last weeks and the most
recent signals the reader may open. Registered into signals.area_sections."""

from django.utils import timezone

from samos.accounts.permission_table import Can, may

from . import area_sections
from .selectors import signal_list_visible_for
from .stats import area_signal_counts
from .views._rows import signal_rows

RECENT_SIGNALS = 10


def _counts_context(request, area, area_ids):
    if not may(request.user, Can.READ_SIGNALS):
        return None
    counts = area_signal_counts(user=request.user, area_ids=area_ids, now=timezone.now())
    return {"counts": counts}


def _recent_context(request, area, area_ids):
    if not may(request.user, Can.READ_SIGNALS):
        return None
    signals = signal_list_visible_for(user=request.user).filter(area_id__in=area_ids)
    rows = signal_rows(signals.order_by("-observed_at", "-id")[:RECENT_SIGNALS])
    return {"rows": rows, "list_query": f"area={area.pk}"}


def register_area_sections() -> None:
    area_sections.register(
        area_sections.AreaSection(
            key="signal_counts",
            template="signals/area/_section_counts.html",
            context=_counts_context,
            order=20,
        )
    )
    area_sections.register(
        area_sections.AreaSection(
            key="recent_signals",
            template="signals/area/_section_recent.html",
            context=_recent_context,
            order=40,
        )
    )
