"""The runner writes into the plan; a follow-up judges how communication went, per goal
and target group; the judgements show in the verslag (page and PDF) and in the closing
session."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from communicatie import selectors, services
from communicatie.models import Judgement, PlanVersion, TargetGroup
from samos.accounts.roles import Role
from tests.factories import CaseFactory, MessageFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def _login_chair(client, verified_login):
    return verified_login(client, Role.VOORZITTER)


def test_the_first_sessions_communication_step_writes_the_plan(client, verified_login):
    chair = _login_chair(client, verified_login)
    session = SessionFactory(bezig=True, chair=chair)
    media = TargetGroup.objects.get(name="Media")
    page = client.get(session.get_absolute_url() + "?stap=communicatie").content.decode()
    assert "Communicatieplan opslaan" in page
    data = {
        "stap": "communicatie",
        "plan-version": 0,
        "plan-goals": "Feiten delen\nGeruchten ontkrachten",
        "plan-spokespersons": "De burgemeester",
        f"plan-groep_{media.pk}_in_plan": "on",
        f"plan-groep_{media.pk}_core_message": "Feiten over de planning.",
    }
    url = reverse("communicatie:runner_plan", kwargs={"uuid": session.uuid})
    response = client.post(url, data)
    assert response.status_code == 302 and "stap=communicatie" in response["Location"]
    plan = selectors.plan_of(case=session.case)
    assert plan.goal_list == ["Feiten delen", "Geruchten ontkrachten"]
    assert PlanVersion.objects.get(plan=plan).session == session
    # A second save from a stale page: the runner again, in the same step, text kept.
    stale = {**data, "plan-goals": "Mijn eigen doel"}
    response = client.post(url, stale)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in body and "Mijn eigen doel" in body
    assert "Stap" in body and "Communicatie" in body
    assert selectors.plan_of(case=session.case).version == 1


def test_only_who_runs_the_session_writes_the_plan_there(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    session = SessionFactory(bezig=True)
    url = reverse("communicatie:runner_plan", kwargs={"uuid": session.uuid})
    assert (
        client.post(url, {"stap": "communicatie", "plan-version": 0, "plan-goals": "x"}).status_code
        == 403
    )
    assert selectors.plan_of(case=session.case) is None


def _case_with_sent_letter():
    case = CaseFactory()
    adviser = UserFactory(roles=[Role.COMMUNICATIE])
    mayor = UserFactory(roles=[Role.BURGEMEESTER])
    residents = TargetGroup.objects.get(name="Bewoners van de kern of wijk")
    services.plan_update(
        actor=adviser,
        case=case,
        expected_version=0,
        values={"goals": "Rust in het dorp"},
        groups=[services.GroupEntry(target_group=residents, core_message="De feiten.")],
    )
    first = SessionFactory(case=case, afgerond=True, starts_at=case.opened_at)
    message = MessageFactory(case=case, title="Brief na de avond", created_by=adviser)
    message.target_groups.set([residents])
    services.message_submit(actor=adviser, message=message, expected_version=message.version)
    message.refresh_from_db()
    services.message_approve(actor=mayor, message=message, expected_version=message.version)
    message.refresh_from_db()
    services.message_mark_sent(actor=adviser, message=message, expected_version=message.version)
    return case, first, residents


def test_a_follow_up_judges_what_went_out_and_the_verslag_shows_it(client, verified_login):
    chair = _login_chair(client, verified_login)
    case, first, residents = _case_with_sent_letter()
    session = SessionFactory(case=case, kind="vervolg", bezig=True, chair=chair)
    page = client.get(session.get_absolute_url() + "?stap=communicatie").content.decode()
    feedback = page[page.index("communicatie-terugkoppeling") :]
    assert feedback.index(residents.name) < feedback.index("Brief na de avond")
    assert "Doel: Rust in het dorp" in page
    url = reverse("communicatie:runner_judgements", kwargs={"uuid": session.uuid})
    # A note without an outcome: a clear message, nothing stored, the note kept.
    response = client.post(
        url, {"stap": "communicatie", "oordeel-toelichting_1": "Brief kwam laat"}
    )
    assert response.status_code == 200 and "Kies een oordeel" in response.content.decode()
    assert "Brief kwam laat" in response.content.decode()
    assert not Judgement.objects.exists()
    response = client.post(
        url,
        {
            "stap": "communicatie",
            "oordeel-oordeel_0": "neutraal",
            "oordeel-oordeel_1": "deescalerend",
            "oordeel-toelichting_1": "De brief nam veel zorgen weg.",
        },
    )
    assert response.status_code == 302
    judged = Judgement.objects.get(session=session, subject_kind="doelgroep")
    assert (judged.subject, judged.outcome, judged.target_group) == (
        residents.name,
        "deescalerend",
        residents,
    )
    minutes = client.get(
        reverse("bob:session_minutes", kwargs={"uuid": session.uuid})
    ).content.decode()
    assert "De brief nam veel zorgen weg." in minutes and "De-escalerend" in minutes
    pdf = client.get(reverse("bob:session_minutes_pdf", kwargs={"uuid": session.uuid}))
    text = _pdf_text(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)
    assert "De brief nam veel zorgen weg." in text and "Brief na de avond" in text


def test_the_closing_session_shows_every_judgement(client, verified_login):
    chair = _login_chair(client, verified_login)
    case, first, residents = _case_with_sent_letter()
    follow_up = SessionFactory(case=case, kind="vervolg", afgerond=True, starts_at=first.starts_at)
    services.judgements_record(
        actor=chair,
        session=follow_up,
        entries=[services.JudgementEntry("doelgroep", residents.name, "escalerend", "Te laat.")],
    )
    last = SessionFactory(case=case, kind="laatste", bezig=True, chair=chair)
    page = client.get(last.get_absolute_url() + "?stap=oordeel").content.decode()
    assert "Te laat." in page and "Escalerend" in page
