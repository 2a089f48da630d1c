"""The estimate of ernst, omvang, aard and tijd through a case's sessions: each session's
saved answers by label, and which way each dimension moved since the one before."""

from django.utils.translation import gettext_lazy as _

from bob import protocol
from bob.models import StepRecord

__all__ = ["estimate_changes", "estimate_history", "estimate_history_with_changes"]

# Every scale runs from 1 (least) to 4 (most serious, largest, hardest, soonest).
_DIMENSIONS = [
    (field.name, field.label, dict(field.choices))
    for field in protocol.ESTIMATE_FIELDS
    if field.is_choice
]
HEAVIER, LIGHTER, SAME = "zwaarder", "lichter", "gelijk"
DIRECTION_LABELS = {HEAVIER: _("zwaarder"), LIGHTER: _("lichter"), SAME: _("gelijk")}


def estimate_history(*, case) -> list[dict]:
    """Every saved estimate of CASE's sessions, oldest first (one query). The caller has
    decided that the reader may see the case's sessions."""
    records = (
        StepRecord.objects.filter(session__case=case, step=protocol.ESTIMATE_STEP)
        .select_related("session")
        .order_by("session__starts_at", "session_id")
    )
    return [
        {
            "session": record.session,
            "values": {
                name: (code, str(labels[code]) if code in labels else "—")
                for name, _label, labels in _DIMENSIONS
                for code in [str(record.data.get(name) or "")]
            },
        }
        for record in records
    ]


def _direction(before: str, now: str) -> str:
    if not before.isdigit() or not now.isdigit():
        return ""
    return HEAVIER if int(now) > int(before) else LIGHTER if int(now) < int(before) else SAME


def estimate_changes(before: dict | None, now: dict | None) -> list[dict]:
    """Per dimension: the earlier and the current label and the direction ("" when one of
    the two was not estimated)."""
    rows = []
    for name, label, _labels in _DIMENSIONS:
        old = before["values"][name] if before else ("", "—")
        new = now["values"][name] if now else ("", "—")
        direction = _direction(old[0], new[0])
        rows.append(
            {
                "dimension": str(label),
                "before": old[1],
                "now": new[1],
                "direction": direction,
                "direction_label": str(DIRECTION_LABELS.get(direction, "")),
            }
        )
    return rows


def estimate_history_with_changes(*, case) -> list[dict]:
    """Each estimate of CASE with, per dimension, its label and the move since the one
    before (the case page's "Inschatting door de tijd")."""
    history = estimate_history(case=case)
    return [
        {
            "session": row["session"],
            "changes": estimate_changes(history[i - 1] if i else None, row),
            "first": i == 0,
        }
        for i, row in enumerate(history)
    ]
