"""Information requests on a case, outside a session: set out before the kernteam is
convened (or between sessions) by whoever may convene, with an owner, a deadline and the
usual reminder; answered from the case page; printed in the verslag and the dossier."""

import datetime
import io
import re
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from pypdf import PdfReader

from bob import reminders
from bob.documents import case_dossier_pdf
from bob.models import InformationRequest
from bob.selectors import (
    case_dossier_snapshot,
    information_request_get_for,
    session_minutes_snapshot,
)
from bob.services import (
    case_information_request_create,
    information_request_answer,
    information_request_create,
)
from kernteam.services import session_finish
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from samos.reminders.services import reminders_send_due
from tests.factories import CaseFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

QUESTION = "Hoeveel bewoners tekenden de petitie?"
SOURCE = "Wijkraad Zuid"


def soon(hours=24):
    return timezone.now() + datetime.timedelta(hours=hours)


def local_input(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def set_out(case, user, **fields):
    values = {
        "user": user,
        "case_uuid": case.uuid,
        "question": QUESTION,
        "source": SOURCE,
        "requested_by": user,
        "deadline": soon(),
    }
    values.update(fields)
    return case_information_request_create(**values)


def create_url(case):
    return reverse("bob:case_information_request_create", kwargs={"uuid": case.uuid})


def answer_url(info):
    return reverse("bob:information_request_answer", kwargs={"uuid": info.uuid})


def case_url(case):
    return reverse("kernteam:case_detail", kwargs={"uuid": case.uuid})


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# --- the service -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.KERNTEAMLID, Role.COORDINATOR, Role.VOORZITTER, Role.BURGEMEESTER]
)
def test_whoever_may_convene_sets_out_a_request_on_the_case(role):
    case = CaseFactory()
    user = UserFactory(roles=[role])
    fetcher = UserFactory(roles=[Role.KERNTEAMLID])
    deadline = soon(48)
    info = set_out(case, user, question=f"  {QUESTION}  ", requested_by=fetcher, deadline=deadline)
    info.refresh_from_db()
    assert info.case == case and info.session is None
    assert (info.question, info.source) == (QUESTION, SOURCE)
    assert info.requested_by == fetcher and info.created_by == user
    assert info.deadline == deadline and info.is_open
    event = AuditEvent.objects.get(action="informatieverzoek.aangemaakt")
    assert event.actor == user and event.object_id == str(info.uuid)
    assert event.details == {"casus": str(case.uuid), "bijeenkomst": ""}


INVALID = [
    ({"question": "   "}, "question", "Welke informatie ontbreekt? Vul de vraag in."),
    ({"source": ""}, "source", "Bij wie is de informatie te krijgen?"),
    ({"requested_by": None}, "requested_by", "Kies het kernteamlid dat de informatie opvraagt."),
    ({"deadline": None}, "deadline", "Geef een deadline."),
    (
        {"deadline": timezone.now() - datetime.timedelta(minutes=1)},
        "deadline",
        "De deadline moet in de toekomst liggen.",
    ),
]


@pytest.mark.parametrize(("fields", "field", "message"), INVALID)
def test_each_bad_input_is_refused_with_its_message_and_changes_nothing(fields, field, message):
    case = CaseFactory()
    user = UserFactory(roles=[Role.KERNTEAMLID])
    with pytest.raises(ValidationError) as refused:
        set_out(case, user, **fields)
    assert refused.value.message_dict == {field: [message]}
    assert not InformationRequest.objects.exists()
    assert not AuditEvent.objects.filter(action="informatieverzoek.aangemaakt").exists()


@pytest.mark.parametrize(("fields", "field", "message"), INVALID)
def test_the_session_variant_gives_the_same_messages(fields, field, message):
    session = SessionFactory(bezig=True)
    values = {
        "question": QUESTION,
        "source": SOURCE,
        "requested_by": session.chair,
        "deadline": soon(),
        **fields,
    }
    with pytest.raises(ValidationError) as refused:
        information_request_create(user=session.chair, session_uuid=session.uuid, **values)
    assert refused.value.message_dict == {field: [message]}


