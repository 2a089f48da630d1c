"""The area thermometer as a small server-rendered SVG: one bar per week, as high as the
most serious phase of that week. Readable without colour (the height says the phase and
every level is named on the left) and without the picture (the page lists the steps as
text). No JavaScript, no inline CSS: presentation attributes only."""

from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .phase_timeline import PhaseWeek
from .selectors import PHASE_SEVERITY
from .workflow import Phase

LEVEL_HEIGHT = 20
LEFT, TOP, BOTTOM, PLOT_WIDTH = 132, 8, 22, 416
FONT_SIZE = 11
# Dark enough for 3:1 against white (WCAG non-text contrast); the height carries the
# meaning, the colour only helps.
COLOURS = {
    Phase.RUST: "#3d6585",
    Phase.TERUGKEER: "#2b6e40",
    Phase.DREIGENDE_ONRUST: "#9a5400",
    Phase.ONRUST: "#a32626",
    Phase.ESCALATIE: "#5e0d0d",
}
# A generous glyph width at FONT_SIZE: labels are placed only where they cannot overlap.
CHAR_WIDTH = 7.0


def _n(value: float) -> str:
    return f"{value:.1f}"


def thermometer_svg(timeline: list[PhaseWeek], *, chart_id: str = "thermometer") -> SafeString:
    levels = sorted(PHASE_SEVERITY, key=PHASE_SEVERITY.get)
    plot_h = LEVEL_HEIGHT * len(levels)
    height, width = TOP + plot_h + BOTTOM, LEFT + PLOT_WIDTH + 4
    base = TOP + plot_h
    step = PLOT_WIDTH / max(len(timeline), 1)
    parts = []
    for phase in levels:
        y = base - LEVEL_HEIGHT * (PHASE_SEVERITY[phase] + 1)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d0d4d9" stroke-width="1"/>'
                '<text x="{}" y="{}" font-size="{}" text-anchor="end" fill="#333">{}</text>',
                LEFT,
                _n(y),
                LEFT + PLOT_WIDTH,
                _n(y),
                LEFT - 6,
                _n(y + FONT_SIZE / 2 + 6),
                FONT_SIZE,
                Phase(phase).label,
            )
        )
    free_from = 0.0  # the x where the next month label may start
    for i, week in enumerate(timeline):
        x = LEFT + i * step
        if week.phase is None:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="2" fill="#8a8f96"/>',
                    _n(x + 1),
                    _n(base - 2),
                    _n(max(step - 2, 1)),
                )
            )
        else:
            bar = LEVEL_HEIGHT * (PHASE_SEVERITY[week.phase] + 1)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    _n(x + 1),
                    _n(base - bar),
                    _n(max(step - 2, 1)),
                    _n(bar),
                    COLOURS[week.phase],
                )
            )
        new_month = i == 0 or week.start.month != timeline[i - 1].start.month
        label = date_format(week.start, "M Y" if week.start.month == 1 or i == 0 else "M")
        fits = x + len(label) * CHAR_WIDTH <= width
        if new_month and x >= free_from and fits:
            free_from = x + len(label) * CHAR_WIDTH + 6
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="{}" fill="#333">{}</text>',
                    _n(x),
                    _n(base + FONT_SIZE + 6),
                    FONT_SIZE,
                    label,
                )
            )
    title = _("Fase per week, laatste %(weeks)d weken") % {"weeks": len(timeline)}
    return format_html(
        '<svg class="thermometer-chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-titel" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-titel">{}</title>{}</svg>',
        width,
        height,
        chart_id,
        chart_id,
        title,
        format_html_join("", "{}", ((part,) for part in parts)),
    )
