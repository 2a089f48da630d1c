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
