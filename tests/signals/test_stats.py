"""Heat table and weekly trend: counts, roll-up to kernen, visibility, the SVG."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from samos.accounts.roles import Role
from signals.charts import _spread, trend_svg
from signals.stats import heat_table, weekly_trend
from tests.factories import AreaFactory, SignalFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=AMS)


@pytest.fixture
def place():
    gemeente = AreaFactory(name="Gemeente", kind="gemeente")
    kern = AreaFactory(name="Oldenmere", kind="kern", parent=gemeente)
    buurt = AreaFactory(name="Merepolder", kind="buurt", parent=kern)
    return kern, buurt, ThemeFactory(name="Asielopvang")


def signal(area, theme, days_ago, **extra):
    made = SignalFactory(area=area, observed_at=NOW - timedelta(days=days_ago), **extra)
    made.themes.add(theme)
    return made


def recent_signal(area, theme, days_ago):
    """Relative to the real clock: the start page counts up to timezone.now()."""
    made = SignalFactory(area=area, observed_at=timezone.now() - timedelta(days=days_ago, hours=1))
    made.themes.add(theme)
    return made


def cell_for(table, area, theme):
    cells = dict(table.rows)[area]
    return cells[table.themes.index(theme)]


def test_counts_roll_up_from_buurt_to_kern_per_window(place):
    kern, buurt, theme = place
    for days in (1, 2, 3):
        signal(buurt, theme, days)
    signal(kern, theme, 20)  # in the 30 days, not the 7
    signal(buurt, theme, 60)  # baseline window
    signal(buurt, theme, 200)  # outside everything
    cell = cell_for(heat_table(user=UserFactory(roles=[Role.COORDINATOR]), now=NOW), kern, theme)
    assert (cell.last_7, cell.last_30) == (3, 4)
    assert cell.baseline_per_week == pytest.approx(1 / 12)
    assert cell.higher_than_usual


def test_not_higher_than_usual_when_it_is_always_this_busy(place):
    kern, buurt, theme = place
    for days in (1, 2):
        signal(buurt, theme, days)
    for week in range(12):
        for extra in range(2):
            signal(buurt, theme, 31 + week * 7 + extra)
    cell = cell_for(heat_table(user=UserFactory(roles=[Role.COORDINATOR]), now=NOW), kern, theme)
    assert cell.last_7 == 2
    assert cell.baseline_per_week == pytest.approx(2)
    assert not cell.higher_than_usual


def test_counts_follow_visibility(place):
    kern, buurt, theme = place
    signal(buurt, theme, 1)
    signal(buurt, theme, 1, vertrouwelijk=True)
    member = UserFactory(roles=[Role.KERNTEAMLID])
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    assert cell_for(heat_table(user=member, now=NOW), kern, theme).last_7 == 1
    assert cell_for(heat_table(user=coordinator, now=NOW), kern, theme).last_7 == 2


def test_weekly_trend_buckets_by_local_week_across_the_dst_change(place):
    _, buurt, theme = place
    # Sunday 25 Oct 2026 23:30 local (after the clocks went back) is still week of 19 Oct;
    # Monday 26 Oct 00:30 local is the next week.
    SignalFactory(area=buurt, observed_at=datetime(2026, 10, 25, 23, 30, tzinfo=AMS)).themes.add(
        theme
    )
    SignalFactory(area=buurt, observed_at=datetime(2026, 10, 26, 0, 30, tzinfo=AMS)).themes.add(
        theme
    )
    trend = weekly_trend(user=UserFactory(roles=[Role.COORDINATOR]), now=NOW)
    weeks = [week.date().isoformat() for week in trend.weeks]
    counts = dict(zip(weeks, trend.series[0].counts, strict=True))
    assert counts["2026-10-19"] == 1
    assert counts["2026-10-26"] == 1
    assert weeks[-1] == "2026-11-23"


def test_svg_escapes_theme_names_and_has_no_inline_style(place):
    _, buurt, _theme = place
    hostile = ThemeFactory(name="<script>alert(1)</script>")
    signal(buurt, hostile, 1)
    svg = str(trend_svg(weekly_trend(user=UserFactory(roles=[Role.COORDINATOR]), now=NOW)))
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "style=" not in svg
    assert 'role="img"' in svg


def test_labels_are_spread_apart_and_stay_inside():
    placed = _spread([100, 100, 100, 236, 2], gap=12, highest=10, lowest=210)
    ordered = sorted(placed)
    assert all(b - a >= 12 for a, b in zip(ordered, ordered[1:], strict=False))
    assert min(placed) >= 10 and max(placed) <= 210


def test_start_page_panels_and_constant_queries(
    client, verified_login, place, django_assert_max_num_queries
):
    kern, buurt, theme = place
    verified_login(client, Role.COORDINATOR)
    for days in range(5):
        recent_signal(buurt, theme, days)
    with django_assert_max_num_queries(40) as few:
        page = client.get(reverse("core:dashboard")).content.decode()
    assert "Signalen per gebied en thema" in page
    assert "Trend per thema" in page
    for days in range(60):
        recent_signal(buurt, theme, days % 50)
    cache.clear()  # measure the work, not the cached panels
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("core:dashboard"))


def test_panel_figures_are_cached_per_visibility(rf, place):
    from signals.stats import heat_panel_context

    kern, buurt, theme = place
    recent = timezone.now() - timedelta(hours=1)
    SignalFactory(area=buurt, observed_at=recent).themes.add(theme)
    coordinator, chair = UserFactory(roles=[Role.COORDINATOR]), UserFactory(roles=[Role.VOORZITTER])
    member = UserFactory(roles=[Role.KERNTEAMLID])

    def seen(user):
        request = rf.get("/")
        request.user = user
        return cell_for(heat_panel_context(request)["heat"], kern, theme).last_30

    assert seen(coordinator) == 1
    SignalFactory(area=buurt, observed_at=recent, vertrouwelijk=True).themes.add(theme)
    assert seen(chair) == 1  # same visibility: the cached figure (two minutes at most)
    assert seen(member) == 1  # own key; the new signal is vertrouwelijk, so still 1


def test_the_beat_task_keeps_the_shared_figures_warm(client, verified_login, place):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from signals.tasks import refresh_dashboard_figures

    kern, buurt, theme = place
    recent_signal(buurt, theme, 1)
    refresh_dashboard_figures()
    verified_login(client, Role.COORDINATOR)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("core:dashboard")).content.decode()
    assert "Oldenmere" in page
    assert not any(
        "COUNT(" in q["sql"] and "signals_signal_themes" in q["sql"]
        for q in queries.captured_queries
    )  # served from the cache
