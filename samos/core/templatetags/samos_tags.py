"""Small presentation helpers shared by all templates."""

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value: timedelta | None) -> int:
    """A timedelta as whole minutes (rounded up), e.g. for the lockout message."""
    if not value:
        return 0
    return int(-(-value.total_seconds() // 60))


@register.simple_tag(takes_context=True)
def slot_links(context, slot: str, obj=None) -> list[dict]:
    """Links other apps registered for SLOT (see samos.core.links), for this user."""
    from samos.core.links import links_for

    return links_for(slot, context["request"].user, obj)
