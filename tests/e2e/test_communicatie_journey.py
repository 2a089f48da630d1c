"""The communication journey in Chromium: the adviser drafts the plan and a bewonersbrief
and submits it; the burgemeester approves it from the start page; the adviser records it
as sent; in the next session's feedback step the chair sees it under its target group and
judges it; the verslag shows that judgement."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from samos.accounts.models import User
from tests.e2e.helpers import log_in
from tests.factories import CaseFactory, SessionFactory

pytestmark = pytest.mark.e2e

RESIDENTS = "Bewoners van de kern of wijk"
TITLE = "Brief over de avond in de sporthal"
NOTE = "De brief haalde de angel eruit; op Facebook werd hij gedeeld."


def test_plan_letter_approval_sent_and_judged(live_server, page, demo_world, assert_accessible):
    chair = User.objects.get(username="voorzitter")
    case = CaseFactory(
        title="Onrust na de steekpartij bij de sporthal",
        opened_by=User.objects.get(username="coordinator"),
    )
    SessionFactory(
        case=case, afgerond=True, chair=chair, starts_at=timezone.now() - datetime.timedelta(days=6)
    )
    follow_up = SessionFactory(
        case=case, kind="vervolg", bezig=True, chair=chair, starts_at=timezone.now()
    )

    # The adviser: the plan, then a letter, submitted.
    log_in(page, live_server, "communicatie")
    page.get_by_role("link", name="Communicatie", exact=True).first.click()
    expect(page.get_by_role("heading", name="Communicatie", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/casussen/{case.uuid}/communicatie/")
    page.get_by_role("link", name="Plan opstellen").click()
    page.get_by_label("Communicatiedoelen").fill("Rust rond de sporthal")
    group = page.get_by_role("group", name=RESIDENTS)
    group.get_by_label(f"{RESIDENTS} hoort bij het plan").check()
    group.get_by_label("Kernboodschap").fill(
        "De gemeente vertelt wat er gebeurde en wat er nu gebeurt."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.get_by_text("Het communicatieplan is opgeslagen.")).to_be_visible()
    page.get_by_role("link", name="Nieuwe uiting").click()
    page.get_by_label("Soort uiting").select_option(label="Bewonersbrief")
    page.get_by_label("Onderwerp").fill(TITLE)
    page.get_by_label("Tekst").fill(
        "Beste bewoners, wat er gebeurde bij de sporthal en wat we nu doen."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De uiting is opgeslagen als concept.")).to_be_visible()
    page.get_by_role("button", name="Ter goedkeuring aanbieden").click()
    expect(
        page.get_by_text("De uiting is ter goedkeuring aangeboden.", exact=False)
    ).to_be_visible()
    message_url = page.url
    assert_accessible(page)

    # The burgemeester approves it from the start page.
    page.context.clear_cookies()
    log_in(page, live_server, "burgemeester")
    item = page.get_by_role("article").filter(has_text=TITLE)
    expect(item).to_be_visible()
    assert_accessible(page)
    item.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("De uiting is goedgekeurd.", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Goedendag", exact=False)).to_be_visible()

    # The adviser records that it went out.
    page.context.clear_cookies()
    log_in(page, live_server, "communicatie")
    page.goto(message_url)
    page.get_by_role("button", name="Vastleggen: verstuurd").click()
    expect(page.get_by_text("Vastgelegd dat de uiting de deur uit is.")).to_be_visible()

    # The chair, in the follow-up's feedback step: the letter under its target group.
    page.context.clear_cookies()
    log_in(page, live_server, "voorzitter")
    page.goto(f"{live_server.url}{follow_up.get_absolute_url()}?stap=communicatie")
    feedback = page.locator("#communicatie-terugkoppeling")
    expect(feedback.get_by_role("heading", name=RESIDENTS)).to_be_visible()
    expect(feedback.get_by_role("link", name=f"Bewonersbrief: {TITLE}")).to_be_visible()
    judged = page.get_by_role("group", name=f"Doelgroep: {RESIDENTS}")
    judged.get_by_label("De-escalerend").check()
    judged.get_by_label("Toelichting").fill(NOTE)
    assert_accessible(page)
    page.get_by_role("button", name="Oordelen vastleggen").click()
    expect(page.get_by_text("De oordelen over de communicatie zijn vastgelegd.")).to_be_visible()

    # The verslag shows the judgement.
    page.goto(f"{live_server.url}/bijeenkomsten/{follow_up.uuid}/verslag/")
    expect(page.get_by_text(NOTE)).to_be_visible()
    expect(page.get_by_role("cell", name="De-escalerend")).to_be_visible()
    assert_accessible(page)
