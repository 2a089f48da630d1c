"""The demo tells one consistent story: no moment that already happened lies in the future,
and nothing is cited, linked or judged before it existed.

The walk is generic (every date/time field of every SAMOS model), so a new model's demo
data is checked without touching this test; only fields that name a *planned* moment are
exempt, and they are listed here with the reason.
"""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from bob.models import ActionUpdate, Decision
from kernteam.models import CaseSignal, Session
from kernteam.workflow import SessionStatus

pytestmark = pytest.mark.django_db

PROJECT_APPS = {
    "audit",
    "accounts",
    "core",
    "documents",
    "reminders",
    "retention",
    "privacy",
    "signals",
    "kernteam",
    "bob",
    "communicatie",
    "crisis",
}

# Fields that name a moment still to come (a plan, a deadline), not one that happened.
PLANNED_FIELDS = {
    ("kernteam", "session", "starts_at"),  # a planned session lies ahead
    ("kernteam", "session", "resume_at"),  # an interrupted session's next date
    ("bob", "informationrequest", "deadline"),
    ("bob", "action", "due_date"),
    ("bob", "action", "report_back_on"),
    ("communicatie", "message", "planned_at"),
    ("reminders", "sentreminder", "due_at"),
    ("signals", "attentionrequest", "until"),
}


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=io.StringIO())


def _moment_fields():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.DateField):  # DateTimeField is a DateField
                continue
            key = (model._meta.app_label, model._meta.model_name, field.name)
            if key not in PLANNED_FIELDS:
                yield model, field


def test_no_moment_that_happened_lies_in_the_future(demo):
    now = timezone.now()
    today = timezone.localdate()
    future = []
    checked = 0
    for model, field in _moment_fields():
        is_datetime = isinstance(field, models.DateTimeField)
        limit = now if is_datetime else today
        for pk, value in model.objects.exclude(**{f"{field.name}__isnull": True}).values_list(
            "pk", field.name
        ):
            checked += 1
            if value > limit:
                future.append(f"{model.__name__}#{pk}.{field.name} = {value}")
    assert checked > 500, "the demo seeded too little to check"
    assert not future, "demo moments in the future:\n" + "\n".join(future)


def test_every_held_session_started_before_now_and_every_planned_one_lies_ahead(demo):
    now = timezone.now()
    for session in Session.objects.all():
        if session.status == SessionStatus.GEPLAND:
            assert session.starts_at > now - datetime.timedelta(hours=1), session
        elif session.status != SessionStatus.GEANNULEERD:
            assert session.starts_at <= now, session
            assert session.started_at and session.started_at <= now, session


def test_nothing_is_cited_or_linked_before_it_existed(demo):
    problems = []
    links = CaseSignal.objects.select_related("signal", "case")
    assert links.exists()
    for link in links:
        if link.linked_at < link.signal.created_at:
            problems.append(f"{link.signal} linked to {link.case} before it was logged")
        if link.signal.observed_at > link.signal.created_at:
            problems.append(f"{link.signal} observed after it was logged")

    decisions = Decision.objects.select_related("decision_list__session").prefetch_related(
        "signals"
    )
    cited = 0
    for decision in decisions:
        session = decision.decision_list.session
        taken = session.finished_at or session.started_at
        assert taken is not None, f"decision {decision.pk} in a session that never started"
        for signal in decision.signals.all():
            cited += 1
            if signal.created_at > taken or signal.observed_at > taken:
                problems.append(f"decision {decision.pk} cites {signal} from after the session")

    for update in ActionUpdate.objects.prefetch_related("signals"):
        for signal in update.signals.all():
            cited += 1
            if signal.created_at > update.created_at:
                problems.append(f"action update {update.pk} cites {signal} from after it")
    assert cited, "the demo cites no signal at all: nothing was checked"
    assert not problems, "\n".join(problems)
