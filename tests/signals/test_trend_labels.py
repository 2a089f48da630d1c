"""The trend chart's labels never overlap and never leave the picture, whatever the
counts and theme names: every <text> of the SVG gets a box (CHAR_WIDTH per character,
FONT_SIZE high) and no two boxes may meet. The browser test checks the same with the
glyph boxes Chromium really draws."""

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from signals.charts import CHAR_WIDTH, FONT_SIZE, HEIGHT, WIDTH, trend_svg
from signals.stats import TREND_MAX_THEMES, TREND_WEEKS, Trend, TrendSeries

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY = datetime(2026, 11, 23, tzinfo=AMS)
TEXT = re.compile(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*?(text-anchor="middle")?[^>]*>(.*?)</text>')


def boxes(svg: str) -> list[tuple[float, float, float, float, str]]:
    found = []
    for x, y, middle, inner in TEXT.findall(svg):
        shown = re.sub(r"<title>.*?</title>", "", inner)
        shown = html.unescape(shown)
        width = len(shown) * CHAR_WIDTH
        left = float(x) - width / 2 if middle else float(x)
        found.append((left, float(y) - FONT_SIZE + 2, left + width, float(y) + 3, shown))
    return found


def assert_no_overlap_and_inside(svg: str) -> None:
    placed = boxes(svg)
    for left, top, right, bottom, text in placed:
        assert left >= 0 and top >= 0 and right <= WIDTH and bottom <= HEIGHT, text
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"{a[4]!r} overlaps {b[4]!r}"


def trend(counts: list[list[int]], names: list[str]) -> Trend:
    weeks = [MONDAY - timedelta(weeks=n) for n in range(TREND_WEEKS - 1, -1, -1)]
    return Trend(
        weeks=weeks, series=[TrendSeries(n, c) for n, c in zip(names, counts, strict=True)]
    )


def test_seven_lines_ending_on_zero_with_long_names():
    names = [f"Thema met een heel erg lange naam nummer {i}" for i in range(7)]
    svg = str(trend_svg(trend([[3] * 11 + [0] for _ in names], names)))
    assert_no_overlap_and_inside(svg)
    assert "<title>Thema met een heel erg lange naam nummer 0</title>" in svg


def test_the_demo_theme_names_are_shown_whole():
    names = ["Datacenters en hoogspanning", "Polarisatie en online", "Windmolens en energie"]
    svg = str(trend_svg(trend([[1] * 12 for _ in names], names)))
    assert "<title>" not in svg.split("</title>", 2)[-1]  # only the chart's own title
    for name in names:
        assert f">{name}</text>" in svg


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.integers(0, 400), min_size=TREND_WEEKS, max_size=TREND_WEEKS),
            st.text(alphabet="abcdefghij klmnopWM-&'", min_size=1, max_size=60),
        ),
        min_size=1,
        max_size=TREND_MAX_THEMES + 1,
    )
)
def test_any_trend_keeps_its_labels_apart(lines):
    svg = str(trend_svg(trend([c for c, _ in lines], [n for _, n in lines])))
    assert_no_overlap_and_inside(svg)
