"""Case pages: role matrix, open from signals, phase with stale-edit message."""

import pytest
from django.urls import reverse

from kernteam.models import Case
from kernteam.services import case_open, case_set_phase
from samos.accounts.roles import Role
from tests.factories import AreaFactory, CaseFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("kernteam:case_list")
CREATE = reverse("kernteam:case_create")


@pytest.mark.parametrize(
    ("role", "list_status", "create_status"),
    [
        (Role.COORDINATOR, 200, 200),
        (Role.KERNTEAMLID, 200, 200),
        (Role.VOORZITTER, 200, 200),
        (Role.BURGEMEESTER, 200, 403),
        (Role.COMMUNICATIE, 200, 403),
        (Role.SIGNALEERDER, 403, 403),
        (Role.BEHEERDER, 403, 403),
    ],
)
def test_role_matrix(client, verified_login, role, list_status, create_status):
    verified_login(client, role)
    assert client.get(LIST).status_code == list_status
    assert client.get(CREATE).status_code == create_status


def test_open_a_case_from_signals_through_the_form(client, verified_login):
    first, second = SignalFactory(), SignalFactory()
    verified_login(client, Role.KERNTEAMLID)
    wanted = f"{first.uuid},{second.uuid}"
    form = client.get(CREATE, {"signalen": wanted})
    assert first.observation[:30] in form.content.decode()
    response = client.post(
        CREATE, {"title": "Spanning rond azc", "phase": "dreigende_onrust", "signalen": wanted}
    )
    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Spanning rond azc" in page
    assert "Dreigende onrust" in page
    assert set(case.signals.all()) == {first, second}


def test_missing_title_keeps_the_form(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    response = client.post(CREATE, {"title": "", "phase": "rust"})
    assert response.status_code == 200
    assert "Geef de casus een korte titel." in response.content.decode()
    assert Case.objects.count() == 0


def test_stale_phase_edit_gets_a_clear_message(client, verified_login):
    user = verified_login(client, Role.KERNTEAMLID)
    case = case_open(user=user, title="Windpark", areas=[AreaFactory()])
    seen = case.version
    case_set_phase(
        user=UserFactory(roles=[Role.COORDINATOR]),
        case_uuid=case.uuid,
        phase="onrust",
        reason="Eerst",
        expected_version=seen,
    )
    response = client.post(
        reverse("kernteam:case_phase", args=[case.uuid]),
        {"phase": "escalatie", "reason": "Tegelijk", "version": seen},
        follow=True,
    )
    assert "Iemand anders heeft deze casus intussen gewijzigd" in response.content.decode()
    case.refresh_from_db()
    assert case.phase == "onrust"


def test_exercise_is_marked_and_hidden_signals_are_counted_not_shown(client, verified_login):
    owner = UserFactory(roles=[Role.COORDINATOR])
    secret = SignalFactory(vertrouwelijk=True, observation="Geheime waarneming")
    case = case_open(
        user=owner,
        title="Oefening",
        areas=[AreaFactory()],
        signal_uuids=[secret.uuid],
        is_exercise=True,
    )
    verified_login(client, Role.KERNTEAMLID)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "OEFENING" in page
    assert "Geheime waarneming" not in page
    assert "1 vertrouwelijk signaal" in page


def test_the_signal_page_offers_to_open_a_case_to_kernteam_roles_only(client, verified_login):
    signal = SignalFactory()
    verified_login(client, Role.KERNTEAMLID)
    page = client.get(signal.get_absolute_url()).content.decode()
    assert f"{CREATE}?signalen={signal.uuid}" in page


def test_a_signaller_is_not_offered_to_open_a_case(client, verified_login):
    signaller = verified_login(client, Role.SIGNALEERDER)
    own = SignalFactory(author=signaller)
    page = client.get(own.get_absolute_url())
    assert page.status_code == 200
    assert "Casus openen met dit signaal" not in page.content.decode()


def test_lessons_of_closed_cases_are_findable(client, verified_login):
    CaseFactory(title="Sporthal", gesloten=True, evaluation="Vroeg de vereniging bellen werkte.")
    CaseFactory(title="Windpark", gesloten=True, evaluation="Bewonersavond te laat gepland.")
    CaseFactory(title="Nog open", evaluation="")
    verified_login(client, Role.COORDINATOR)
    page = client.get(LIST, {"lessen": "vereniging bellen"}).content.decode()
    assert "Vroeg de vereniging bellen werkte." in page
    assert "Bewonersavond te laat gepland." not in page
    assert "1 gesloten casus over" in page
    everything = client.get(LIST).content.decode()
    assert "Bewonersavond te laat gepland." in everything


def test_the_start_page_shows_the_most_serious_phase_per_area_without_exercises(
    client, verified_login
):
    area = AreaFactory(name="Oldenmere")
    CaseFactory(title="Azc", areas=[area], phase="onrust")
    CaseFactory(title="Kleinigheid", areas=[area], phase="dreigende_onrust")
    CaseFactory(
        title="Oefenen", areas=[AreaFactory(name="Brammelo")], phase="escalatie", oefening=True
    )
    verified_login(client, Role.BURGEMEESTER)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Fase per gebied" in page
    row = page[page.index("Oldenmere") :][:400]
    assert "Onrust" in row and "Azc" in row
    assert "Oefenen" not in page and "Brammelo" not in page