@pytest.mark.parametrize(
    "fetcher",
    [
        lambda: UserFactory(roles=[Role.SIGNALEERDER]),
        lambda: UserFactory(roles=[Role.KERNTEAMLID], is_active=False),
    ],
    ids=["signaleerder", "inactive"],
)
def test_only_an_active_kernteam_member_fetches_it(fetcher):
    with pytest.raises(ValidationError) as refused:
        set_out(CaseFactory(), UserFactory(roles=[Role.KERNTEAMLID]), requested_by=fetcher())
    assert "requested_by" in refused.value.message_dict
    assert not InformationRequest.objects.exists()


def test_a_closed_case_gets_no_new_request():
    case = CaseFactory(gesloten=True)
    with pytest.raises(ValidationError) as refused:
        set_out(case, UserFactory(roles=[Role.COORDINATOR]))
    assert refused.value.messages == [
        "De casus is gesloten; er kunnen geen informatieverzoeken meer worden uitgezet."
    ]
    assert not InformationRequest.objects.exists()


@pytest.mark.parametrize("role", [Role.SIGNALEERDER, Role.COMMUNICATIE, Role.BEHEERDER])
def test_roles_that_may_not_convene_are_refused(role):
    case = CaseFactory()
    with pytest.raises(PermissionDenied):
        set_out(case, UserFactory(roles=[role]), requested_by=UserFactory(roles=[Role.KERNTEAMLID]))
    assert not InformationRequest.objects.exists()


def test_a_besloten_case_is_not_found_for_who_takes_no_part_in_it():
    case = CaseFactory(is_confidential=True)
    with pytest.raises(Http404):
        set_out(case, UserFactory(roles=[Role.KERNTEAMLID]))
    # Who opened it may.
    assert set_out(case, case.opened_by).case == case


# --- the page ------------------------------------------------------------------------------


