"""Template helpers for the attendance form (kernteam/partials/_attendance.html)."""

from django import template

from kernteam.workflow import AttendanceStatus

register = template.Library()


@register.simple_tag
def attendance_choices():
    """(value, label) of every status, "niet vastgelegd" last: it is the fallback."""
    choices = list(AttendanceStatus.choices)
    return choices[1:] + choices[:1]


@register.simple_tag
def attendance_value(attendee, typed=None):
    """The value to preselect: what was typed before an error, else what is recorded."""
    if typed and str(attendee.uuid) in typed:
        return typed[str(attendee.uuid)]
    return attendee.attendance
