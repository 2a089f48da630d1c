"""Journey: a person logs in (password + authenticator code) and sees their start page."""

import pytest
from playwright.sync_api import expect

from samos.accounts.demo import DEMO_PASSWORD, seed_accounts
from samos.accounts.roles import Role
from tests.factories import TEST_PASSWORD, UserFactory, add_totp_device, totp_token

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_with_two_factor_and_see_the_dashboard(live_server, page, assert_accessible):
    user = UserFactory(username="wijkagent", first_name="Sanne", roles=[Role.SIGNALEERDER])
    device = add_totp_device(user)

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/inloggen/?next=/")
    expect(page.get_by_role("heading", name="Inloggen bij SAMOS")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Gebruikersnaam").fill("wijkagent")
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_text("authenticator-app")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Token").fill(totp_token(device))
    page.get_by_role("button", name="Bevestigen").click()

    expect(page.get_by_role("heading", name="Goedendag, Sanne")).to_be_visible()
    expect(page.get_by_text("Signaleerder").first).to_be_visible()
    assert_accessible(page)


def test_demo_account_logs_in_without_second_factor_in_demo_mode(
    live_server, page, settings, assert_accessible
):
    settings.DEMO_MODE = True
    seed_accounts()

    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", name="Goedendag, Karim")).to_be_visible()
    expect(page.get_by_text("Demomodus")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen bij SAMOS")).to_be_visible()
