"""What communication adds to the case page: the state of the plan and the messages, with
a link to /casussen/<uuid>/communicatie/. kernteam does not import communicatie, so its
template loads this tag."""

from django import template

from communicatie import selectors
from communicatie.permissions import can_read_communication
from communicatie.workflow import MessageStatus

register = template.Library()


@register.inclusion_tag("communicatie/partials/_case_panel.html", takes_context=True)
def communicatie_case_panel(context, case):
    user = context["request"].user
    if not can_read_communication(user):
        return {"visible": False}
    plan = selectors.plan_of(case=case)
    statuses = list(selectors.messages_for_case(case=case).values_list("status", flat=True))
    return {
        "visible": True,
        "case": case,
        "plan_version": plan.version if plan else 0,
        "message_count": len(statuses),
        "waiting_count": statuses.count(MessageStatus.TER_GOEDKEURING),
    }
