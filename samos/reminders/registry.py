"""The registry of deadline sources: what has a deadline, who is reminded, and when.

Apps register a source in their ``AppConfig.ready()``; ``samos`` itself imports no app::

    from samos.reminders.registry import register_source

    class BobConfig(AppConfig):
        def ready(self):
            from . import reminders

            register_source("bob.actions", reminders.open_actions)

A source is ``func(*, now) -> Iterable[Deadline]``. It yields the *open* deadlines that
are relevant around ``now`` (say, due within the next two days or overdue by up to a
week); a deadline that is done is simply no longer yielded, which is how "one day after,
when still open" works. A ``Deadline.key`` names one occurrence of a deadline: a source
that lets a date move and wants a fresh set of reminders for the new date puts the date
in the key (``"bob.action:<uuid>:due:2026-11-24"``).

When is "one day before"? Offsets count calendar days in Europe/Amsterdam and keep the
wall-clock time of the deadline (see ``offset_moment``), so a deadline at 09:00 is
announced at 09:00 the day before whether or not the clocks changed in between.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils import timezone

KEY_MAX_LENGTH = 200
KIND_MAX_LENGTH = 20


@dataclass(frozen=True)
class Offset:
    """When to remind, relative to the due moment, in whole calendar days.

    ``kind`` is stored with each sent reminder, so it must stay stable once used.
    """

    kind: str
    days: int

    def __post_init__(self):
        if not self.kind or len(self.kind) > KIND_MAX_LENGTH:
            raise ValueError(f"Offset kind must be 1..{KIND_MAX_LENGTH} characters.")


BEFORE = Offset("voor", -1)
ON = Offset("op", 0)
AFTER = Offset("na", 1)
DEFAULT_OFFSETS: tuple[Offset, ...] = (BEFORE, ON, AFTER)
# A notice, not a deadline: sent once when its moment has come ("a list was adopted").
# It rides the same exactly-once path as reminders, so a retry or a second worker sends
# one mail; the mail says "bericht", not "termijn".
NOTICE = Offset("melding", 0)

# How long an open deadline is still reminded of after its moment. Past that it is
# "gemist": no more mail, but it stays on every list, marked as such, instead of
# silently dropping out with the reminders. Sources use this as their look-back window.
MISSED_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class Deadline:
    """One deadline, as a source reports it.

    ``recipients`` holds users (anything with ``email``; inactive users are left out) or
    e-mail addresses. ``url`` is a path inside SAMOS (``/acties/<uuid>/``), never a full
    URL, so a reminder cannot point elsewhere. ``subject`` and ``summary`` go into the
    mail only, never into logs or the audit trail.
    """

    key: str
    due_at: datetime
    recipients: tuple[Any, ...]
    subject: str
    summary: str = ""
    url: str = ""
    offsets: tuple[Offset, ...] = field(default=DEFAULT_OFFSETS)
    # Optional: returns (filename, PDF bytes) to attach. Called only when a mail is
    # actually built, so a scan that sends nothing reads no files.
    attachment: Callable[[], tuple[str, bytes]] | None = field(default=None, compare=False)
    # Optional: builds the whole mail for one recipient address, instead of the reminder
    # text (an invitation has its own text and a calendar entry). It still goes through
    # the same claim, so it is sent once; ``subject`` then only names it in code.
    message: Callable[[str], Any] | None = field(default=None, compare=False)

    def __post_init__(self):
        if not self.key or len(self.key) > KEY_MAX_LENGTH:
            raise ValueError(f"Deadline key must be 1..{KEY_MAX_LENGTH} characters.")
        if timezone.is_naive(self.due_at):
            raise ValueError(f"Deadline {self.key}: due_at must be an aware datetime.")
        if self.url and (not self.url.startswith("/") or self.url.startswith("//")):
            raise ValueError(f"Deadline {self.key}: url must be a path such as '/acties/…/'.")
        # Frozen, so normalise through object.__setattr__: callers may pass lists.
        object.__setattr__(self, "recipients", tuple(self.recipients))
        object.__setattr__(self, "offsets", tuple(self.offsets))
        kinds = [offset.kind for offset in self.offsets]
        if len(set(kinds)) != len(kinds):
            raise ValueError(f"Deadline {self.key}: offset kinds must be unique.")

    def moments(self) -> list[tuple[Offset, datetime]]:
        """Each offset with its moment, earliest first."""
        return sorted(
            ((offset, offset_moment(self.due_at, offset)) for offset in self.offsets),
            key=lambda pair: pair[1],
        )


def is_missed(due_at: datetime, *, now: datetime | None = None) -> bool:
    """True when DUE_AT lies more than MISSED_AFTER in the past: no reminder follows any
    more, and lists say "gemist" rather than "te laat"."""
    return due_at < (now or timezone.now()) - MISSED_AFTER


def is_missed_day(due_date, *, today=None) -> bool:
    """``is_missed`` for a date-only deadline, counted in local calendar days."""
    today = today or timezone.localdate()
    return due_date < today - MISSED_AFTER


def offset_moment(due_at: datetime, offset: Offset) -> datetime:
    """The moment of OFFSET: the same wall-clock time, ``offset.days`` calendar days away.

    Computed in Europe/Amsterdam (settings.TIME_ZONE), not by adding 24-hour periods: a
    deadline at 09:00 on the Sunday the clocks change is announced at 09:00 on Saturday
    (25 or 23 hours earlier). Where that wall-clock time does not exist (02:30 on the
    morning the clocks go forward) it moves forward by the gap, to 03:30; where it
    exists twice (02:30 on the morning the clocks go back) the first occurrence counts.
    The result is in UTC; a moment is a single instant, so it cannot be skipped or
    doubled by the clock change.
    """
    if offset.days == 0:
        return due_at
    zone = timezone.get_default_timezone()
    local = due_at.astimezone(zone)
    target_day = local.date() + timedelta(days=offset.days)
    # fold=0 (the default) picks the first occurrence of an ambiguous time and, for a
    # time in the spring gap, the offset from before the change: i.e. forward by an hour.
    wall = datetime.combine(target_day, local.time(), tzinfo=zone)
    return wall.astimezone(UTC)


Source = Callable[..., Iterable[Deadline]]

_lock = threading.Lock()
_sources: dict[str, Source] = {}


def register_source(name: str, func: Source) -> None:
    """Register FUNC under NAME. Registering the same function again is a no-op."""
    with _lock:
        current = _sources.get(name)
        if current is not None and current is not func:
            raise ValueError(f"Reminder source {name!r} is already registered.")
        _sources[name] = func


def unregister_source(name: str) -> None:
    """Remove the source NAME (used by tests); unknown names are ignored."""
    with _lock:
        _sources.pop(name, None)


@contextmanager
def registered_source(name: str, func: Source) -> Iterator[Source]:
    """Register FUNC for the duration of a ``with`` block (tests, one-off commands)."""
    register_source(name, func)
    try:
        yield func
    finally:
        unregister_source(name)


def registered_sources() -> list[tuple[str, Source]]:
    """A snapshot of the sources, sorted by name so every scan walks them in one order."""
    with _lock:
        return sorted(_sources.items())
