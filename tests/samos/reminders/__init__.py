"""Tests of samos.reminders, plus the fake deadline source they share."""

from datetime import datetime

from samos.reminders.registry import Deadline

FAKE_SOURCE = "tests.fake"


class FakeSource:
    """A deadline source whose deadlines a test sets; counts how often it was asked."""

    def __init__(self, *deadlines: Deadline):
        self.deadlines = list(deadlines)
        self.calls = 0

    def __call__(self, *, now: datetime):
        self.calls += 1
        return list(self.deadlines)


def make_deadline(due_at: datetime, *recipients, key: str = "test.action:1:due", **fields):
    return Deadline(
        key=key,
        due_at=due_at,
        recipients=recipients or ("anna@voorbeeldrade.example",),
        subject=fields.pop("subject", "Actie: buurtgesprek voorbereiden"),
        summary=fields.pop("summary", "Plan het gesprek met de wijkagent."),
        url=fields.pop("url", "/acties/0b6c1a9e-4f1e-4a53-9d59-2f1a8b6c1d00/"),
        **fields,
    )
