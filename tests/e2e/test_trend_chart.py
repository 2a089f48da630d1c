"""The start page's trend chart as Chromium draws it: no two labels touch and none leaves
the picture, on a wide screen and on a phone (the glyph boxes of the real font)."""

import pytest

from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LABEL_BOXES = """() => {
  const svg = document.querySelector('svg.trend-chart');
  const view = svg.viewBox.baseVal;
  const boxes = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {text: t.textContent, left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height};
  });
  return {width: view.width, height: view.height, boxes};
}"""


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 375, "height": 740}]
)
def test_the_trend_labels_never_overlap(live_server, page, demo_world, viewport):
    page.set_viewport_size(viewport)
    log_in(page, live_server, "coordinator")
    chart = page.evaluate(LABEL_BOXES)
    boxes = chart["boxes"]
    assert len(boxes) >= 8  # y-axis, week labels and at least a few theme names
    for box in boxes:
        assert box["left"] >= 0 and box["top"] >= 0, box
        assert box["right"] <= chart["width"] and box["bottom"] <= chart["height"], box
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            assert apart, f"{a['text']!r} overlaps {b['text']!r}"
