"""Every page the beheerder reaches — the SAMOS pages and the Django admin — is Dutch and
passes axe (WCAG 2.1 AA) in Chromium (issue 11, item 4).

The walk follows links from the start page, the menu and the admin index. Per URL shape it
visits one page ("/beheer/admin/signals/area/<id>/change/" once, not for every area), and it
never follows a link that changes something (afmelden) or a sort/filter variant of a list.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Words that are English and never Dutch: any of them on a page is an untranslated string.
# (Words both languages share — filter, model, link, site, thema — are left out.)
ENGLISH_WORDS = frozenset(
    """
    the and you your with this that are have has please click add change view delete save
    search select history welcome home log out password none available selected action
    actions yes all show hide today now choose clear user users group groups permission
    permissions name date time recent documentation toggle skip content main
    results result total go run edit error errors field required below correct auto light
    dark remove chosen
    """.split()
)

TEXT_AND_NAMES = """() => {
  const parts = [document.body.innerText];
  for (const el of document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')) {
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
      if (el.getAttribute(a)) parts.push(el.getAttribute(a));
    }
  }
  for (const el of document.querySelectorAll('input[type=submit],input[type=button]')) {
    parts.push(el.value);
  }
  parts.push(document.title);
  return parts.join('\\n');
}"""

# Links that act (log out) or only re-sort and re-filter a page already seen.
NOT_FOLLOWED = re.compile(r"/(uitloggen|logout)/")
SHAPE_NUMBERS = re.compile(r"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27})/")


def _english_words(text):
    # Whole words only: a checksum such as "3f2add9c" holds "add" but is no English.
    words = {w.lower() for w in re.findall(r"\b[A-Za-z]+\b", text)}
    return sorted(words & ENGLISH_WORDS)


def _shape(path):
    return SHAPE_NUMBERS.sub("/<id>/", path)


def _beheerder_links(page, origin):
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or parts.query:
            continue
        if NOT_FOLLOWED.search(parts.path) or parts.path.startswith("/static/"):
            continue
        yield parts.path


def test_every_page_the_beheerder_reaches_is_dutch_and_accessible(
    live_server, page, demo_world, assert_accessible
):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "beheerder")
    origin = live_server.url
    todo = ["/", "/menu/", "/beheer/admin/"]
    seen_shapes, visited, problems = set(), [], []
    while todo:
        path = todo.pop(0)
        if _shape(path) in seen_shapes:
            continue
        seen_shapes.add(_shape(path))
        response = page.goto(origin + path)
        if response.status in (403, 404):
            # A link the beheerder sees but may not follow would be a dead end.
            problems.append(f"{path}: {response.status}")
            continue
        visited.append(path)
        english = _english_words(page.evaluate(TEXT_AND_NAMES))
        if english:
            problems.append(f"{path}: English {english}")
        assert_accessible(page)
        todo.extend(p for p in _beheerder_links(page, origin) if _shape(p) not in seen_shapes)

    admin_pages = [p for p in visited if p.startswith("/beheer/admin/")]
    assert not problems, "\n".join(problems)
    # The walk really reached the admin's lists, forms and object pages, and SAMOS's own.
    assert {"/beheer/admin/signals/area/", "/beheer/admin/signals/theme/add/"} <= set(visited)
    assert "/beheer/admin/accounts/organisation/add/" in visited
    assert any(re.search(r"/beheer/admin/signals/area/\d+/change/", p) for p in visited)
    assert any(p.endswith("/history/") for p in admin_pages)
    # (No delete pages: a beheerder deactivates, and deletes nothing.)
    assert not any(p.endswith("/delete/") for p in admin_pages)
    assert "/beheer/gebruikers/" in visited
    assert len(admin_pages) >= 30, admin_pages


def test_a_failed_admin_form_is_dutch_and_accessible(
    live_server, page, demo_world, assert_accessible
):
    log_in(page, live_server, "beheerder")
    page.goto(f"{live_server.url}/beheer/admin/signals/theme/add/")
    # Spaces pass the browser's own "required" check and are refused by the server.
    page.get_by_label("Naam").fill("   ")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("Dit veld is verplicht.")).to_be_visible()
    assert _english_words(page.evaluate(TEXT_AND_NAMES)) == []
    assert_accessible(page)


def test_the_english_check_would_catch_an_untranslated_admin_string():
    # The check itself must be able to fail: Django's own English admin text is caught.
    assert _english_words("Select area to change\nAdd link\nRecent actions") == [
        "actions",
        "add",
        "change",
        "recent",
        "select",
    ]
    assert _english_words("Selecteer gebied om te wijzigen\nToevoegen\nRecente acties") == []
