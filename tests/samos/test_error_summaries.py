"""A refused form — case, session, action, runner block — starts with the error summary:
one list of messages at the top, each a link to a field that exists on the page."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samos.accounts.roles import Role
from tests.factories import CaseFactory, SessionFactory

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(r'<div class="alert alert-danger"[^>]*id="foutmelding".*?</div>', re.S)


def assert_summary_links_to_field(response, message: str) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    summary = SUMMARY.search(html)
    assert summary, "the refused form has no error summary"
    links = re.findall(r'<a href="#([^"]+)">([^<]*)</a>', summary.group(0))
    matching = [target for target, text in links if message in text]
    assert matching, f"no summary link carries {message!r}: {links}"
    assert f'id="{matching[0]}"' in html, "the summary links to a field that is not on the page"


def test_case_form(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    response = client.post(reverse("kernteam:case_create"), {"title": "", "phase": "rust"})
    assert_summary_links_to_field(response, "Geef de casus een korte titel.")


def test_convene_form(client, verified_login):
    case = CaseFactory()
    verified_login(client, Role.KERNTEAMLID)
    response = client.post(
        reverse("kernteam:session_convene", args=[case.uuid]),
        {"kind": "eerste", "date": "morgen", "time": "19:30", "location": "Dorpshuis"},
    )
    assert_summary_links_to_field(response, "Geef de datum als dd-mm-jjjj.")


def test_action_form_of_a_session(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair)
    response = client.post(
        reverse("bob:session_action_create", args=[session.uuid]),
        {"title": "", "due_date": "", "executor": str(chair.pk), "coordinator": str(chair.pk)},
    )
    html = response.content.decode()
    assert SUMMARY.search(html) and "is-invalid" in html
    links = re.findall(r'<a href="#([^"]+)">', SUMMARY.search(html).group(0))
    assert links and all(f'id="{target}"' in html for target in links)


def test_information_request_in_the_runner(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair)
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("bob:information_request_create", kwargs={"uuid": session.uuid}),
        {
            "stap": "informatie",
            "question": "Hoeveel bewoners komen er?",
            "source": "Dorpsraad",
            "requested_by": chair.pk,
            "deadline": past,
        },
    )
    assert_summary_links_to_field(response, "De deadline moet in de toekomst liggen.")
