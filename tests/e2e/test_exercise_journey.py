"""Journey (c) of issue 12 in real Chromium: a facilitator prepares an exercise of the
besluitvorming form — a fictitious signal, an inject, the given beeld and oordeel — the
chair runs it (the inject shows in the runner, one the facilitator shows by hand appears
there without a reload, the beeldvorming comes prefilled), the team evaluates it;
afterwards the real signal list, the start-page figures and the exports contain no
exercise signal."""

import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from kernteam.models import Case, Session
from signals.models import Signal
from tests.e2e.helpers import assert_page_fits_and_is_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FICTIEF = "Fictief: een trekker blokkeert de toegang tot de molen van Haarbroek."
INJECT = "Inject: de wijkagent belt, er staan veertig mensen bij de molen."
BY_HAND = "Inject: een regionale omroep vraagt de burgemeester om een reactie."
GIVEN = "Boeren kondigen een blokkade bij de molen van Haarbroek aan."
PHONE = {"width": 375, "height": 800}


def figures(page, live_server) -> dict:
    """What the start page shows of the signals: the inbox, heat table and trend."""
    cache.clear()  # the panels are cached for minutes: compute them now
    page.goto(f"{live_server.url}/")
    return {
        name: page.get_by_role("region", name=name).first.inner_text()
        for name in ("Inbox", "Signalen per gebied en thema", "Trend per thema (laatste 12 weken)")
    }


