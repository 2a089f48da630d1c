"""What the BOB procedure adds to the case page: open information requests, actions by
status and the decisions of all sessions. The kernteam app's Python does not import bob
(dependency direction), so its template loads this tag instead."""

from django import template

from bob import selectors as bob_selectors
from bob.services.assessments import can_assess
from bob.workflow import ActionStatus
from kernteam.permissions import can_read_sessions

register = template.Library()


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
        "estimates": bob_selectors.estimate_history_with_changes(case=case),
        "request": context["request"],
    }


@register.inclusion_tag("bob/partials/_case_assessments.html", takes_context=True)
def bob_case_assessments(context, case):
    user = context["request"].user
    if not can_read_sessions(user):
        return {"visible": False}
    return {
        "visible": True,
        "case": case,
        "assessments": bob_selectors.assessment_list_for_case(user=user, case=case),
        "may_assess": case.is_open and can_assess(user),
    }
