"""Journey in real Chromium: before the kernteam is convened, a member sets out an
information request from the case page (a refused first try keeps what was typed), and
answers it there once the information is in — on a laptop and on a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bob.models import InformationRequest
from kernteam.models import Case
from tests.e2e.helpers import assert_page_fits_and_is_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUESTION = "Hoeveel bewoners tekenden de petitie tegen de molens?"


@pytest.mark.parametrize("width", [1366, 375])
def test_a_member_sets_out_and_answers_a_request_on_the_case_page(
    live_server, browser, demo_world, assert_accessible, width
):
    case = Case.objects.filter(status="open", is_confidential=False, is_exercise=False).first()
    assert case is not None
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = log_in(context.new_page(), live_server, "kernteamlid")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("link", name="Informatieverzoek uitzetten").click()
    expect(page.get_by_role("heading", name="Informatieverzoek uitzetten")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)

    # A first try without a source: the summary on top, the question still typed.
    page.get_by_label("Welke informatie ontbreekt?").fill(QUESTION)
    deadline = timezone.localtime() + timedelta(days=3)
    page.get_by_label("Uiterlijk binnen op").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Informatieverzoek uitzetten").click()
    summary = page.locator("#foutmelding")
    expect(summary).to_contain_text("Bij wie is de informatie te krijgen?")
    expect(page.get_by_label("Welke informatie ontbreekt?")).to_have_value(QUESTION)
    assert_page_fits_and_is_accessible(page, assert_accessible)
    assert not InformationRequest.objects.filter(question=QUESTION).exists()

    page.get_by_label("Bij wie is die te krijgen?").fill("Wijkraad Brammelo")
    page.get_by_role("button", name="Informatieverzoek uitzetten").click()
    expect(page.get_by_text("Het informatieverzoek is uitgezet.")).to_be_visible()
    expect(page.get_by_role("heading", name=case.title)).to_be_visible()
    item = page.locator("li", has_text=QUESTION)
    expect(item).to_contain_text("buiten een bijeenkomst")
    assert_page_fits_and_is_accessible(page, assert_accessible)
    info = InformationRequest.objects.get(question=QUESTION)
    assert info.session is None and info.requested_by.username == "kernteamlid"

    # The information is in: answered from the case page.
    item.locator("summary").click()
    item.get_by_label("Ontvangen").check()
    item.get_by_label("Wat kwam er binnen?").fill("212 handtekeningen, vooral uit Brammelo.")
    assert_page_fits_and_is_accessible(page, assert_accessible)
    item.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het informatieverzoek is bijgewerkt.")).to_be_visible()
    expect(page.locator("li", has_text=QUESTION)).to_have_count(0)
    info.refresh_from_db()
    assert info.status == "ontvangen" and info.answer.startswith("212 handtekeningen")
    context.close()
