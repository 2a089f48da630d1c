"""The kernteamlid's day from the start page alone (issue 11, journey a): prepare the coming
session and update an overdue action, each one click from "Mijn werk", never the menu."""

import pytest
from playwright.sync_api import expect

from bob.models import Action
from kernteam.models import Preparation
from tests.e2e.helpers import assert_page_fits_and_is_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OVERDUE = "Jongeren op het dorpsplein uitnodigen voor een gesprek"


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 375, "height": 740}]
)
def test_a_kernteamlid_prepares_and_updates_an_overdue_action_from_the_start_page(
    live_server, page, demo_world, assert_accessible, viewport
):
    page.set_viewport_size(viewport)
    log_in(page, live_server, "kernteamlid")
    work = page.locator("section", has=page.get_by_role("heading", name="Mijn werk"))
    expect(work).to_be_visible()
    expect(work.get_by_text("te laat").first).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)

    # 1. The coming session: "bereid u voor" leads straight to the preparation.
    work.get_by_role("link", name="Vervolgbijeenkomst", exact=False).first.click()
    expect(page.get_by_role("heading", name="Uw voorbereiding")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    page.get_by_label("Wat is er gebeurd?").fill(
        "Na de informatieavond is het rustiger; online blijft één groep oproepen plaatsen."
    )
    page.get_by_role("button", name="Voorbereiding opslaan").click()
    expect(page.get_by_text("Uw voorbereiding is opgeslagen")).to_be_visible()
    assert Preparation.objects.filter(
        author__username="kernteamlid", what_happened__contains="rustiger"
    ).exists()

    # 2. Back to the start page: the session now says "voorbereid".
    page.goto(f"{live_server.url}/")
    expect(work.get_by_text("voorbereid", exact=True).first).to_be_visible()

    # 3. The overdue action, one click away; its progress recorded there.
    work.get_by_role("link", name=OVERDUE).click()
    expect(page.get_by_role("heading", name=OVERDUE)).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    page.get_by_label("Hoe staat het met de actie?").fill(
        "Gesprek staat voor donderdag in het dorpshuis; jongerenwerk nodigt uit."
    )
    page.get_by_label("Nieuwe status").select_option(index=1)
    page.get_by_role("button", name="Voortgang vastleggen").click()
    expect(page.get_by_text("De voortgang is vastgelegd")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    action = Action.objects.get(title=OVERDUE)
    assert action.updates.filter(note__contains="donderdag").exists()