def test_prepare_run_and_evaluate_a_besluitvorming_exercise(
    live_server, browser, demo_world, assert_accessible, monkeypatch
):
    # The runner asks for new injects every few seconds; here every second, so the test
    # need not wait (the live server runs in this process).
    monkeypatch.setattr("bob.injects.POLL_SECONDS", 1)
    facilitator = log_in(browser.new_context().new_page(), live_server, "coordinator")
    before = figures(facilitator, live_server)

    # 1. The facilitator opens an exercise of the besluitvorming form.
    facilitator.set_viewport_size(PHONE)
    facilitator.goto(f"{live_server.url}/casussen/nieuw/")
    facilitator.get_by_label("Titel").fill("Oefening blokkade bij de molen")
    facilitator.get_by_label("Haarbroek").check()
    facilitator.get_by_label("Dit is een oefening").check()
    facilitator.get_by_label("Besluitvorming centraal", exact=False).check()
    assert_page_fits_and_is_accessible(facilitator, assert_accessible)
    facilitator.get_by_role("button", name="Casus openen").click()
    expect(
        facilitator.get_by_role("heading", name="Oefening blokkade bij de molen")
    ).to_be_visible()
    case = Case.objects.get(title="Oefening blokkade bij de molen")
    assert case.exercise.form == "besluitvorming"

    # 2. Exercise material: a fictitious signal, an inject, the given beeld and oordeel.
    facilitator.get_by_role("link", name="Oefenmateriaal en evaluatie").click()
    assert_page_fits_and_is_accessible(facilitator, assert_accessible)
    facilitator.get_by_label("Wat is er (fictief) gezien of gehoord?").fill(FICTIEF)
    facilitator.get_by_label("Waar?").select_option(label="Haarbroek (hele kern)")
    facilitator.get_by_role("group", name="Thema's").get_by_label("Landbouw en stikstof").check()
    facilitator.get_by_role("button", name="Oefensignaal toevoegen").click()
    expect(facilitator.get_by_text("Het oefensignaal is toegevoegd.")).to_be_visible()
    expect(facilitator.get_by_text(FICTIEF)).to_be_visible()
    # A failed inject keeps its text and says what is wrong, at the top and at the field.
    facilitator.get_by_label("Wat komt er binnen?").fill(INJECT)
    facilitator.get_by_label("Na hoeveel minuten", exact=False).fill("-5")
    facilitator.get_by_role("button", name="Inject klaarzetten").click()
    expect(facilitator.get_by_role("alert")).to_contain_text("Kies 0 minuten of meer.")
    expect(facilitator.get_by_label("Wat komt er binnen?")).to_have_value(INJECT)
    assert_page_fits_and_is_accessible(facilitator, assert_accessible)
    facilitator.get_by_label("Na hoeveel minuten", exact=False).fill("0")
    facilitator.get_by_role("button", name="Inject klaarzetten").click()
    expect(facilitator.get_by_text("De inject staat klaar.")).to_be_visible()
    facilitator.get_by_label("Wat komt er binnen?").fill(BY_HAND)  # no minutes: by hand
    facilitator.get_by_role("button", name="Inject klaarzetten").click()
    expect(facilitator.get_by_text("De inject staat klaar.")).to_be_visible()
    facilitator.get_by_label("Wat is er gebeurd?").fill(GIVEN)
    facilitator.get_by_label("Wat staat er mogelijk nog te gebeuren?").fill(
        "Als de blokkade doorgaat, dan ontstaat een opstopping."
    )
    facilitator.get_by_role("button", name="Beeld en oordeel opslaan").click()
    expect(facilitator.get_by_text("Het gegeven beeld en oordeel zijn opgeslagen.")).to_be_visible()
    fake = Signal.objects.get(observation=FICTIEF)
    assert fake.is_exercise

    # 3. The facilitator convenes the exercise session.
    facilitator.set_viewport_size({"width": 1280, "height": 900})
    facilitator.goto(f"{live_server.url}{case.get_absolute_url()}")
    facilitator.get_by_role("link", name="Kernteam bijeenroepen").click()
    when = timezone.localtime() + timedelta(days=1)
    facilitator.get_by_label("Eerste bijeenkomst").check()
    facilitator.get_by_label(re.compile(r"\bDatum\b")).fill(when.strftime("%Y-%m-%d"))
    facilitator.get_by_label(re.compile(r"\bTijd\b")).fill("10:00")
    facilitator.get_by_label("Plaats").fill("Gemeentehuis, oefenruimte")
    facilitator.get_by_role("button", name="Bijeenroepen en uitnodigen").click()
    expect(facilitator.get_by_text("De bijeenkomst is bijeengeroepen")).to_be_visible()
    session = Session.objects.get(case=case)

    # 4. The chair runs it: the inject comes in, the beeldvorming is given.
    chair = log_in(browser.new_context().new_page(), live_server, "voorzitter")
    chair.goto(f"{live_server.url}{session.get_absolute_url()}")
    expect(chair.get_by_text("OEFENING — dit is geen echte situatie.")).to_be_visible()
    expect(chair.get_by_text(INJECT)).to_have_count(0)  # not before the start
    chair.get_by_role("button", name="Bijeenkomst openen").click()
    injects = chair.get_by_role("region", name="Injects van de oefening")
    expect(injects).to_contain_text(INJECT)
    expect(injects).not_to_contain_text(BY_HAND)
    expect(injects.get_by_role("link", name="Vernieuwen")).to_be_visible()  # without JS
    # The facilitator shows the second inject by hand; it comes in on the chair's
    # screen by itself (a mark set on her page shows it was not reloaded).
    chair.evaluate("window.notReloaded = true")
    facilitator.goto(f"{live_server.url}{session.get_absolute_url()}")
    facilitator.get_by_text("Oefenleider: 1 inject staat nog klaar").click()
    facilitator.get_by_role("button", name="Nu tonen").click()
    expect(facilitator.get_by_text("De inject is nu zichtbaar in de bijeenkomst.")).to_be_visible()
    expect(injects).to_contain_text(BY_HAND, timeout=10_000)
    assert chair.evaluate("window.notReloaded === true")
    expect(chair.get_by_text(FICTIEF).first).to_be_visible()  # the case's signals
    assert_page_fits_and_is_accessible(chair, assert_accessible)
    chair.get_by_role("link", name="Afronding beeldvorming").click()
    expect(chair.get_by_label("Wat is er gebeurd?", exact=True)).to_have_value(GIVEN)
    expect(injects).to_contain_text(INJECT)
    chair.get_by_role("link", name="Besluitvorming", exact=True).click()
    chair.get_by_role("group", name="SAMOS verder activeren?").get_by_label("ja").check()
    chair.get_by_role("button", name="Opslaan", exact=True).click()
    expect(chair.get_by_text("De stap is opgeslagen.")).to_be_visible()
    assert_page_fits_and_is_accessible(chair, assert_accessible)

    # 5. The exercise ends with its own evaluation.
    chair.goto(f"{live_server.url}{case.get_absolute_url()}")
    chair.get_by_role("link", name="Oefenmateriaal en evaluatie").click()
    chair.get_by_label("Hoe verliep de samenwerking", exact=False).fill("Snel en helder.")
    chair.get_by_label("Hoe is het werkprotocol gevolgd?").fill("De stappen zijn gevolgd.")
    chair.get_by_label("Wat verbeteren we?").fill("Eerder een woordvoerder kiezen.")
    chair.get_by_role("button", name="Evaluatie vastleggen en oefening afsluiten").click()
    expect(chair.get_by_text("De evaluatie van de oefening is vastgelegd")).to_be_visible()
    assert_page_fits_and_is_accessible(chair, assert_accessible)
    chair.goto(f"{live_server.url}/casussen/?lessen=woordvoerder")
    expect(chair.get_by_role("link", name="Oefening blokkade bij de molen")).to_be_visible()

    # 6. Afterwards: no exercise signal in the real list, the figures or the exports.
    facilitator.goto(f"{live_server.url}/signalen/")
    expect(facilitator.get_by_role("heading", name="Signalen", exact=True)).to_be_visible()
    expect(facilitator.get_by_text(FICTIEF)).to_have_count(0)
    facilitator.goto(f"{live_server.url}/signalen/inbox/")
    expect(facilitator.get_by_text(FICTIEF)).to_have_count(0)
    assert figures(facilitator, live_server) == before
    csv_export = facilitator.request.get(f"{live_server.url}/signalen/export.csv")
    assert csv_export.ok and "Fictief" not in csv_export.text()
    xlsx_export = facilitator.request.get(f"{live_server.url}/signalen/export.xlsx")
    assert xlsx_export.ok
    sheet = load_workbook(io.BytesIO(xlsx_export.body())).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert cells and not any("Fictief" in value for value in cells)
