"""The demo has an exercise of the besluitvorming form with injects, told in order, and
its fictitious signals stay out of the real figures."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from bob.exercise_demo import DEMO_EXERCISE
from kernteam import exercises
from kernteam.demo import EXERCISE_CASE
from kernteam.models import Case
from samos.accounts.models import User
from signals import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent


def test_the_besluitvorming_exercise_with_injects(demo, client):
    case = Case.objects.get(title=DEMO_EXERCISE)
    exercise = case.exercise
    assert case.is_exercise and exercise.form == "besluitvorming"
    assert exercise.beeld_wat_gebeurd and exercise.oordeel_wat_nog
    session = case.sessions.get()
    shown, pending = exercises.injects_for_session(session=session)
    assert len(shown) == 3 and not pending
    for inject in shown:
        assert session.started_at <= inject.moment <= session.finished_at <= timezone.now()
        assert inject.created_at < session.started_at
    fictitious = list(case.signals.all())
    assert fictitious and all(signal.is_exercise for signal in fictitious)
    for signal in fictitious:
        assert signal.observed_at <= signal.created_at < session.started_at
    coordinator = User.objects.get(username="coordinator")
    visible = selectors.signal_list_visible_for(user=coordinator)
    assert not visible.filter(pk__in=[s.pk for s in fictitious]).exists()
    assert list(exercises.exercise_signals_for(user=coordinator, case=case)) == sorted(
        fictitious, key=lambda s: (s.observed_at, s.pk)
    )
    # The runner of the held session shows the injects to the chair.
    client.force_login(User.objects.get(username="voorzitter"))
    page = client.get(session.get_absolute_url()).content.decode()
    assert shown[0].text in page


def test_the_closed_exercise_has_its_form_and_own_evaluation(demo):
    exercise = Case.objects.get(title=EXERCISE_CASE).exercise
    assert exercise.form == "kernteam" and exercise.is_evaluated
