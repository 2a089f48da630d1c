"""The hand-over pages through the test client: the role matrix (403 for a role that may
not, 404 for someone who may not see the case), a failed form that keeps what was typed,
the proposal on the case page when the phase becomes escalatie, and the links to the
crisis plan and the GGD protocol."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from crisis.models import Handover
from crisis.services import handover_record, handover_return_record
from kernteam.services import case_set_phase
from samos.accounts.roles import Role
from tests.crisis.helpers import HOSTILE, escalated_case
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

PROPOSAL = "Escalatie: overdracht aan crisisbeheersing?"


def _handover(case, user=None):
    return handover_record(
        user=user or UserFactory(roles=[Role.VOORZITTER]),
        case_uuid=case.uuid,
        recipient="ggd_psh",
        handed_over_at=timezone.now() - datetime.timedelta(minutes=5),
        scope="De psychosociale opvang van omwonenden.",
        contact_name="C. Bakker, GGD",
    )


def _urls(case, handover):
    kwargs = {"uuid": case.uuid, "handover_uuid": handover.uuid}
    return {
        "create": reverse("crisis:handover_create", kwargs={"uuid": case.uuid}),
        "detail": reverse("crisis:handover_detail", kwargs=kwargs),
        "pdf": reverse("crisis:situation_pdf", kwargs=kwargs),
        "return": reverse("crisis:handover_return", kwargs=kwargs),
    }


# role → status of (create form, detail, return form)
MATRIX = [
    (Role.KERNTEAMLID, 200, 200, 200),
    (Role.COORDINATOR, 200, 200, 200),
    (Role.VOORZITTER, 200, 200, 200),
    (Role.BURGEMEESTER, 200, 200, 200),
    (Role.COMMUNICATIE, 403, 403, 403),
    (Role.SIGNALEERDER, 403, 403, 403),
    (Role.BEHEERDER, 403, 403, 403),
]


@pytest.mark.parametrize("role, create, detail, back", MATRIX)
def test_role_matrix(client, verified_login, role, create, detail, back):
    case, _session = escalated_case()
    urls = _urls(case, _handover(case))
    verified_login(client, role)
    assert client.get(urls["create"]).status_code == create
    assert client.get(urls["detail"]).status_code == detail
    assert client.get(urls["return"]).status_code == back


def test_someone_who_does_not_see_the_confidential_case_gets_404_everywhere(client, verified_login):
    case, _session = escalated_case(is_confidential=True)
    urls = _urls(case, _handover(case, UserFactory(roles=[Role.BURGEMEESTER])))
    verified_login(client, Role.KERNTEAMLID)  # not in the case
    for url in urls.values():
        assert client.get(url).status_code == 404, url
    response = client.post(urls["create"], {"recipient": "crisisorganisatie"})
    assert response.status_code == 404
    assert Handover.objects.count() == 1
    # The case page itself is refused too, so its panel never shows.
    page = client.get(reverse("kernteam:case_detail", kwargs={"uuid": case.uuid}))
    assert page.status_code == 404


def test_a_participant_of_the_confidential_case_sees_its_hand_over(client, verified_login):
    case, session = escalated_case(is_confidential=True)
    urls = _urls(case, _handover(case, UserFactory(roles=[Role.BURGEMEESTER])))
    client.force_login(session.chair)
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.factories import add_totp_device

    store = client.session
    store[DEVICE_ID_SESSION_KEY] = add_totp_device(session.chair).persistent_id
    store.save()
    assert client.get(urls["detail"]).status_code == 200


def test_a_failed_form_keeps_what_was_typed_and_lists_the_errors(client, verified_login):
    case, _session = escalated_case()
    verified_login(client, Role.KERNTEAMLID)
    url = reverse("crisis:handover_create", kwargs={"uuid": case.uuid})
    future = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(
        url,
        {
            "recipient": "crisisorganisatie",
            "date": future.isoformat(),
            "time": "10:00",
            "scope": "Regie over de openbare orde, " + HOSTILE,
            "contact_name": "A. de Vries",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Controleer het formulier" in html
    assert 'value="A. de Vries"' in html
    assert "het moment ligt in de toekomst" in html  # the service's rule, at the date field
    assert 'href="#id_date"' in html
    assert "Regie over de openbare orde, &lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert '<img src="file:///etc/passwd">' not in html
    response = client.post(url, {"recipient": "crisisorganisatie", "scope": "Iets"})
    html = response.content.decode()
    assert "Noem de contactpersoon bij de ontvanger." in html
    assert "Geef de datum van de overdracht." in html
    assert not Handover.objects.exists()


def test_the_hand_over_and_the_way_back_through_the_pages(client, verified_login):
    case, _session = escalated_case()
    chair = verified_login(client, Role.VOORZITTER)
    now = timezone.localtime()
    response = client.post(
        reverse("crisis:handover_create", kwargs={"uuid": case.uuid}),
        {
            "recipient": "crisisorganisatie",
            "date": now.date().isoformat(),
            "time": (now - datetime.timedelta(minutes=30)).strftime("%H:%M"),
            "scope": "Regie over de openbare orde.",
            "contact_name": "A. de Vries, officier van dienst",
            "contact_details": "088 123 45 67",
        },
    )
    handover = Handover.objects.get()
    assert handover.handed_over_by == chair
    urls = _urls(case, handover)
    assert response["Location"] == urls["detail"]
    page = client.get(reverse("kernteam:case_detail", kwargs={"uuid": case.uuid})).content.decode()
    assert "Overgedragen aan Regionale crisisorganisatie" in page
    assert PROPOSAL not in page  # handed over: no proposal any more
    assert "Teruggave aan SAMOS vastleggen" in page
    response = client.post(
        urls["return"],
        {
            "date": timezone.localdate().isoformat(),
            "time": timezone.localtime().strftime("%H:%M"),
            "returned_by": "B. Jansen, operationeel leider",
            "what_comes_back": "De nazorg in de kern.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("kernteam:case_detail", kwargs={"uuid": case.uuid})).content.decode()
    assert "Terug naar SAMOS" in page and "B. Jansen, operationeel leider" in page
    assert PROPOSAL not in page  # this escalation was handed over already
    # Calmer, then a new escalation: proposed again.
    case_set_phase(user=chair, case_uuid=case.uuid, phase="terugkeer", reason="Rustig.")
    case_set_phase(user=chair, case_uuid=case.uuid, phase="escalatie", reason="Opnieuw geweld.")
    page = client.get(reverse("kernteam:case_detail", kwargs={"uuid": case.uuid})).content.decode()
    assert PROPOSAL in page
    assert client.get(urls["return"]).status_code == 302  # already returned


def test_the_case_page_proposes_a_hand_over_when_the_phase_becomes_escalatie(
    client, verified_login
):
    member = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    url = reverse("kernteam:case_detail", kwargs={"uuid": case.uuid})
    page = client.get(url).content.decode()
    assert PROPOSAL not in page
    assert "Deze casus is niet overgedragen." in page
    assert "Overdragen aan crisisbeheersing" in page  # from any case
    client.post(
        reverse("kernteam:case_phase", kwargs={"uuid": case.uuid}),
        {"phase": "escalatie", "reason": "Er is geweld gebruikt.", "version": case.version},
    )
    page = client.get(url).content.decode()
    assert PROPOSAL in page
    assert reverse("crisis:handover_create", kwargs={"uuid": case.uuid}) in page
    case_set_phase(user=member, case_uuid=case.uuid, phase="terugkeer", reason="Rustig.")
    assert PROPOSAL not in client.get(url).content.decode()


def test_the_communication_adviser_sees_no_hand_over_panel(client, verified_login):
    case, _session = escalated_case()
    _handover(case)
    verified_login(client, Role.COMMUNICATIE)
    page = client.get(reverse("kernteam:case_detail", kwargs={"uuid": case.uuid}))
    assert page.status_code == 200
    assert "overdracht-kop" not in page.content.decode()


def test_the_links_to_the_crisis_plan_and_the_protocol(client, verified_login, settings):
    case = CaseFactory()
    verified_login(client, Role.KERNTEAMLID)
    url = reverse("kernteam:case_detail", kwargs={"uuid": case.uuid})
    settings.SAMOS_CRISIS_PLAN_URL = ""
    settings.SAMOS_GGD_PROTOCOL_URL = "javascript:alert(1)"
    page = client.get(url).content.decode()
    assert "<code>SAMOS_CRISIS_PLAN_URL</code>" in page
    assert "<code>SAMOS_GGD_PROTOCOL_URL</code>" in page  # an odd value is no link either
    assert "javascript:" not in page
    settings.SAMOS_CRISIS_PLAN_URL = "https://veiligheidsregio.example/crisisplan"
    settings.SAMOS_GGD_PROTOCOL_URL = "https://ggd.example/psh"
    page = client.get(url).content.decode()
    assert 'href="https://veiligheidsregio.example/crisisplan"' in page
    assert 'href="https://ggd.example/psh"' in page
    assert "<code>SAMOS_CRISIS_PLAN_URL</code>" not in page


def test_a_second_return_through_the_form_is_refused_with_a_message(client, verified_login):
    case, _session = escalated_case()
    handover = _handover(case)
    verified_login(client, Role.COORDINATOR)
    url = _urls(case, handover)["return"]
    handover_return_record(
        user=UserFactory(roles=[Role.KERNTEAMLID]),
        case_uuid=case.uuid,
        handover_uuid=handover.uuid,
        returned_at=timezone.now(),
        returned_by="GGD",
        what_comes_back="Alles.",
    )
    response = client.post(
        url,
        {
            "date": timezone.localdate().isoformat(),
            "time": timezone.localtime().strftime("%H:%M"),
            "returned_by": "GGD",
            "what_comes_back": "Nog eens.",
        },
    )
    assert response.status_code == 200
    assert "al teruggegeven aan SAMOS" in response.content.decode()


def test_the_case_page_does_not_query_per_hand_over(
    client, verified_login, django_assert_num_queries, django_assert_max_num_queries
):
    case, _session = escalated_case()
    verified_login(client, Role.VOORZITTER)
    url = reverse("kernteam:case_detail", kwargs={"uuid": case.uuid})
    mayor = UserFactory(roles=[Role.BURGEMEESTER])

    def hand_over_and_back():
        handover = _handover(case, mayor)
        handover_return_record(
            user=mayor,
            case_uuid=case.uuid,
            handover_uuid=handover.uuid,
            returned_at=timezone.now(),
            returned_by="GGD",
            what_comes_back="De nazorg.",
        )

    hand_over_and_back()
    client.get(url)  # warm the caches (settings, sessions)
    with django_assert_max_num_queries(100) as one:
        client.get(url)
    hand_over_and_back()
    hand_over_and_back()
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).content.decode().count("Terug naar SAMOS") == 3
