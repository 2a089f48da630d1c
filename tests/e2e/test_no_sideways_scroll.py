"""At 375, 768 and 1366 px no main page scrolls sideways, for any role (issue 11, part 3).

"Main pages" are what a person reaches from their start page: the menu and every link on
the start page (their work, signals, cases, documents), one level deep, without files.
"""

import pytest

from samos.accounts.demo import DEMO_USERS
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (375, 768, 1366)
FILES = (".pdf", ".csv", ".xlsx", ".ics", ".zip")
# Enough to cover every kind of page a role reaches; the start page lists a few of each.
MAX_PAGES = 30


def _main_pages(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "header nav a[href^='/'], main a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
    )
    wanted = {"/"} | {
        href.split("#")[0]
        for href in hrefs
        if not href.split("?")[0].endswith(FILES) and "/bijlagen/" not in href
    }
    return sorted(wanted)[:MAX_PAGES]


@pytest.mark.parametrize("username", [user[0] for user in DEMO_USERS])
def test_no_main_page_scrolls_sideways(live_server, page, demo_world, username):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, username)
    urls = _main_pages(page)
    assert len(urls) >= 3, urls
    too_wide = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            response = page.goto(f"{live_server.url}{url}")
            assert response.status < 500, f"{url}: {response.status}"
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide.append(f"{username} {width}px {url}: {scroll_width}px")
    assert not too_wide, "\n".join(too_wide)
