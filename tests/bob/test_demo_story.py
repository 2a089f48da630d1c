"""The demo story of issue 4 is there after seed_demo, and every page of it renders."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from bob import protocol
from bob.models import Action, DecisionList
from bob.workflow import ActionStatus
from kernteam.demo import AZC_CASE, EXERCISE_CASE
from kernteam.models import Case
from kernteam.workflow import CaseStatus, SessionKind, SessionStatus
from samos.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent


def test_the_asielopvang_case_has_a_finished_first_session_and_a_planned_follow_up(demo):
    case = Case.objects.get(title=AZC_CASE)
    kinds = [(s.kind, s.status) for s in case.sessions.order_by("starts_at")]
    assert kinds == [
        (SessionKind.EERSTE, SessionStatus.AFGEROND),
        (SessionKind.VERVOLG, SessionStatus.GEPLAND),
    ]
    first = case.sessions.get(kind=SessionKind.EERSTE)
    assert not DecisionList.objects.get(session=first).is_adopted
    assert first.preparations.count() == 2
    statuses = set(Action.objects.filter(case=case).values_list("status", flat=True))
    assert statuses == set(ActionStatus.values)
    assert Case.objects.filter(title=AZC_CASE).count() == 1


def test_the_exercise_is_closed_with_an_evaluation(demo):
    exercise = Case.objects.get(title=EXERCISE_CASE)
    assert exercise.is_exercise and exercise.status == CaseStatus.CLOSED
    assert "Verbeterafspraak" in exercise.evaluation
    assert all(DecisionList.objects.get(session=s).is_adopted for s in exercise.sessions.all())


def test_every_step_of_every_demo_session_renders_for_the_chair(client, demo):
    client.force_login(User.objects.get(username="voorzitter"))
    case = Case.objects.get(title=AZC_CASE)
    assert AZC_CASE in client.get(case.get_absolute_url()).content.decode()
    for session in case.sessions.all():
        for step in protocol.steps_for(session.kind):
            url = reverse("bob:session_run", kwargs={"uuid": session.uuid})
            response = client.get(url, {"stap": step.key})
            assert response.status_code == 200, (session.kind, step.key)
    assert client.get(reverse("bob:action_list")).status_code == 200


def test_the_besloten_case_is_seen_by_the_mayor_and_the_coordinator_only(client, demo):
    from kernteam.demo import CONFIDENTIAL_CASE

    case = Case.objects.get(title=CONFIDENTIAL_CASE)
    assert case.is_confidential
    for username, status in [
        ("coordinator", 200),
        ("burgemeester", 200),
        ("kernteamlid", 404),
        ("voorzitter", 404),
        ("communicatie", 404),
    ]:
        client.force_login(User.objects.get(username=username))
        assert client.get(case.get_absolute_url()).status_code == status, username


def test_the_demo_assessment_only_informed_partners_and_was_sent_then(client, demo, mailoutbox):
    from django.utils import timezone

    from bob.models import Assessment
    from bob.workflow import AssessmentOutcome
    from samos.reminders.services import reminders_send_due

    assessment = Assessment.objects.get()
    assert assessment.outcome == AssessmentOutcome.INFORMEREN
    assert assessment.case.title == AZC_CASE
    assert assessment.created_at < timezone.now()
    assert assessment.signals.exists()
    assert all(s.created_at < assessment.created_at for s in assessment.signals.all())
    assert {u.username for u in assessment.informed.all()} == {"voorzitter", "coordinator"}
    # Recorded as sent when it was made: the running demo mails nothing again.
    reminders_send_due(now=timezone.now())
    assert not [m for m in mailoutbox if "Vooraf-afweging" in m.subject]
    client.force_login(User.objects.get(username="voorzitter"))
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert page.count("bericht verstuurd op") == 2
