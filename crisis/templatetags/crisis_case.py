"""What the hand-over adds to the case page: a notice at the top (the proposal to hand
over when the case is in escalatie, or that crisis management has it now) and a panel
with the hand-overs and their way back, and the links to the crisis plan and the GGD
protocol. kernteam does not import crisis, so its template loads these tags."""

from django import template

from crisis import selectors
from crisis.permissions import can_read_handovers, can_record_handover
from crisis.references import reference_links

register = template.Library()


def _state(context, case) -> dict:
    """Computed once per request and case: both tags read it."""
    cache = context.render_context.setdefault("crisis_case_state", {})
    if case.pk not in cache:
        user = context["request"].user
        handovers = selectors.handover_list_for_case(user=user, case=case)
        active = selectors.active_handovers(handovers)
        may_record = can_record_handover(user)
        cache[case.pk] = {
            "visible": can_read_handovers(user),
            "case": case,
            "handovers": handovers,
            "active": active,
            "can_record": may_record and case.is_open,
            "can_return": may_record,
            "propose": selectors.handover_proposed(case=case, handovers=handovers),
        }
    return cache[case.pk]


@register.inclusion_tag("crisis/partials/_case_notice.html", takes_context=True)
def crisis_case_notice(context, case):
    return _state(context, case)


@register.inclusion_tag("crisis/partials/_case_panel.html", takes_context=True)
def crisis_case_panel(context, case):
    return {**_state(context, case), "references": reference_links()}
