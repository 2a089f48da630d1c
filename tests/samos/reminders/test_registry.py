"""The registry: deadlines validated, sources registered cleanly, offsets on the wall clock."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from samos.reminders.registry import (
    AFTER,
    BEFORE,
    ON,
    Deadline,
    Offset,
    offset_moment,
    register_source,
    registered_source,
    registered_sources,
    unregister_source,
)

from . import FakeSource, make_deadline

AMS = ZoneInfo("Europe/Amsterdam")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_register_and_unregister_a_source():
    source = FakeSource()
    register_source("tests.registry", source)
    try:
        assert ("tests.registry", source) in registered_sources()
        register_source("tests.registry", source)  # the same function again: no-op
        with pytest.raises(ValueError, match="already registered"):
            register_source("tests.registry", FakeSource())
    finally:
        unregister_source("tests.registry")
    assert "tests.registry" not in dict(registered_sources())
    unregister_source("tests.registry")  # unknown now: ignored


def test_registered_source_context_manager_cleans_up_after_an_error():
    with pytest.raises(RuntimeError), registered_source("tests.ctx", FakeSource()):
        assert "tests.ctx" in dict(registered_sources())
        raise RuntimeError
    assert "tests.ctx" not in dict(registered_sources())


def test_deadline_refuses_naive_datetimes_full_urls_and_long_keys():
    due = utc(2026, 11, 24, 9)
    with pytest.raises(ValueError, match="aware"):
        make_deadline(datetime(2026, 11, 24, 9))  # noqa: DTZ001
    for bad_url in ("https://elders.example/", "//elders.example/pad", "acties/1/"):
        with pytest.raises(ValueError, match="path"):
            make_deadline(due, url=bad_url)
    with pytest.raises(ValueError, match="key"):
        make_deadline(due, key="x" * 201)
    with pytest.raises(ValueError, match="unique"):
        make_deadline(due, offsets=[BEFORE, Offset("voor", -2)])


def test_deadline_normalises_lists_to_tuples():
    deadline = Deadline(
        key="k", due_at=utc(2026, 11, 24, 9), recipients=["a@x.example"], subject="s"
    )
    assert deadline.recipients == ("a@x.example",)
    assert deadline.offsets == (BEFORE, ON, AFTER)
    assert [offset.kind for offset, _ in deadline.moments()] == ["voor", "op", "na"]


@pytest.mark.parametrize(
    ("due_local", "before_utc", "after_utc"),
    [
        # An ordinary week: 24 hours either way.
        (datetime(2026, 11, 24, 9, 0, tzinfo=AMS), utc(2026, 11, 23, 8), utc(2026, 11, 25, 8)),
        # Sunday 25 October 2026, clocks go back at 03:00: Saturday 09:00 is CEST, 25 h earlier.
        (datetime(2026, 10, 25, 9, 0, tzinfo=AMS), utc(2026, 10, 24, 7), utc(2026, 10, 26, 8)),
        # Due Monday 02:30; the day before, 02:30 happens twice: the first one (CEST) counts.
        (
            datetime(2026, 10, 26, 2, 30, tzinfo=AMS),
            utc(2026, 10, 25, 0, 30),
            utc(2026, 10, 27, 1, 30),
        ),
        # Due in the repeated hour itself (the second 02:30, CET).
        (
            datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=AMS),
            utc(2026, 10, 24, 0, 30),
            utc(2026, 10, 26, 1, 30),
        ),
        # Sunday 28 March 2027, clocks go forward at 02:00: Saturday 09:00 is CET, 23 h earlier.
        (datetime(2027, 3, 28, 9, 0, tzinfo=AMS), utc(2027, 3, 27, 8), utc(2027, 3, 29, 7)),
        # Due Monday 02:30; Sunday 02:30 does not exist: moved forward by the gap to 03:30.
        (
            datetime(2027, 3, 29, 2, 30, tzinfo=AMS),
            utc(2027, 3, 28, 1, 30),
            utc(2027, 3, 30, 0, 30),
        ),
    ],
)
def test_offsets_keep_the_wall_clock_time_across_daylight_saving(due_local, before_utc, after_utc):
    assert offset_moment(due_local, BEFORE) == before_utc
    # The same instant in UTC, as the database returns it, gives the same moments.
    assert offset_moment(due_local.astimezone(UTC), BEFORE) == before_utc
    assert offset_moment(due_local.astimezone(UTC), AFTER) == after_utc
    assert offset_moment(due_local, ON) == due_local
    assert offset_moment(due_local, AFTER) == after_utc
    # Whatever the clocks do, "before" is before and "after" is after the due moment.
    assert offset_moment(due_local, BEFORE) < due_local < offset_moment(due_local, AFTER)
    assert (
        timedelta(hours=22) <= due_local - offset_moment(due_local, BEFORE) <= timedelta(hours=26)
    )
