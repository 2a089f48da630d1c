"""Steps every browser journey shares."""

from playwright.sync_api import expect

DEMO_PASSWORD = "samos-demo"  # noqa: S105  (the published demo password)


def log_in(page, live_server, username):
    """Log in as a demo account (demo mode: no second factor) and land on the start page."""
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Goedendag", exact=False)).to_be_visible()
    return page


def assert_no_sideways_scroll(page):
    """The page fits its viewport: nothing makes a phone scroll sideways."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url}: {width} px wide in a {viewport} px viewport"


def assert_page_fits_and_is_accessible(page, assert_accessible):
    """axe (WCAG 2.1 AA) and no sideways scroll: the two checks every journey page gets."""
    assert_accessible(page)
    assert_no_sideways_scroll(page)
