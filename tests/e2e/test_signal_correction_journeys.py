"""Journeys of daily signal work in real Chromium: a signaller on a 375 px phone keeps their
photo through the personal-data warning and corrects the signal afterwards; the
coördinator opens one case from three inbox signals."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from kernteam.models import Case
from signals.models import Attachment, Signal, SignalRevision
from tests.e2e.helpers import assert_page_fits_and_is_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def test_a_photo_survives_the_warning_and_the_signal_is_corrected_on_a_phone(
    live_server, page, demo_world, tmp_path, assert_accessible
):
    photo = tmp_path / "spandoek.jpg"
    Image.new("RGB", (1200, 900), "teal").save(photo, "JPEG")
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "signaleerder")
    assert_page_fits_and_is_accessible(page, assert_accessible)

    page.get_by_role("link", name="Signaal melden").first.click()
    page.get_by_label("Wat zag of hoorde u?").fill(
        "Jan de Vries hing een spandoek tegen het azc op aan de Kerkstraat 12."
    )
    page.get_by_label("Waar?").select_option(label="Merepolder")
    page.get_by_label("Asielopvang").check()
    page.get_by_label("Foto's of documenten (niet verplicht)").set_input_files(str(photo))
    page.get_by_role("button", name="Signaal opslaan").click()

    # The warning: the error summary has the focus, the text and the photo are kept.
    summary = page.locator("#foutmelding")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("persoonsgegevens")
    expect(page.get_by_text("spandoek.jpg")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    page.get_by_label("Wat zag of hoorde u?").fill(
        "Een bewoner hing een spandoek tegen het azc op in de dorpskern."
    )
    page.get_by_role("button", name="Signaal opslaan").click()

    expect(page.get_by_text("Het signaal is opgeslagen")).to_be_visible()
    expect(page.get_by_role("link", name="spandoek.jpg")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    signal = Signal.objects.get(observation__contains="in de dorpskern")
    assert Attachment.objects.filter(signal=signal).count() == 1

    # Correct it: one tap from the signal page, within the window.
    page.get_by_role("link", name="Corrigeren").click()
    expect(page.get_by_role("heading", name="Signaal corrigeren")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    page.get_by_role("radio", name="Hoog").check()
    page.get_by_label("Wat zag of hoorde u?").fill(
        "Een bewoner hing twee spandoeken tegen het azc op in de dorpskern."
    )
    page.get_by_role("button", name="Correctie opslaan").click()
    expect(page.get_by_text("Het signaal is bijgewerkt")).to_be_visible()
    expect(page.get_by_text("Gecorrigeerd door de melder")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    signal.refresh_from_db()
    assert signal.urgency == "hoog" and "twee spandoeken" in signal.observation
    assert SignalRevision.objects.filter(signal=signal, kind="correctie").count() == 1


def test_the_coordinator_opens_one_case_from_three_inbox_signals(
    live_server, page, demo_world, assert_accessible
):
    log_in(page, live_server, "coordinator")
    page.get_by_role("link", name="Inbox", exact=True).click()
    expect(page.get_by_role("heading", name="Inbox: nieuwe signalen")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    boxes = page.locator("input[name=signals]")
    chosen = [boxes.nth(i).get_attribute("value") for i in range(3)]
    for i in range(3):
        boxes.nth(i).check()
    page.get_by_role("button", name="Casus openen met de gekozen signalen").click()

    expect(
        page.get_by_role("heading", name="Deze signalen worden aan de casus gekoppeld:")
    ).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    areas = {
        s.area.parent if s.area.kind == "buurt" else s.area
        for s in Signal.objects.filter(uuid__in=chosen)
    }
    for area in areas:
        expect(page.get_by_role("checkbox", name=area.name, exact=False).first).to_be_checked()
    page.get_by_label("Titel").fill("Onrust na drie meldingen")
    page.get_by_role("button", name="Casus openen").click()

    expect(page.get_by_text("De casus is geopend")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    case = Case.objects.get(title="Onrust na drie meldingen")
    assert sorted(str(u) for u in case.signals.values_list("uuid", flat=True)) == sorted(chosen)
    assert set(Signal.objects.filter(uuid__in=chosen).values_list("status", flat=True)) == {
        "gekoppeld"
    }
