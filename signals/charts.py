"""A small server-rendered SVG line chart of the weekly trend per theme.

No JavaScript and no inline CSS (the CSP allows neither): SVG presentation attributes
only. Readable without colour: every line has its own dash pattern and marker, and the
theme name stands at the end of its line. Theme names are user data and are escaped.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .stats import Trend

WIDTH, HEIGHT = 680, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 200, 16, 34
FONT_SIZE = 11
# A generous average glyph width at FONT_SIZE (DejaVu/Arial run 5.5–6.5 px): what the
# layout reserves per character so labels cannot run into each other or off the edge.
CHAR_WIDTH = 7.0
LABEL_GAP = FONT_SIZE + 5  # baseline to baseline: Chromium's boxes run up to 15 px high
# Colour, dash pattern and marker per line: distinguishable in greyscale too.
STYLES = [
    ("#154273", "", "circle"),
    ("#8a1c1c", "6 3", "square"),
    ("#146c2e", "2 3", "triangle"),
    ("#6b3fa0", "10 3 2 3", "diamond"),
    ("#8a5a00", "1 2", "circle"),
    ("#005f73", "8 2 2 2 2 2", "square"),
    ("#555555", "4 4", "triangle"),
]


def _n(value: float) -> str:
    """A coordinate as text (format_html escapes its arguments, so format first)."""
    return f"{value:.1f}"


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return format_html(
            '<rect x="{}" y="{}" width="6" height="6" fill="{}"/>', _n(x - 3), _n(y - 3), colour
        )
    if kind == "triangle":
        points = f"{x:.1f},{y - 4:.1f} {x - 4:.1f},{y + 3:.1f} {x + 4:.1f},{y + 3:.1f}"
        return format_html('<polygon points="{}" fill="{}"/>', points, colour)
    if kind == "diamond":
        points = f"{x:.1f},{y - 4:.1f} {x - 4:.1f},{y:.1f} {x:.1f},{y + 4:.1f} {x + 4:.1f},{y:.1f}"
        return format_html('<polygon points="{}" fill="{}"/>', points, colour)
    return format_html('<circle cx="{}" cy="{}" r="3" fill="{}"/>', _n(x), _n(y), colour)


def trend_svg(trend: Trend, *, chart_id: str = "trend") -> SafeString:
    """The chart as SVG markup, built only from escaped parts."""
    weeks = len(trend.weeks)
    peak = max([max(s.counts) for s in trend.series] + [1])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (plot_w * i / max(weeks - 1, 1))

    def y(value: int) -> float:
        return TOP + plot_h - plot_h * value / peak

    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="{}-title {}-desc" class="trend-chart">',
            WIDTH,
            HEIGHT,
            chart_id,
            chart_id,
        ),
        format_html('<title id="{}-title">{}</title>', chart_id, _("Signalen per week per thema")),
        format_html(
            '<desc id="{}-desc">{}</desc>',
            chart_id,
            _(
                "Aantal signalen per week over de laatste %(weeks)d weken; de tabel eronder "
                "geeft dezelfde cijfers."
            )
            % {"weeks": weeks},
        ),
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#444" stroke-width="1"/>',
            LEFT,
            TOP + plot_h,
            LEFT + plot_w,
            TOP + plot_h,
        ),
        format_html('<text x="4" y="{}" font-size="11" fill="#333">{}</text>', TOP + 8, peak),
        format_html('<text x="4" y="{}" font-size="11" fill="#333">0</text>', TOP + plot_h),
    ]
    for i, text in _week_labels(trend, x):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" fill="#333" text-anchor="middle">{}</text>',
                _n(x(i)),
                HEIGHT - 12,
                text,
            )
        )
    # End-of-line labels stay inside the plot's height, above the week labels below it.
    label_ys = _spread(
        [y(series.counts[-1]) + 4 for series in trend.series],
        gap=LABEL_GAP,
        highest=TOP + FONT_SIZE - 2,
        lowest=TOP + plot_h + 4,
    )
    label_room = int((WIDTH - (x(weeks - 1) + 8)) // CHAR_WIDTH)
    for index, series in enumerate(trend.series):
        colour, dash, marker = STYLES[index % len(STYLES)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(series.counts))
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{}/>',
                points,
                colour,
                format_html(' stroke-dasharray="{}"', dash) if dash else "",
            )
        )
        parts.extend(_marker(marker, x(i), y(v), colour) for i, v in enumerate(series.counts))
        label_y = label_ys[index]
        name = series.name
        shown = name if len(name) <= label_room else name[: label_room - 1].rstrip() + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" fill="{}">{}{}</text>',
                _n(x(weeks - 1) + 8),
                _n(label_y),
                colour,
                format_html("<title>{}</title>", name) if shown != name else "",
                shown,
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308  (a constant)
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308  (escaped parts)


def _week_labels(trend: Trend, x) -> list[tuple[int, str]]:
    """Every third week's date and "deze week" under the last one; a date that would
    touch the "deze week" label is left out."""
    last = len(trend.weeks) - 1
    chosen = [i for i in range(0, last, 3)]
    labels = [(i, trend.weeks[i].strftime("%d-%m")) for i in chosen]
    this_week = _("deze week")
    half_widths = (len(this_week) + 5) * CHAR_WIDTH / 2
    if labels and x(last) - x(labels[-1][0]) < half_widths + CHAR_WIDTH:
        labels.pop()
    return [*labels, (last, this_week)]


def _spread(ys: list[float], *, gap: float, highest: float, lowest: float) -> list[float]:
    """Move end-of-line labels apart vertically so they neither overlap nor leave the band
    from HIGHEST to LOWEST (baselines). The band holds (lowest - highest) / gap + 1
    labels; the trend shows at most TREND_MAX_THEMES + 1, far fewer."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [max(value, highest) for value in ys]
    for position, i in enumerate(order):  # push down where labels collide
        if position and placed[i] < placed[order[position - 1]] + gap:
            placed[i] = placed[order[position - 1]] + gap
    for position in range(len(order) - 1, -1, -1):  # then up from the bottom edge
        i = order[position]
        limit = lowest if position == len(order) - 1 else placed[order[position + 1]] - gap
        placed[i] = min(placed[i], limit)
    return placed
