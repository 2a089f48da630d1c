"""Aggregated counts of signals for the start page: the heat table and the weekly trend.

Every count starts from `signal_list_visible_for`, so nobody sees numbers of signals they
could not open. A signal in a buurt counts for its kern or wijk.

"Hoger dan gewoonlijk": in the last 7 days at least 2 signals, and at least twice the
usual weekly number — the average week of the 12 weeks before the last 30 days.

Positive observations (veerkracht) are counted beside the concerns, never in them: a
village taking care of itself must not raise ▲, and the trend shows concerns only.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Area, Signal, Theme
from .permissions import SENSITIVE_ROLES
from .selectors import hiding_rules_apply, signal_list_visible_for

BASELINE_WEEKS = 12
TREND_WEEKS = 12
TREND_MAX_THEMES = 6
CONCERN = Q(nature=Signal.Nature.ZORG)


@dataclass
class HeatCell:
    last_7: int = 0
    last_30: int = 0
    baseline_per_week: float = 0.0
    positive_30: int = 0  # veerkracht in the last 30 days, not part of the counts above

    @property
    def has_any(self) -> bool:
        return bool(self.last_30 or self.positive_30)

    @property
    def higher_than_usual(self) -> bool:
        return self.last_7 >= 2 and self.last_7 >= 2 * self.baseline_per_week


@dataclass
class HeatTable:
    themes: list[Theme]
    rows: list[tuple[Area, list[HeatCell]]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(cell.has_any for _, cells in self.rows for cell in cells)


def _top_level_areas() -> tuple[list[Area], dict[int, int]]:
    """The kernen/wijken, and for every area id the id of its kern/wijk (one query)."""
    areas = list(
        Area.objects.filter(is_active=True).only("id", "uuid", "name", "kind", "parent_id")
    )
    by_id = {area.pk: area for area in areas}
    top = sorted(
        (a for a in areas if a.kind in (Area.Kind.KERN, Area.Kind.WIJK)), key=lambda a: a.name
    )
    top_ids = {area.pk for area in top}
    owner: dict[int, int] = {}
    for area in areas:
        current = area
        while current is not None and current.pk not in top_ids:
            current = by_id.get(current.parent_id)
        if current is not None:
            owner[area.pk] = current.pk
    return top, owner


def heat_table(*, user, now: datetime, signals=None) -> HeatTable:
    """SIGNALS (default: what USER may see) counted per kern/wijk and theme."""
    last_7, last_30 = now - timedelta(days=7), now - timedelta(days=30)
    baseline_start = last_30 - timedelta(weeks=BASELINE_WEEKS)
    counts = (
        (signal_list_visible_for(user=user) if signals is None else signals)
        .filter(observed_at__gte=baseline_start, observed_at__lte=now)
        .order_by()
        .values("area_id", "themes")
        .annotate(
            n7=Count("id", filter=Q(observed_at__gte=last_7) & CONCERN),
            n30=Count("id", filter=Q(observed_at__gte=last_30) & CONCERN),
            base=Count("id", filter=Q(observed_at__lt=last_30) & CONCERN),
            positive=Count("id", filter=Q(observed_at__gte=last_30) & ~CONCERN),
        )
    )
    themes = list(Theme.objects.filter(is_active=True))
    top, owner = _top_level_areas()
    cells = {(area.pk, theme.pk): HeatCell() for area in top for theme in themes}
    for row in counts:
        cell = cells.get((owner.get(row["area_id"]), row["themes"]))
        if cell is not None:
            cell.last_7 += row["n7"]
            cell.last_30 += row["n30"]
            cell.baseline_per_week += row["base"] / BASELINE_WEEKS
            cell.positive_30 += row["positive"]
    return HeatTable(
        themes=themes,
        rows=[(area, [cells[(area.pk, theme.pk)] for theme in themes]) for area in top],
    )


@dataclass
class TrendSeries:
    name: str
    counts: list[int]


@dataclass
class Trend:
    weeks: list[datetime]
    series: list[TrendSeries]


def weekly_trend(*, user, now: datetime, signals=None) -> Trend:
    """Signals per week (Monday 00:00 local time) per theme, the last 12 weeks.

    The week boundaries are computed here as aware local datetimes and counted with one
    filtered COUNT per week: no per-row time-zone function in the database (slow on
    SQLite), and daylight-saving changes fall where the calendar puts them.
    """
    tz = ZoneInfo(settings.TIME_ZONE)
    monday = timezone.localtime(now, tz).date()
    monday -= timedelta(days=monday.weekday())
    days = [monday - timedelta(weeks=n) for n in range(TREND_WEEKS - 1, -1, -1)]
    weeks = [datetime.combine(day, time.min, tzinfo=tz) for day in days]
    bounds = [*weeks, now + timedelta(seconds=1)]
    per_week = {
        f"w{i}": Count("id", filter=Q(observed_at__gte=bounds[i], observed_at__lt=bounds[i + 1]))
        for i in range(TREND_WEEKS)
    }
    rows = (
        (signal_list_visible_for(user=user) if signals is None else signals)
        .filter(observed_at__gte=weeks[0], observed_at__lte=now, themes__isnull=False)
        .filter(CONCERN)
        .order_by()
        .values("themes__name")
        .annotate(**per_week)
    )
    per_theme = {row["themes__name"]: [row[f"w{i}"] for i in range(TREND_WEEKS)] for row in rows}
    ranked = sorted(per_theme.items(), key=lambda item: (-sum(item[1]), item[0]))
    series = [TrendSeries(name, counts) for name, counts in ranked[:TREND_MAX_THEMES]]
    rest = ranked[TREND_MAX_THEMES:]
    if rest:
        summed = [sum(counts[i] for _, counts in rest) for i in range(TREND_WEEKS)]
        series.append(TrendSeries(_("Overige"), summed))
    return Trend(weeks=weeks, series=series)


# Trend figures are slow information (the inbox is the fast one): a few minutes old is
# fine. A beat task refreshes the figures everyone at the table shares every minute, so
# the start page does not compute them while someone waits (see refresh_shared_figures).
PANEL_CACHE_SECONDS = 300
SHARED = "all"


def _visibility_key(user) -> str:
    """Users who see every signal share figures; others (their own sensitive signals
    count for them) get their own."""
    sees_everything = user.has_role(*SENSITIVE_ROLES) and not hiding_rules_apply(user)
    return SHARED if sees_everything else f"user-{user.pk}"


def _cache_key(name: str, visibility: str) -> str:
    return f"signals:{name}:{visibility}"


def _cached(name: str, user, compute):
    key = _cache_key(name, _visibility_key(user))
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, PANEL_CACHE_SECONDS)
    return value


def refresh_shared_figures(*, now: datetime | None = None) -> None:
    """Compute the figures of the "sees everything" visibility into the cache."""
    now = now or timezone.now()
    # Every real signal: exercise material never counts (signals.selectors).
    everything = Signal.objects.filter(is_exercise=False)
    cache.set_many(
        {
            _cache_key("heat", SHARED): heat_table(user=None, now=now, signals=everything),
            _cache_key("trend", SHARED): weekly_trend(user=None, now=now, signals=everything),
        },
        PANEL_CACHE_SECONDS,
    )


def heat_panel_context(request) -> dict:
    user = request.user
    return {"heat": _cached("heat", user, lambda: heat_table(user=user, now=timezone.now()))}


def trend_panel_context(request) -> dict:
    from .charts import trend_svg

    user = request.user
    trend = _cached("trend", user, lambda: weekly_trend(user=user, now=timezone.now()))
    return {"trend": trend, "trend_svg": trend_svg(trend)}


@dataclass
class AreaThemeCount:
    theme: str
    last_7: int
    last_30: int
    positive_30: int


def area_signal_counts(*, user, area_ids, now: datetime) -> list[AreaThemeCount]:
    """Per theme, what USER may see in these areas: concerns in the last 7 and 30 days
    and veerkracht in the last 30, the same windows as the heat table (one query)."""
    last_7, last_30 = now - timedelta(days=7), now - timedelta(days=30)
    rows = (
        signal_list_visible_for(user=user)
        .filter(area_id__in=area_ids, observed_at__gte=last_30, observed_at__lte=now)
        .order_by()
        .values("themes__name")
        .annotate(
            n7=Count("id", filter=Q(observed_at__gte=last_7) & CONCERN),
            n30=Count("id", filter=CONCERN),
            positive=Count("id", filter=~CONCERN),
        )
    )
    counts = [
        AreaThemeCount(
            row["themes__name"] or _("Zonder thema"), row["n7"], row["n30"], row["positive"]
        )
        for row in rows
    ]
    return sorted(counts, key=lambda c: (-c.last_30, -c.positive_30, c.theme))
