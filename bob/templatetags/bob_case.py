"""What the BOB procedure adds to the case page: open information requests (set out and
answered here too, outside a session), actions by status and the decisions of all
sessions. The kernteam app's Python does not import bob
(dependency direction), so its template loads this tag instead."""

import functools

from django import template

from bob import selectors as bob_selectors
from bob.forms.runner import InformationAnswerForm
from bob.permissions import (
    can_answer_information_request,
    can_set_out_information_request,
    runs_a_session_of,
)
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
    open_requests = list(bob_selectors.open_information_requests(case=case))
    runs = functools.cache(lambda: runs_a_session_of(user, case.pk))  # one query at most
    for info in open_requests:
        # One set out here, outside a session, is answered here too (those asked in a
        # session, in the runner); each form with its own ids.
        info.answer_form = (
            InformationAnswerForm(auto_id=f"antwoord-{info.uuid}-%s")
            if info.session_id is None
            and can_answer_information_request(user, info, runs_case_session=runs)
            else None
        )
    by_status = [
        (status.label, [a for a in actions if a.status == status]) for status in ActionStatus
    ]
    return {
        "visible": True,
        "case": case,
        "open_information_requests": open_requests,
        "can_set_out_information_request": case.is_open and can_set_out_information_request(user),
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
