"""Inside an exercise case its own fictitious signals can be cited as the basis of an
action's result (on the action page and in the runner's action review), and they are
marked "Oefensignaal" in words wherever the case's signals are listed. A real case never
shows or accepts an exercise signal, and an exercise never accepts another's."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bob.models import ActionUpdate
from bob.services import action_report_progress
from samos.accounts.roles import Role
from tests.factories import ActionFactory, CaseFactory, SessionFactory, SignalFactory

pytestmark = pytest.mark.django_db

FAKE = "Fictief: een groep blokkeert de ingang van de sporthal."
REAL = "Bewoners zijn positief over het buurtgesprek."


def progress(action):
    return reverse("bob:action_progress", args=[action.uuid])


def link(case, signal, user):
    case.signals.add(signal, through_defaults={"linked_by": user})


@pytest.fixture
def exercise(client, verified_login):
    """A coördinator in an exercise case with one real and one fictitious signal, and an
    action whose result she reports."""
    coordinator = verified_login(client, Role.COORDINATOR)
    case = CaseFactory(oefening=True, title="Oefening sporthal")
    fake = SignalFactory(observation=FAKE, is_exercise=True)
    real = SignalFactory(observation=REAL)
    link(case, fake, coordinator)
    link(case, real, coordinator)
    action = ActionFactory(case=case, coordinator=coordinator, title="Buurtgesprek")
    return client, coordinator, case, action, fake, real


def test_the_action_page_offers_the_exercise_signals_and_accepts_them(exercise):
    client, _coordinator, _case, action, fake, real = exercise
    page = client.get(action.get_absolute_url()).content.decode()
    assert f'value="{fake.uuid}"' in page and f'value="{real.uuid}"' in page
    assert "Oefensignaal — " in page  # the choice says it in words
    response = client.post(
        progress(action),
        {"note": "Gesprek gevoerd", "version": 1, "signals": [str(fake.uuid), str(real.uuid)]},
    )
    assert response.status_code == 302, response.content.decode()
    update = ActionUpdate.objects.get()
    assert set(update.signals.all()) == {fake, real}
    # Cited, it is shown on the action page as an exercise signal.
    page = client.get(action.get_absolute_url()).content.decode()
    cited = page.split("Op grond van signalen:")[1].split("</p>")[0]
    assert cited.count(">Oefensignaal</span>") == 1
    assert re.search(rf'Oefensignaal</span>\s*<a href="{fake.get_absolute_url()}"', cited)
    assert "signaal dat u niet kunt inzien" not in page


def test_the_runner_review_offers_and_accepts_the_exercise_signals(exercise):
    client, coordinator, case, action, fake, _real = exercise
    session = SessionFactory(case=case, bezig=True, kind="vervolg", chair=coordinator)
    runner = reverse("bob:session_run", kwargs={"uuid": session.uuid})
    page = client.get(f"{runner}?stap=acties").content.decode()
    assert re.search(
        rf'value="{fake.uuid}"[^>]*>\s*<label[^>]*><span class="badge[^"]*">Oefensignaal</span>',
        page,
    )
    response = client.post(
        progress(action),
        {
            "note": "Besproken in de oefening",
            "version": 1,
            "sessie": str(session.uuid),
            "stap": "acties",
            "next": f"{runner}?stap=acties",
            "signals": [str(fake.uuid)],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{runner}?stap=acties"
    assert list(ActionUpdate.objects.get().signals.all()) == [fake]


def test_a_real_case_never_shows_or_accepts_an_exercise_signal(client, verified_login):
    coordinator = verified_login(client, Role.COORDINATOR)
    fake = SignalFactory(observation=FAKE, is_exercise=True)
    link(CaseFactory(oefening=True), fake, coordinator)  # it belongs to an exercise
    real_case = CaseFactory(title="Echte casus")
    real = SignalFactory(observation=REAL)
    link(real_case, real, coordinator)
    action = ActionFactory(case=real_case, coordinator=coordinator)
    page = client.get(action.get_absolute_url()).content.decode()
    assert str(fake.uuid) not in page and FAKE not in page
    response = client.post(
        progress(action), {"note": "Stand", "version": 1, "signals": [str(fake.uuid)]}
    )
    assert response.status_code == 200  # refused, the form again
    assert not ActionUpdate.objects.exists()
    # The service refuses it too, however it is asked.
    with pytest.raises(ValidationError) as refused:
        action_report_progress(
            user=coordinator, action_uuid=action.uuid, note="Stand", signal_uuids=[fake.uuid]
        )
    assert "signals" in refused.value.message_dict
    case_page = client.get(real_case.get_absolute_url()).content.decode()
    assert FAKE not in case_page and "Oefensignaal" not in case_page


def test_an_exercise_does_not_accept_another_exercises_signal(exercise):
    _client, coordinator, _case, action, _fake, _real = exercise
    other = SignalFactory(observation="Fictief: van een andere oefening.", is_exercise=True)
    link(CaseFactory(oefening=True), other, coordinator)
    with pytest.raises(ValidationError):
        action_report_progress(
            user=coordinator, action_uuid=action.uuid, note="Stand", signal_uuids=[other.uuid]
        )


def test_the_case_page_and_the_runner_mark_exercise_signals_in_words(exercise):
    client, coordinator, case, _action, fake, real = exercise
    badge = r'<span class="badge text-bg-warning">Oefensignaal</span>\s*<a href="{}"'
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert re.search(badge.format(re.escape(fake.get_absolute_url())), case_page)
    assert not re.search(badge.format(re.escape(real.get_absolute_url())), case_page)
    assert case_page.count(">Oefensignaal</span>") == 1
    session = SessionFactory(case=case, bezig=True, chair=coordinator)
    runner = reverse("bob:session_run", kwargs={"uuid": session.uuid})
    page = client.get(f"{runner}?stap=motivering").content.decode()
    block = page.split('id="signalen-kop"')[1].split("</section>")[0]
    assert re.search(badge.format(re.escape(fake.get_absolute_url())), block)
    assert block.count(">Oefensignaal</span>") == 1 and REAL in block
