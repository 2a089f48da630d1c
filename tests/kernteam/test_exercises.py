"""Exercises: the six forms, the facilitator's material (fictitious signals, injects, the
given beeld and oordeel), injects in the runner, and the exercise's own evaluation."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bob.models import StepRecord
from kernteam import exercises, selectors
from kernteam.models import Case, Exercise, ExerciseForm, ExerciseInject
from kernteam.services import session_start
from samos.accounts.roles import Role
from signals.models import Signal
from tests.factories import (
    AreaFactory,
    AttendeeFactory,
    CaseFactory,
    SessionFactory,
    SourceKindFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(name, case, **extra):
    return reverse(f"kernteam:{name}", kwargs={"uuid": case.uuid, **extra})


@pytest.fixture
def prepared(client, verified_login):
    """A facilitator (kernteamlid) with a besluitvorming exercise."""
    facilitator = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory(oefening=True, title="Oefening sporthal", opened_by=facilitator)
    case.areas.add(AreaFactory(name="Oldenmere"))
    exercise = Exercise.objects.create(
        case=case, form=ExerciseForm.BESLUITVORMING, facilitator=facilitator
    )
    return client, facilitator, case, exercise


def test_the_six_forms_of_the_handreiking():
    assert len(ExerciseForm.choices) == 6


def test_opening_an_exercise_asks_for_its_form(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    area = AreaFactory(name="Brammelo")
    data = {"title": "Oefenen", "areas": [area.pk], "phase": "rust", "is_exercise": "on"}
    response = client.post(reverse("kernteam:case_create"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kies de oefenvorm van deze oefening." in content
    assert 'value="Oefenen"' in content  # what was typed stays
    response = client.post(reverse("kernteam:case_create"), {**data, "exercise_form": "crisis"})
    case = Case.objects.get(title="Oefenen")
    assert response["Location"] == case.get_absolute_url()
    assert case.is_exercise and case.exercise.form == "crisis"


def test_the_facilitator_prepares_a_fictitious_signal(prepared):
    client, facilitator, case, _exercise = prepared
    area = case.areas.first()
    source = SourceKindFactory()
    data = {
        "signaal-observation": "Fictief: pamfletten bij de sporthal.",
        "signaal-observed_at": (timezone.localtime() - timedelta(hours=2)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "signaal-area": area.pk,
        "signaal-source_kind": source.pk,
        "signaal-urgency": "hoog",
    }
    response = client.post(url("exercise_signal_add", case), data)
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.is_exercise and signal.author == facilitator
    assert list(case.signals.all()) == [signal]
    page = client.get(url("exercise_detail", case)).content.decode()
    assert "Fictief: pamfletten bij de sporthal." in page
    # The case page shows it, marked; the real list does not.
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert "Oefensignaal" in case_page and "pamfletten" in case_page
    assert "pamfletten" not in client.get(reverse("signals:signal_list")).content.decode()


def test_a_failed_signal_form_keeps_the_text_and_lists_the_errors(prepared):
    client, _facilitator, case, _exercise = prepared
    response = client.post(
        url("exercise_signal_add", case),
        {"signaal-observation": "Getypte tekst blijft", "signaal-observed_at": "gisteren"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Getypte tekst blijft" in content
    assert "Controleer het formulier" in content
    assert not Signal.objects.exists()


def test_only_the_facilitator_or_a_coordinator_prepares(verified_login, prepared):
    _client, _facilitator, case, _exercise = prepared
    client = Client()
    verified_login(client, Role.KERNTEAMLID)
    response = client.post(url("exercise_inject_add", case), {"inject-text": "Gluren"})
    assert response.status_code == 403
    assert not ExerciseInject.objects.exists()
    page = client.get(url("exercise_detail", case)).content.decode()
    assert "Inject toevoegen" not in page
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    assert exercises.can_facilitate(coordinator, case.exercise)


def test_injects_appear_in_the_runner_when_their_time_has_come(verified_login, prepared):
    fclient, facilitator, case, exercise = prepared
    client = Client()  # the member's own browser
    fclient.post(
        url("exercise_inject_add", case),
        {"inject-text": "Eerste inject", "inject-offset_minutes": "0"},
    )
    fclient.post(
        url("exercise_inject_add", case),
        {"inject-text": "Later bericht", "inject-offset_minutes": "30"},
    )
    fclient.post(url("exercise_inject_add", case), {"inject-text": "Handmatig bericht"})
    assert exercise.injects.count() == 3
    chair = UserFactory(roles=[Role.VOORZITTER])
    session = SessionFactory(case=case, chair=chair, starts_at=timezone.now() + timedelta(hours=1))
    AttendeeFactory(session=session, user=facilitator)
    member = verified_login(client, Role.KERNTEAMLID)
    AttendeeFactory(session=session, user=member)
    runner = session.get_absolute_url()
    assert "Eerste inject" not in client.get(runner).content.decode()  # not started yet
    session_start(user=chair, session_uuid=session.uuid)
    page = client.get(runner).content.decode()
    assert "Eerste inject" in page
    assert "Later bericht" not in page and "Handmatig bericht" not in page
    # Half an hour in, the second one comes in.
    session.refresh_from_db()
    session.started_at -= timedelta(minutes=31)
    session.save(update_fields=["started_at"])
    assert "Later bericht" in client.get(runner).content.decode()
    # The facilitator sees what is still to come, and shows it now.
    facilitator_page = fclient.get(runner).content.decode()
    assert "Handmatig bericht" in facilitator_page and "Nu tonen" in facilitator_page
    handmatig = exercise.injects.get(text="Handmatig bericht")
    response = fclient.post(
        url("exercise_inject_release", case, inject_uuid=handmatig.uuid),
        {"bijeenkomst": str(session.uuid)},
    )
    assert response["Location"].startswith(runner)
    assert "Handmatig bericht" in client.get(runner).content.decode()
    # Every step shows them.
    assert "Handmatig bericht" in client.get(runner, {"stap": "besluitvorming"}).content.decode()


def test_a_real_session_shows_no_inject_block(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair)
    assert "Injects van de oefening" not in client.get(session.get_absolute_url()).content.decode()


def test_the_besluitvorming_form_starts_with_beeld_and_oordeel_filled_in(prepared, verified_login):
    client, facilitator, case, exercise = prepared
    response = client.post(
        url("exercise_given", case),
        {
            "gegeven-beeld_wat_gebeurd": "Er is een pamflet verspreid.",
            "gegeven-oordeel_wat_nog": "Een demonstratie zaterdag.",
        },
    )
    assert response.status_code == 302
    chair_client = Client()
    chair = verified_login(chair_client, Role.VOORZITTER)
    session = SessionFactory(case=case, chair=chair)
    session_start(user=chair, session_uuid=session.uuid)
    records = {r.step: r.data for r in StepRecord.objects.filter(session=session)}
    assert records["beeldvorming"]["wat_gebeurd"] == "Er is een pamflet verspreid."
    assert records["oordeelsvorming"]["wat_nog"] == "Een demonstratie zaterdag."
    page = chair_client.get(session.get_absolute_url(), {"stap": "beeldvorming"}).content.decode()
    assert "Er is een pamflet verspreid." in page


def test_other_forms_do_not_prefill(prepared):
    _client, _facilitator, case, exercise = prepared
    exercise.form = ExerciseForm.KERNTEAM
    exercise.beeld_wat_gebeurd = "Iets"
    exercise.save()
    chair = UserFactory(roles=[Role.VOORZITTER])
    session = SessionFactory(case=case, chair=chair)
    session_start(user=chair, session_uuid=session.uuid)
    assert not StepRecord.objects.filter(session=session).exists()


def test_the_exercise_ends_with_its_own_evaluation_which_stays_findable(prepared):
    client, facilitator, case, exercise = prepared
    response = client.post(url("exercise_evaluate", case), {"evaluatie-cooperation": "Goed"})
    assert response.status_code == 200
    assert "Vul dit deel van de evaluatie in." in response.content.decode()
    response = client.post(
        url("exercise_evaluate", case),
        {
            "evaluatie-cooperation": "De politie en het jongerenwerk vonden elkaar snel.",
            "evaluatie-protocol": "De pauze voor informatie werd overgeslagen.",
            "evaluatie-improvements": "Voortaan een woordvoerder aanwijzen.",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    exercise.refresh_from_db()
    assert exercise.is_evaluated and not case.is_open
    assert "woordvoerder" in case.evaluation
    found = selectors.case_lessons_search(user=facilitator, text="woordvoerder")
    assert list(found) == [case]
    listing = client.get(reverse("kernteam:case_list"), {"lessen": "jongerenwerk"})
    assert "Oefening sporthal" in listing.content.decode()
    page = client.get(url("exercise_detail", case)).content.decode()
    assert "Voortaan een woordvoerder aanwijzen." in page


def test_the_exercise_page_is_404_for_a_real_case(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    assert client.get(url("exercise_detail", CaseFactory())).status_code == 404


def test_an_exercise_lets_go_of_its_own_fictitious_signal(prepared):
    client, facilitator, case, _exercise = prepared
    signal = exercises.exercise_signal_add(
        user=facilitator,
        case_uuid=case.uuid,
        observation="Fictief: een spandoek.",
        area=case.areas.first(),
        source_kind=SourceKindFactory(),
    )
    response = client.post(
        reverse("kernteam:signal_unlink", kwargs={"uuid": case.uuid, "signal_uuid": signal.uuid})
    )
    assert response.status_code == 302
    assert not case.signals.exists()


def test_the_page_says_what_the_form_asks_of_the_facilitator(prepared):
    client, _facilitator, case, exercise = prepared
    page = client.get(url("exercise_detail", case)).content.decode()
    assert "Beeld en oordeel zijn gegeven" in page
    exercise.form = ExerciseForm.EEN_EXTERNE
    exercise.save(update_fields=["form"])
    assert "als derde" in client.get(url("exercise_detail", case)).content.decode()
    response = client.post(url("exercise_set_form", case), {"vorm-exercise_form": "crisis"})
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert exercise.form == ExerciseForm.CRISIS


def test_a_closed_exercise_takes_no_new_material(prepared):
    client, facilitator, case, exercise = prepared
    case.status = "gesloten"
    case.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        exercises.exercise_inject_add(
            user=facilitator, case_uuid=case.uuid, text="Te laat", offset_minutes=None
        )
    inject = ExerciseInject.objects.create(exercise=exercise, text="Klaar", created_by=facilitator)
    response = client.post(url("exercise_inject_release", case, inject_uuid=inject.uuid))
    assert response.status_code == 302
    inject.refresh_from_db()
    assert inject.released_at is None
