"""Issue 12, journey (a): a kernteamlid makes a vooraf-afweging from two signals in
Haarbroek — one picked from the signal page, the second ticked on the form — and decides
to convene the kernteam; the convene form has the motivation in its agenda, and the first
step of the session shows the assessment. At 1366 and 375 px, axe on every page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bob.models import Assessment
from kernteam.models import Session
from signals.models import Area, SourceKind
from tests.e2e.helpers import assert_page_fits_and_is_accessible, log_in
from tests.factories import SignalFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIRST = "Op de jaarmarkt in Haarbroek werden pamfletten uitgedeeld tegen de windmolens."
SECOND = "Bij de dorpsraad van Haarbroek kwamen drie boze mails over het windpark."
CASE_TITLE = "Spanning rond het windpark Haarbroek"
MOTIVATION = "De raad besluit volgende week over het windpark; de toon verhardt snel."


def new_assessment() -> Assessment:
    return Assessment.objects.get(case__title=CASE_TITLE)  # the demo has one of its own


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 375, "height": 740}]
)
def test_a_member_assesses_two_signals_and_convenes(
    live_server, page, demo_world, assert_accessible, viewport
):
    area = Area.objects.get(name="Dorpskern Haarbroek")
    kind = SourceKind.objects.first()
    now = timezone.now()
    first = SignalFactory(area=area, observation=FIRST, source_kind=kind, observed_at=now)
    SignalFactory(
        area=area,
        observation=SECOND,
        source_kind=kind,
        observed_at=now - datetime.timedelta(hours=3),
    )
    page.set_viewport_size(viewport)
    log_in(page, live_server, "kernteamlid")

    page.goto(f"{live_server.url}{first.get_absolute_url()}")
    page.get_by_role("link", name="Vooraf-afweging maken").click()
    expect(page.get_by_role("heading", name="Vooraf-afweging", exact=True)).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)

    page.get_by_label("Titel van de nieuwe casus").fill(CASE_TITLE)
    beeld = page.get_by_role("group", name="Beeldvorming")
    beeld.get_by_label("Wat is er gebeurd?").fill(
        "Pamfletten op de jaarmarkt en boze mails aan de dorpsraad over het windpark."
    )
    received = beeld.get_by_role("group", name="Welke signalen hebben we ontvangen?")
    expect(received.get_by_label(FIRST[:60], exact=False)).to_be_checked()
    received.get_by_label(SECOND[:60], exact=False).check()
    beeld.get_by_label("Deels: er ontbreekt nog informatie").check()
    oordeel = page.get_by_role("group", name="Oordeelsvorming")
    oordeel.get_by_label("Wat en wanneer staat er (mogelijk nog) te gebeuren?").fill(
        "Raadsbesluit volgende week; mogelijk protest bij het gemeentehuis."
    )
    oordeel.get_by_role("group", name="Hoe ernstig is de (te verwachten) situatie?").get_by_label(
        "aanzienlijk"
    ).check()
    oordeel.get_by_role("group", name="Hoe urgent?").get_by_label("binnen dagen").check()
    page.get_by_label("Kernteam bijeenroepen").check()
    page.get_by_label("Waarom deze uitkomst?").fill(MOTIVATION)
    page.get_by_role("button", name="Afweging vastleggen").click()

    # The convene form, with the assessment beside it and the motivation in the agenda.
    expect(page.get_by_role("heading", name="Kernteam bijeenroepen")).to_be_visible()
    expect(page.get_by_role("heading", name="Uw vooraf-afweging")).to_be_visible()
    expect(page.get_by_label("Belangrijkste bespreekpunten")).to_have_value(
        f"Motivering (vooraf-afweging van {new_assessment().author}): {MOTIVATION}"
    )
    assert_page_fits_and_is_accessible(page, assert_accessible)
    day = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Tijd").fill("19:30")
    page.get_by_label("Plaats").fill("Dorpshuis Haarbroek")
    page.get_by_role("button", name="Bijeenroepen en uitnodigen").click()
    expect(page.get_by_text("De bijeenkomst is bijeengeroepen")).to_be_visible()

    assessment = new_assessment()
    session = Session.objects.get(case=assessment.case)
    assert assessment.session == session
    assert {s.observation for s in assessment.case.signals.all()} == {FIRST, SECOND}

    # The chair opens the session: its first step starts from the assessment.
    page.context.clear_cookies()
    log_in(page, live_server, "voorzitter")
    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    page.get_by_role("button", name="Bijeenkomst openen").click()
    expect(page.get_by_text("De bijeenkomst is geopend.")).to_be_visible()
    block = page.get_by_role("region", name="Vooraf-afweging")
    expect(block).to_contain_text("Vanuit deze afweging is deze bijeenkomst bijeengeroepen.")
    expect(block).to_contain_text(MOTIVATION)
    expect(block).to_contain_text(SECOND[:40])
    assert_page_fits_and_is_accessible(page, assert_accessible)
