"""A small server-rendered SVG line chart of the weekly trend per theme.

No JavaScript and no inline CSS (the CSP allows neither): SVG presentation attributes
only. Readable without colour: every line has its own dash pattern and marker, and the
theme name stands at the end of its line. Theme names are user data and are escaped.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .stats import Trend

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 170, 16, 34
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
    for i, week in enumerate(trend.weeks):
        if i % 3 == 0 or i == weeks - 1:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11" fill="#333" text-anchor="middle">{}</text>',
                    _n(x(i)),
                    HEIGHT - 12,
                    _("deze week") if i == weeks - 1 else week.strftime("%d-%m"),
                )
            )
    label_ys = _spread([y(series.counts[-1]) + 4 for series in trend.series])
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
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>',
                _n(x(weeks - 1) + 8),
                _n(label_y),
                colour,
                series.name,
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308  (a constant)
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308  (escaped parts)


def _spread(ys: list[float], *, gap: float = 12, lowest: float = HEIGHT - 4) -> list[float]:
    """Move end-of-line labels apart vertically so they neither overlap nor fall off."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = list(ys)
    for position, i in enumerate(order):  # push down where labels collide
        if position and placed[i] < placed[order[position - 1]] + gap:
            placed[i] = placed[order[position - 1]] + gap
    for position in range(len(order) - 1, -1, -1):  # then up from the bottom edge
        i = order[position]
        limit = lowest if position == len(order) - 1 else placed[order[position + 1]] - gap
        placed[i] = min(placed[i], limit)
    return placed
