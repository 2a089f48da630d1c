"""The hand-over journey of issue 12 in real Chromium, on a phone: the chair sets the
Oldenmere case to escalatie, SAMOS proposes a hand-over, she records it to the regional
crisis organisation (a failed first try keeps what she typed), downloads the one-page
situation picture, and later records that the case came back to SAMOS."""

import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from crisis.models import Handover
from kernteam.demo import AZC_CASE
from kernteam.models import Case
from tests.e2e.helpers import assert_page_fits_and_is_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
SCOPE = "De regie over de openbare orde rond het dorpshuis en de crisiscommunicatie."


def test_the_chair_hands_an_escalated_case_over_and_records_its_return(
    live_server, page, demo_world, tmp_path, assert_accessible
):
    case = Case.objects.get(title=AZC_CASE)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "voorzitter")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    expect(page.get_by_role("heading", name=AZC_CASE)).to_be_visible()
    expect(page.get_by_text("Escalatie: overdracht aan crisisbeheersing?")).to_have_count(0)

    # The phase becomes escalatie: SAMOS proposes the hand-over at the top of the page.
    page.get_by_label("Nieuwe fase").select_option(label="Escalatie")
    page.get_by_label("Waarom?").fill("Bij de demonstratie zijn ruiten ingegooid.")
    page.get_by_role("button", name="Fase vastleggen").click()
    expect(page.get_by_text("De fase is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Escalatie: overdracht aan crisisbeheersing?")).to_be_visible()
    expect(page.get_by_text("nog geen link ingesteld").first).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    page.get_by_role("link", name="Overdracht vastleggen").click()

    # The form, with the situation picture that goes along; a first try without contact.
    expect(page.get_by_role("heading", name="Overdragen aan crisisbeheersing")).to_be_visible()
    expect(page.get_by_role("heading", name="Het situatiebeeld dat meegaat")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    page.get_by_label("Regionale crisisorganisatie (veiligheidsregio)").check()
    page.get_by_label("Wat wordt overgedragen?").fill(SCOPE)
    page.get_by_role("button", name="Overdracht vastleggen").click()
    expect(page.get_by_role("heading", name="Controleer het formulier")).to_be_visible()
    expect(page.get_by_label("Wat wordt overgedragen?")).to_have_value(SCOPE)
    assert_page_fits_and_is_accessible(page, assert_accessible)
    page.get_by_label("Contactpersoon bij de ontvanger").fill("A. de Vries, officier van dienst")
    page.get_by_label("Bereikbaar via (niet verplicht)").fill("088 123 45 67")
    page.get_by_role("button", name="Overdracht vastleggen").click()
    expect(page.get_by_text("De overdracht is vastgelegd.")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    handover = Handover.objects.get(case=case)
    assert handover.scope == SCOPE

    # The one-page situation picture for the recipient.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Situatiebeeld downloaden (pdf)").click()
    pdf_path = tmp_path / "situatiebeeld.pdf"
    download_info.value.save_as(pdf_path)
    text = " ".join(
        subprocess.run(  # noqa: S603 — fixed arguments, our own temporary file
            [PDFTOTEXT, str(pdf_path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Situatiebeeld" in text and "A. de Vries, officier van dienst" in text
    for heading in ("Beeld", "Oordeel", "Open acties", "Belangrijkste besluiten"):
        assert heading in text
    assert "pagina 1 van 1" in text

    # The case page now says who has it; later crisis management hands it back.
    page.get_by_role("link", name=f"Terug naar {AZC_CASE}").click()
    expect(page.get_by_text("Overgedragen aan Regionale crisisorganisatie").first).to_be_visible()
    expect(page.get_by_text("Escalatie: overdracht aan crisisbeheersing?")).to_have_count(0)
    page.get_by_role("link", name="Teruggave aan SAMOS vastleggen").click()
    expect(page.get_by_role("heading", name="Terug naar SAMOS")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    page.get_by_label("Teruggegeven door").fill("B. Jansen, operationeel leider")
    page.get_by_label("Wat komt er terug bij het kernteam?").fill(
        "De nazorg in Oldenmere en de bewonersavonden."
    )
    page.get_by_role("button", name="Teruggave vastleggen").click()
    expect(page.get_by_text("De teruggave aan SAMOS is vastgelegd.")).to_be_visible()
    panel = page.locator(
        "section", has=page.get_by_role("heading", name="Overdracht aan crisisbeheersing")
    )
    expect(panel.get_by_text("Terug naar SAMOS")).to_be_visible()
    expect(panel.get_by_text("B. Jansen, operationeel leider")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    assert Handover.objects.get(case=case).is_returned
