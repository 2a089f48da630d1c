"""What the BOB procedure adds to the case page: open information requests, actions by
status and the decisions of all sessions. The kernteam app's Python does not import bob
(dependency direction), so its template loads this tag instead."""

from django import template

from bob import selectors as bob_selectors
from bob.workflow import ActionStatus
from kernteam.permissions import can_read_sessions

register = template.Library()


def _estimates_with_direction(history: list[dict]) -> list[dict]:
    """Each estimate with, per dimension, its label and the move since the one before."""
    return [
        {
            "session": row["session"],
            "changes": bob_selectors.estimate_changes(history[i - 1] if i else None, row),
            "first": i == 0,
        }
        for i, row in enumerate(history)
    ]


@register.inclusion_tag("bob/partials/_case_panels.html", takes_context=True)
def bob_case_panels(context, case):
    user = context["request"].user
    if not can_read_sessions(user):
        return {"visible": False}
    actions = list(bob_selectors.action_list_for_case(user=user, case=case))
    by_status = [
        (status.label, [a for a in actions if a.status == status]) for status in ActionStatus
    ]
    return {
        "visible": True,
        "case": case,
        "open_information_requests": list(bob_selectors.open_information_requests(case=case)),
        "actions_by_status": [(label, group) for label, group in by_status if group],
        "action_count": len(actions),
        "decision_lists": bob_selectors.decision_lists_of_case(case=case),
        "estimates": _estimates_with_direction(bob_selectors.estimate_history(case=case)),
        "request": context["request"],
    }
