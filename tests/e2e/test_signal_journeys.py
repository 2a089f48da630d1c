"""Journeys of issue 3 in real Chromium: log a signal on a phone, confirm someone else's."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from samos.accounts.models import User
from signals.models import Attachment, Signal
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_log_a_signal_on_a_phone_with_a_photo(
    live_server, page, demo_world, tmp_path, assert_accessible
):
    photo = tmp_path / "pamflet.jpg"
    Image.new("RGB", (800, 600), "orange").save(photo, "JPEG")
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "signaleerder")
    assert_accessible(page)

    page.get_by_role("link", name="Signaal melden").first.click()
    expect(page.get_by_role("heading", name="Signaal melden")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Wat zag of hoorde u?").fill(
        "Vanavond lagen pamfletten tegen het azc in de brievenbussen aan de Dorpsstraat."
    )
    page.get_by_label("Waar?").select_option(label="Merepolder")
    page.get_by_label("Asielopvang").check()
    page.get_by_label("Foto's of documenten (niet verplicht)").set_input_files(str(photo))
    page.get_by_role("button", name="Signaal opslaan").click()

    expect(page.get_by_text("Het signaal is opgeslagen")).to_be_visible()
    expect(page.get_by_text("pamfletten tegen het azc")).to_be_visible()
    expect(page.get_by_role("link", name="pamflet.jpg")).to_be_visible()
    assert_accessible(page)
    signal = Signal.objects.get(observation__contains="Dorpsstraat")
    assert signal.area.name == "Merepolder"
    assert Attachment.objects.filter(signal=signal).count() == 1


def test_confirm_someone_elses_signal(live_server, page, demo_world, assert_accessible):
    author = User.objects.get(username="signaleerder")
    # One the kernteamlid has not confirmed yet (the demo story has them confirm some).
    signal = (
        Signal.objects.filter(author=author, confidentiality="intern", contains_personal_data=False)
        .exclude(confirmations__author__username="kernteamlid")
        .first()
    )
    log_in(page, live_server, "kernteamlid")
    page.goto(f"{live_server.url}{signal.get_absolute_url()}")
    before = signal.confirmation_count
    page.get_by_role("link", name="Zie ik ook").click()
    assert_accessible(page)
    page.get_by_label("Wat zag of hoorde u zelf?").fill(
        "Ik hoorde er gisteren ook over bij de school."
    )
    page.get_by_role("button", name="Bevestiging opslaan").click()
    expect(page.get_by_text("Uw bevestiging is toegevoegd")).to_be_visible()
    expect(page.get_by_text("Ik hoorde er gisteren ook over bij de school.")).to_be_visible()
    assert_accessible(page)
    signal.refresh_from_db()
    assert signal.confirmation_count == before + 1
    expect(page.get_by_role("link", name="Zie ik ook")).to_have_count(0)


def test_coordinator_triages_the_inbox_and_exports_csv(
    live_server, page, demo_world, assert_accessible
):
    log_in(page, live_server, "coordinator")
    page.get_by_role("link", name="Inbox", exact=True).click()
    expect(page.get_by_role("heading", name="Inbox: nieuwe signalen")).to_be_visible()
    assert_accessible(page)
    boxes = page.locator("input[name=signals]")
    before = Signal.objects.filter(status="nieuw").count()
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_label("Actie").select_option(label="Archiveren")
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.get_by_text("Geef kort aan waarom")).to_be_visible()  # reason required
    assert Signal.objects.filter(status="nieuw").count() == before
    page.locator("input[name=signals]").nth(0).check()
    page.locator("input[name=signals]").nth(1).check()
    page.get_by_label("Actie").select_option(label="Markeren als bekeken")
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.get_by_text("2 signalen bijgewerkt")).to_be_visible()
    assert Signal.objects.filter(status="nieuw").count() == before - 2

    page.get_by_role("link", name="Signalen", exact=True).click()
    page.get_by_text("Filters (0 actief)").click()  # the filters fold open
    page.get_by_label("Gebied (met onderliggende buurten)").select_option(label="Oldenmere")
    page.get_by_role("button", name="Toon signalen").click()
    expect(page.get_by_text("Filters (1 actief)")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exporteer CSV").click()
    content = open(download_info.value.path(), encoding="utf-8-sig").read()
    lines = content.strip().splitlines()
    assert lines[0].startswith("Waargenomen op;Gebied")
    expected = (
        Signal.objects.filter(area__parent__name="Oldenmere").count()
        + Signal.objects.filter(area__name="Oldenmere").count()
    )
    assert len(lines) - 1 == expected
    assert all("Oldenmere" in line or "Merepolder" in line for line in lines[1:])
