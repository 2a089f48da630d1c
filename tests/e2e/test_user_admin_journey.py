"""The beheerder's journey (issue 11, journey d): create a user with two roles on the SAMOS
users page, then reset that user's second factor — with axe and the no-sideways check."""

import pytest
from playwright.sync_api import expect

from samos.accounts.models import RoleGrant, User
from tests.e2e.helpers import assert_page_fits_and_is_accessible, log_in
from tests.factories import add_totp_device

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 375, "height": 740}]
)
def test_the_beheerder_creates_a_user_with_two_roles_and_resets_their_second_factor(
    live_server, page, demo_world, assert_accessible, viewport
):
    page.set_viewport_size(viewport)
    log_in(page, live_server, "beheerder")
    page.goto(f"{live_server.url}/beheer/gebruikers/")
    expect(page.get_by_role("heading", name="Gebruikers", exact=True)).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)

    page.get_by_role("link", name="Nieuwe gebruiker").click()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("Gebruikersnaam").fill("nbakker")
    page.get_by_label("E-mailadres").fill("n.bakker@voorbeeldrade.example")
    page.get_by_role("checkbox", name="Signaleerder").check()
    page.get_by_role("checkbox", name="Kernteamlid").check()
    page.get_by_role("button", name="Gebruiker aanmaken").click()

    expect(page.get_by_text("Noor Bakker is aangemaakt")).to_be_visible()
    expect(page.get_by_text("Wacht op goedkeuring van een tweede beheerder:")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    user = User.objects.get(username="nbakker")
    assert sorted(RoleGrant.objects.filter(user=user).values_list("role", flat=True)) == [
        "kernteamlid",
        "signaleerder",
    ]

    # Noor enrolled an authenticator, then lost her phone: the beheerder resets it.
    add_totp_device(user)
    page.reload()
    expect(page.get_by_text("Ingesteld.", exact=False)).to_be_visible()
    page.get_by_role("button", name="Tweestapsverificatie herstellen").click()
    expect(page.get_by_text("De tweestapsverificatie van Noor Bakker is hersteld")).to_be_visible()
    expect(page.get_by_text("Nog niet ingesteld")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    assert not user.totpdevice_set.exists()