def test_the_case_page_offers_the_form_and_the_request_comes_back_there(client, verified_login):
    user = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    page = client.get(case_url(case)).content.decode()
    assert f'href="{create_url(case)}"' in page and "Informatieverzoek uitzetten" in page

    form = client.get(create_url(case))
    assert form.status_code == 200
    html = form.content.decode()
    assert 'for="id_question"' in html and 'for="id_deadline"' in html
    deadline = soon(30)
    response = client.post(
        create_url(case),
        {
            "question": QUESTION,
            "source": SOURCE,
            "requested_by": user.pk,
            "deadline": local_input(deadline),
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == case_url(case) + "#info-open-kop"
    html = response.content.decode()
    assert "Het informatieverzoek is uitgezet." in html
    assert QUESTION in html and "buiten een bijeenkomst" in html
    info = InformationRequest.objects.get()
    assert info.session is None and info.requested_by == user and info.created_by == user


def test_a_refused_form_keeps_the_text_and_shows_the_errors(client, verified_login):
    user = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    typed = "Wat zegt de school <b>precies</b>?"
    response = client.post(
        create_url(case),
        {
            "question": typed,
            "source": "",
            "requested_by": user.pk,
            "deadline": local_input(timezone.now() - datetime.timedelta(hours=1)),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'<div class="alert[^>]*id="foutmelding".*?</div>', html, re.S)
    assert summary
    assert "De deadline moet in de toekomst liggen." in summary.group(0)
    assert "Bij wie is de informatie te krijgen?" in summary.group(0)
    targets = re.findall(r'<a href="#([^"]+)">', summary.group(0))
    assert "id_source" in targets and "id_deadline" in targets
    assert all(f'id="{target}"' in html for target in targets)
    assert 'value="Wat zegt de school &lt;b&gt;precies&lt;/b&gt;?"' in html
    assert "is-invalid" in html
    assert not InformationRequest.objects.exists()


def test_a_closed_case_sends_the_form_back_to_the_case_page(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    case = CaseFactory(gesloten=True)
    page = client.get(case_url(case)).content.decode()
    assert f'href="{create_url(case)}"' not in page
    response = client.get(create_url(case), follow=True)
    assert response.redirect_chain[-1][0] == case_url(case)
    assert "er kunnen geen informatieverzoeken meer worden uitgezet" in response.content.decode()
    client.post(create_url(case), {"question": QUESTION, "source": SOURCE})
    assert not InformationRequest.objects.exists()


@pytest.mark.parametrize("role", [Role.SIGNALEERDER, Role.COMMUNICATIE, Role.BEHEERDER])
def test_roles_that_may_not_convene_get_403(client, verified_login, role):
    verified_login(client, role)
    case = CaseFactory()
    assert client.get(create_url(case)).status_code == 403
    response = client.post(create_url(case), {"question": QUESTION, "source": SOURCE})
    assert response.status_code == 403
    assert not InformationRequest.objects.exists()
    assert AuditEvent.objects.filter(action="toegang.geweigerd").exists()


def test_the_communicatieadviseur_sees_no_button_on_the_case_page(client, verified_login):
    verified_login(client, Role.COMMUNICATIE)
    case = CaseFactory()
    page = client.get(case_url(case))
    assert page.status_code == 200
    assert create_url(case) not in page.content.decode()


def test_a_besloten_case_or_an_unknown_one_is_404(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    hidden = CaseFactory(is_confidential=True)
    assert client.get(create_url(hidden)).status_code == 404
    assert client.post(create_url(hidden), {"question": QUESTION}).status_code == 404
    unknown = reverse(
        "bob:case_information_request_create",
        kwargs={"uuid": "00000000-0000-4000-8000-000000000000"},
    )
    assert client.get(unknown).status_code == 404
    assert not InformationRequest.objects.exists()


# --- answering from the case page ------------------------------------------------------


def test_who_fetches_it_answers_from_the_case_page(client, verified_login):
    fetcher = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    info = set_out(case, UserFactory(roles=[Role.COORDINATOR]), requested_by=fetcher)
    page = client.get(case_url(case)).content.decode()
    assert f'action="{answer_url(info)}"' in page
    assert f'id="antwoord-{info.uuid}-answer"' in page

    response = client.post(
        answer_url(info),
        {
            "status": "ontvangen",
            "answer": "212 handtekeningen",
            "next": case_url(case) + "#info-open-kop",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == case_url(case) + "#info-open-kop"
    assert "Het informatieverzoek is bijgewerkt." in response.content.decode()
    info.refresh_from_db()
    assert info.status == "ontvangen" and info.answer == "212 handtekeningen"
    assert AuditEvent.objects.filter(
        action="informatieverzoek.afgehandeld", object_id=str(info.uuid), actor=fetcher
    ).exists()
    # Answered: no longer among the open ones.
    assert QUESTION not in client.get(case_url(case)).content.decode()


def test_no_longer_needed_without_an_answer_and_next_must_be_local(client, verified_login):
    coordinator = verified_login(client, Role.COORDINATOR)
    case = CaseFactory()
    info = set_out(case, coordinator)
    response = client.post(
        answer_url(info), {"status": "vervallen", "next": "https://elders.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == case_url(case) + "#info-open-kop"
    info.refresh_from_db()
    assert info.status == "vervallen"


def test_a_refused_answer_shows_the_request_with_the_typed_text(client, verified_login):
    fetcher = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    info = set_out(case, fetcher)
    next_url = case_url(case) + "#info-open-kop"
    response = client.post(answer_url(info), {"answer": "Half binnen", "next": next_url})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="foutmelding"' in html and f'href="#antwoord-{info.uuid}-status' in html
    assert "Half binnen" in html and QUESTION in html
    assert f'name="next" value="{next_url}"' in html
    response = client.post(answer_url(info), {"status": "ontvangen", "next": next_url})
    assert "Schrijf op wat er binnenkwam." in response.content.decode()
    info.refresh_from_db()
    assert info.is_open


def test_a_member_who_neither_fetches_nor_set_it_out_may_not_answer(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    info = set_out(case, UserFactory(roles=[Role.KERNTEAMLID]))
    page = client.get(case_url(case)).content.decode()
    assert QUESTION in page and answer_url(info) not in page
    response = client.post(answer_url(info), {"status": "vervallen"})
    assert response.status_code == 403
    info.refresh_from_db()
    assert info.is_open


def test_a_besloten_case_request_is_404_and_the_service_refuses_too(client, verified_login):
    outsider = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory(is_confidential=True)
    # Fetched by a member who is not (or no longer) part of the case: still hidden.
    info = set_out(case, case.opened_by, requested_by=outsider)
    assert client.post(answer_url(info), {"status": "vervallen"}).status_code == 404
    with pytest.raises(Http404):
        information_request_get_for(user=outsider, uuid=info.uuid)
    with pytest.raises(PermissionDenied):
        information_request_answer(user=outsider, request_uuid=info.uuid, status="vervallen")
    info.refresh_from_db()
    assert info.is_open


def test_the_runner_of_a_later_session_sees_and_answers_it_there(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    case = CaseFactory()
    info = set_out(case, UserFactory(roles=[Role.KERNTEAMLID]))
    session = SessionFactory(case=case, bezig=True, chair=chair)
    run = reverse("bob:session_run", kwargs={"uuid": session.uuid})
    page = client.get(f"{run}?stap=informatie").content.decode()
    assert QUESTION in page and "buiten een bijeenkomst uitgezet" in page
    response = client.post(
        answer_url(info),
        {
            "status": "ontvangen",
            "answer": "Ruim tweehonderd",
            "stap": "informatie",
            "sessie": session.uuid,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{run}?stap=informatie#informatieverzoeken"
    info.refresh_from_db()
    assert info.answer == "Ruim tweehonderd"


def test_the_secretary_of_a_session_of_the_case_may_answer_the_service():
    case = CaseFactory()
    info = set_out(case, UserFactory(roles=[Role.COORDINATOR]))
    session = SessionFactory(case=case)
    secretary = session.secretary or UserFactory(roles=[Role.KERNTEAMLID])
    if session.secretary_id is None:
        session.secretary = secretary
        session.save(update_fields=["secretary"])
    information_request_answer(user=secretary, request_uuid=info.uuid, status="vervallen")
    info.refresh_from_db()
    assert info.status == "vervallen"


def test_the_case_page_costs_no_query_per_request(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    other = UserFactory(roles=[Role.KERNTEAMLID])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(case_url(case)).status_code == 200
        return len(captured)

    set_out(case, other)
    one = queries()
    for i in range(4):
        set_out(case, other, question=f"Vraag {i}")
    assert queries() == one


# --- reminders and mijn werk ---------------------------------------------------------------


def test_the_due_reminder_links_to_the_case_page(mailoutbox, settings):
    settings.SAMOS_BASE_URL = "https://samos.voorbeeldrade.example"
    fetcher = UserFactory(roles=[Role.KERNTEAMLID], email="vrager@voorbeeldrade.example")
    case = CaseFactory()
    with freeze_time("2026-11-20 09:00"):
        info = set_out(
            case,
            case.opened_by,
            requested_by=fetcher,
            deadline=datetime.datetime(2026, 11, 24, 8, 0, tzinfo=datetime.UTC),
        )
    sources = [("bob.information_requests", reminders.open_information_requests)]
    with (
        mock.patch("samos.reminders.services.registered_sources", return_value=sources),
        freeze_time("2026-11-23 08:00"),
    ):
        assert reminders_send_due().sent == 1
        assert reminders_send_due().sent == 0
    (mail,) = mailoutbox
    assert mail.to == ["vrager@voorbeeldrade.example"]
    assert mail.subject == "Herinnering: Termijn van een informatieverzoek"
    assert QUESTION in mail.body
    link = f"https://samos.voorbeeldrade.example{case.get_absolute_url()}#info-open-kop"
    assert f"Bekijken in SAMOS: {link}" in mail.body
    (deadline,) = reminders.open_information_requests(now=info.deadline)
    assert deadline.key == f"bob.information_request:{info.uuid}:2026-11-24T08:00"


def test_mijn_werk_lists_it_for_who_fetches_it(client, verified_login):
    fetcher = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    set_out(case, case.opened_by, requested_by=fetcher)
    page = client.get(reverse("core:dashboard")).content.decode()
    panel = page[page.index("panel-mijn-werk") :]
    panel = panel[: panel.index("</section>")]
    assert QUESTION in panel
    assert f'href="{case.get_absolute_url()}#info-open-kop"' in panel


# --- the verslag and the dossier ---------------------------------------------------------


def _session_after_a_case_request():
    """A case with a request set out before the kernteam met, then a first session that
    asks one of its own and finishes."""
    case = CaseFactory(title="Petitie Zuiderpark")
    with freeze_time("2026-11-02 10:00"):
        early = set_out(
            case,
            case.opened_by,
            deadline=datetime.datetime(2026, 11, 9, 12, 0, tzinfo=datetime.UTC),
        )
    session = SessionFactory(
        case=case,
        bezig=True,
        starts_at=datetime.datetime(2026, 11, 5, 19, 0, tzinfo=datetime.UTC),
    )
    with freeze_time("2026-11-05 19:30"):
        information_request_create(
            user=session.chair,
            session_uuid=session.uuid,
            question="Wat weet de school?",
            source="De directeur",
            requested_by=session.chair,
            deadline=datetime.datetime(2026, 11, 8, 12, 0, tzinfo=datetime.UTC),
        )
        session_finish(user=session.chair, session_uuid=session.uuid)
    session.refresh_from_db()
    return case, session, early


def test_the_verslag_prints_the_request_set_out_outside_the_session():
    case, session, early = _session_after_a_case_request()
    # One set out after the session ended belongs to a later verslag, not this one.
    with freeze_time("2026-11-06 09:00"):
        set_out(
            case,
            case.opened_by,
            question="Later gevraagd",
            deadline=datetime.datetime(2026, 11, 12, 9, 0, tzinfo=datetime.UTC),
        )
    snapshot = session_minutes_snapshot(session=session, reader=session.chair)
    rows = next(
        step["blocks"]["information_requests"]
        for step in snapshot["steps"]
        if "information_requests" in step["blocks"]
    )
    by_question = {row["question"]: row for row in rows}
    assert set(by_question) == {QUESTION, "Wat weet de school?"}
    assert by_question[QUESTION]["asked_outside_session"] is True
    assert by_question[QUESTION]["asked_on"] == "02-11-2026"
    assert by_question["Wat weet de school?"]["asked_outside_session"] is False


def test_the_verslag_pdf_reads_buiten_een_bijeenkomst(client, verified_login):
    verified_login(client, Role.BURGEMEESTER)
    case, session, early = _session_after_a_case_request()
    response = client.get(reverse("bob:session_minutes_pdf", kwargs={"uuid": session.uuid}))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert QUESTION in text and SOURCE in text
    assert "buiten een bijeenkomst uitgezet op 02-11-2026" in text
    assert "Wat weet de school?" in text


def test_the_dossier_pdf_reads_buiten_een_bijeenkomst():
    case, session, early = _session_after_a_case_request()
    information_request_answer(
        user=case.opened_by,
        request_uuid=early.uuid,
        status="ontvangen",
        answer="212 handtekeningen",
    )
    snapshot = case_dossier_snapshot(case=case, interim=True)
    text = pdf_text(case_dossier_pdf(snapshot))
    assert QUESTION in text and "212 handtekeningen" in text
    assert "buiten een bijeenkomst uitgezet op 02-11-2026" in text
    assert "gevraagd in de bijeenkomst van 05-11-2026" in text


def test_a_case_with_only_a_case_request_has_a_dossier():
    case = CaseFactory()
    set_out(case, case.opened_by)
    snapshot = case_dossier_snapshot(case=case, interim=True)
    (row,) = snapshot["information_requests"]
    assert row["asked_outside_session"] and row["question"] == QUESTION
    assert "buiten een bijeenkomst uitgezet op" in pdf_text(case_dossier_pdf(snapshot))
