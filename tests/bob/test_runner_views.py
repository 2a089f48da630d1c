"""The session runner through the test client: roles, saving steps, stale edits,
information requests, scenarios, decisions, adoption by the chair, query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bob.models import Decision, DecisionList, InformationRequest, Scenario, StepRecord
from bob.services import decision_record, step_save
from bob.workflow import DecisionListStatus
from kernteam.services import session_finish
from samos.accounts.roles import Role
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def run_url(session, step=None):
    url = reverse("bob:session_run", kwargs={"uuid": session.uuid})
    return f"{url}?stap={step}" if step else url


def step_url(session, step):
    return reverse("bob:session_step", kwargs={"uuid": session.uuid, "step": step})


@pytest.fixture
def chair_client(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair)
    return client, session


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COORDINATOR, 200),
        (Role.KERNTEAMLID, 200),
        (Role.VOORZITTER, 200),
        (Role.BURGEMEESTER, 200),
        (Role.COMMUNICATIE, 403),
        (Role.SIGNALEERDER, 403),
        (Role.BEHEERDER, 403),
    ],
)
def test_who_sees_the_runner(client, verified_login, role, status):
    session = SessionFactory(bezig=True)
    verified_login(client, role)
    assert client.get(run_url(session, "inschatting")).status_code == status


def test_an_unknown_session_is_404(client, verified_login):
    verified_login(client, Role.VOORZITTER)
    url = reverse("bob:session_run", kwargs={"uuid": "00000000-0000-4000-8000-000000000000"})
    assert client.get(url).status_code == 404


def test_a_member_who_does_not_run_the_session_reads_along_and_cannot_post(client, verified_login):
    session = SessionFactory(bezig=True)
    verified_login(client, Role.KERNTEAMLID)
    page = client.get(run_url(session, "inschatting")).content.decode()
    assert "u leest mee" in page
    assert 'name="verder"' not in page
    response = client.post(step_url(session, "inschatting"), {"version": 0, "ernst": "2"})
    assert response.status_code == 403
    assert not StepRecord.objects.exists()


def test_the_chair_saves_a_step_and_moves_on(chair_client):
    client, session = chair_client
    page = client.get(run_url(session, "inschatting")).content.decode()
    assert "Stap 3 van 10" in page and "Ernst" in page
    response = client.post(
        step_url(session, "inschatting"),
        {"version": 0, "ernst": "3", "ernst_toelichting": "Dreigende taal online", "verder": "1"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?stap=directe_stappen#stap")
    record = StepRecord.objects.get(session=session, step="inschatting")
    assert record.data["ernst"] == "3"
    page = client.get(run_url(session, "inschatting")).content.decode()
    assert "1 van 10 stappen opgeslagen" in page
    assert "Dreigende taal online" in page


def test_a_stale_step_edit_keeps_the_typed_text_and_says_why(chair_client):
    client, session = chair_client
    step_save(
        user=session.chair,
        session_uuid=session.uuid,
        step_key="motivering",
        data={"aanleiding": "Eerste versie"},
        expected_version=0,
    )
    response = client.post(
        step_url(session, "motivering"),
        {"version": 0, "aanleiding": "Mijn eigen tekst die niet verloren mag gaan"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in page
    assert "Mijn eigen tekst die niet verloren mag gaan" in page
    assert StepRecord.objects.get(step="motivering").data["aanleiding"] == "Eerste versie"


def test_an_htmx_save_gets_the_same_answer(chair_client):
    client, session = chair_client
    response = client.post(
        step_url(session, "inschatting"), {"version": 0, "tijd": "2"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 302
    assert StepRecord.objects.get(step="inschatting").data["tijd"] == "2"


def test_information_request_bad_input_and_answer(chair_client):
    client, session = chair_client
    url = reverse("bob:information_request_create", kwargs={"uuid": session.uuid})
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url,
        {
            "stap": "informatie",
            "question": "Hoeveel bewoners komen er naar de avond?",
            "source": "Dorpsraad",
            "requested_by": session.chair.pk,
            "deadline": past,
        },
    )
    assert response.status_code == 200
    assert "De deadline moet in de toekomst liggen." in response.content.decode()
    assert "Hoeveel bewoners komen er naar de avond?" in response.content.decode()
    assert not InformationRequest.objects.exists()
    soon = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url,
        {
            "stap": "informatie",
            "question": "Hoeveel bewoners komen er naar de avond?",
            "source": "Dorpsraad",
            "requested_by": session.chair.pk,
            "deadline": soon,
        },
    )
    assert response.status_code == 302
    info = InformationRequest.objects.get()
    answer_url = reverse("bob:information_request_answer", kwargs={"uuid": info.uuid})
    client.post(answer_url, {"status": "ontvangen", "answer": "", "stap": "informatie"})
    info.refresh_from_db()
    assert info.is_open  # "ontvangen" needs the answer
    client.post(answer_url, {"status": "ontvangen", "answer": "Ongeveer 80", "stap": "informatie"})
    info.refresh_from_db()
    assert info.status == "ontvangen" and info.answer == "Ongeveer 80"


def test_scenarios_and_decisions_from_the_oordeelsvorming(chair_client):
    client, session = chair_client
    client.post(
        reverse("bob:scenario_create", kwargs={"uuid": session.uuid}),
        {
            "stap": "oordeelsvorming",
            "condition": "de informatieavond uit de hand loopt",
            "consequence": "dan demonstratie bij het gemeentehuis",
            "likelihood": "reeel",
            "impact": "aanzienlijk",
        },
    )
    assert Scenario.objects.get().likelihood == "reeel"
    response = client.post(
        reverse("bob:decision_create", kwargs={"uuid": session.uuid}),
        {"stap": "oordeelsvorming", "stage": "oordeelsvorming", "text": "Fase: dreigende onrust"},
    )
    assert response.status_code == 302
    page = client.get(run_url(session, "oordeelsvorming")).content.decode()
    assert "de informatieavond uit de hand loopt" in page
    assert "Fase: dreigende onrust" in page
    empty = client.post(
        reverse("bob:decision_create", kwargs={"uuid": session.uuid}),
        {"stap": "oordeelsvorming", "stage": "besluitvorming", "text": ""},
    )
    assert "Schrijf het besluit op." in empty.content.decode()
    assert Decision.objects.count() == 1


def test_the_chair_adopts_a_finished_list_with_a_confirmation(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair)
    decision_record(user=chair, session_uuid=session.uuid, stage="afspraak", text="Afspraak 1")
    session_finish(user=chair, session_uuid=session.uuid)
    url = reverse("bob:decision_list", kwargs={"uuid": session.uuid})
    assert "Vaststellen door de voorzitter" in client.get(url).content.decode()
    unconfirmed = client.post(url, {})
    assert "Bevestig dat u de besluitenlijst vaststelt." in unconfirmed.content.decode()
    assert DecisionList.objects.get().status == DecisionListStatus.CONCEPT
    client.post(url, {"confirmed": "on"})
    assert DecisionList.objects.get().status == DecisionListStatus.VASTGESTELD
    assert "Vaststellen door de voorzitter" not in client.get(url).content.decode()


def test_a_coordinator_cannot_adopt_alone(client, verified_login):
    session = SessionFactory(bezig=True)
    decision_record(user=session.chair, session_uuid=session.uuid, stage="afspraak", text="A")
    session_finish(user=session.chair, session_uuid=session.uuid)
    verified_login(client, Role.COORDINATOR)
    url = reverse("bob:decision_list", kwargs={"uuid": session.uuid})
    assert "Vaststellen door de voorzitter" not in client.get(url).content.decode()
    assert client.post(url, {"confirmed": "on"}).status_code == 403
    assert DecisionList.objects.get().status == DecisionListStatus.CONCEPT


def test_the_runner_page_has_a_bounded_number_of_queries(
    chair_client, django_assert_max_num_queries
):
    client, session = chair_client
    for number in range(8):
        decision_record(
            user=session.chair,
            session_uuid=session.uuid,
            stage="afspraak",
            text=f"Besluit {number}",
        )
    with django_assert_max_num_queries(30):
        assert client.get(run_url(session, "oordeelsvorming")).status_code == 200


def test_roles_without_sessions_cannot_post_to_the_runner(client, verified_login):
    session = SessionFactory(bezig=True)
    verified_login(client, Role.COMMUNICATIE)
    assert client.post(step_url(session, "inschatting"), {"version": 0}).status_code == 403
    assert not StepRecord.objects.exists()


def test_a_cited_signal_the_reader_may_not_see_is_not_listed(client, verified_login):
    from kernteam.models import CaseSignal
    from tests.factories import SignalFactory

    session = SessionFactory(bezig=True)
    hidden = SignalFactory(vertrouwelijk=True, observation="Vertrouwelijke melding")
    CaseSignal.objects.create(case=session.case, signal=hidden, linked_by=session.chair)
    decision_record(
        user=session.chair,
        session_uuid=session.uuid,
        stage="beeldvorming",
        text="Op grond van de melding",
        signal_uuids=[hidden.uuid],
    )
    verified_login(client, Role.KERNTEAMLID)
    page = client.get(reverse("bob:decision_list", kwargs={"uuid": session.uuid})).content
    assert "Op grond van de melding" in page.decode()
    assert hidden.get_absolute_url() not in page.decode()


@pytest.mark.parametrize("kind", ["vervolg", "laatste"])
def test_attendance_is_recorded_in_follow_up_and_closing_sessions(client, verified_login, kind):
    from kernteam.models import Attendee

    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(chair=chair, bezig=True, kind=kind)
    member = Attendee.objects.create(session=session, user=UserFactory(roles=[Role.KERNTEAMLID]))
    guest = Attendee.objects.create(session=session, guest_name="D. Derde")
    page = client.get(session.get_absolute_url() + "?stap=besluitenlijst").content.decode()
    assert f'name="aanwezigheid-{member.uuid}"' in page
    assert f'name="aanwezigheid-{guest.uuid}"' in page
    client.post(
        reverse("kernteam:session_attendance", args=[session.uuid]),
        {
            f"aanwezigheid-{member.uuid}": "afwezig_met_bericht",
            f"aanwezigheid-{guest.uuid}": "te_laat",
        },
    )
    member.refresh_from_db()
    guest.refresh_from_db()
    assert (member.attendance, guest.attendance) == ("afwezig_met_bericht", "te_laat")


def test_read_only_answers_show_the_label_of_a_choice(client, verified_login):
    """Who reads the runner without running it sees "ernstig", never the code "3"."""
    session = SessionFactory(bezig=True)
    step_save(
        user=session.chair,
        session_uuid=session.uuid,
        step_key="inschatting",
        data={"ernst": "3", "ernst_toelichting": "Oproepen tot een blokkade"},
        expected_version=0,
    )
    verified_login(client, Role.KERNTEAMLID)
    page = client.get(run_url(session, "inschatting")).content.decode()
    answers = page.split('<dl class="runner-block">', 1)[1].split("</dl>", 1)[0]
    assert "<dt>Ernst</dt>" in answers and ">ernstig</dd>" in answers
    assert ">3</dd>" not in answers
    assert "Oproepen tot een blokkade" in answers


def test_an_answer_given_in_a_follow_up_returns_to_that_follow_up(client, verified_login):
    """An information request asked in the first session is answered while the chair runs
    the follow-up: she stays in the follow-up; a refused answer keeps what she typed."""
    from bob.services import information_request_create

    chair = verified_login(client, Role.VOORZITTER)
    first = SessionFactory(bezig=True, chair=chair)
    info = information_request_create(
        user=chair,
        session_uuid=first.uuid,
        question="Hoeveel bewoners komen er?",
        source="Dorpsraad",
        requested_by=chair,
        deadline=timezone.now() + timedelta(days=2),
    )
    follow_up = SessionFactory(bezig=True, chair=chair, case=first.case, kind="vervolg")
    answer_url = reverse("bob:information_request_answer", kwargs={"uuid": info.uuid})
    step = "nieuw"  # the follow-up's "Wat is er nieuw?" shows the open requests
    refused = client.post(
        answer_url,
        {"status": "", "answer": "Ongeveer tachtig", "stap": step, "sessie": follow_up.uuid},
    )
    assert refused.status_code == 200
    html = refused.content.decode()
    assert str(follow_up.uuid) in html and 'id="foutmelding"' in html
    assert "Ongeveer tachtig</textarea>" in html
    done = client.post(
        answer_url,
        {
            "status": "ontvangen",
            "answer": "Ongeveer tachtig",
            "stap": step,
            "sessie": follow_up.uuid,
        },
    )
    assert done["Location"].startswith(run_url(follow_up).split("#")[0])
    info.refresh_from_db()
    assert info.answer == "Ongeveer tachtig"
