"""Keyset pages and capped counts of the signal list and the inbox (issue: cost grows with
the page, not with the table): every visible row exactly once forwards and backwards,
"meer dan 1.000", forged cursors, exports past the pager, queries that do not grow."""

import csv
import io
import re
from datetime import timedelta
from html import unescape

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from samos.accounts.roles import Role
from samos.core.seek import CappedCount, capped_count
from signals.models import Signal
from tests.factories import AreaFactory, SourceKindFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("signals:signal_list")
INBOX = reverse("signals:inbox")
HOME = reverse("core:dashboard")


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 4 rows, so a handful of signals spans several pages."""
    monkeypatch.setattr("signals.views.signal_pages.PAGE_SIZE", 4)
    monkeypatch.setattr("signals.views.triage.PAGE_SIZE", 4)


def make_signals(count: int, *, area=None, theme=None, at=None, **fields) -> list[Signal]:
    """COUNT signals of one author, area and source (cheap: no new rows per signal)."""
    area = area or AreaFactory()
    source = SourceKindFactory()
    author = UserFactory(roles=[Role.SIGNALEERDER])
    now = timezone.now()
    signals = Signal.objects.bulk_create(
        Signal(
            observation=f"Waarneming {n}",
            observed_at=at or now - timedelta(hours=n),
            created_at=at or now - timedelta(hours=n),
            area=area,
            source_kind=source,
            author=author,
            organisation=author.organisation,
            **fields,
        )
        for n in range(count)
    )
    if theme is not None:
        through = Signal.themes.through
        through.objects.bulk_create(through(signal=s, theme=theme) for s in signals)
    return signals


def link(content: str, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', content)
    return unescape(found.group(1)) if found else None


def walk(client, url: str, params: dict, *, key=lambda s: s.pk) -> tuple[list, list, str]:
    """Follow "Volgende" from the first page to the last, then "Vorige" back to the first;
    returns the rows seen each way (in page order) and the last page's URL."""
    response = client.get(url, params)
    forward = []
    while True:
        assert response.status_code == 200
        forward.extend(key(s) for s in response.context["page"].object_list)
        following = link(response.content.decode(), "next")
        if following is None:
            break
        response = client.get(url + following)
    backward_pages = [[key(s) for s in response.context["page"].object_list]]
    while True:
        previous = link(response.content.decode(), "prev")
        if previous is None:
            break
        response = client.get(url + previous)
        assert response.status_code == 200
        backward_pages.insert(0, [key(s) for s in response.context["page"].object_list])
    return forward, [pk for page in backward_pages for pk in page], response


def test_paging_a_filtered_list_both_ways_shows_every_visible_row_exactly_once(
    client, verified_login, small_pages
):
    verified_login(client, Role.KERNTEAMLID)
    kern = AreaFactory(name="Brammelo")
    theme = ThemeFactory(name="Windmolens")
    visible = make_signals(9, area=kern, theme=theme)
    # Ties on the sort key: three signals seen at the very same moment (the id decides).
    moment = timezone.now() - timedelta(hours=4, minutes=30)
    visible += make_signals(3, area=kern, theme=theme, at=moment)
    make_signals(3, area=kern, theme=theme, confidentiality="vertrouwelijk")  # not for them
    make_signals(4, area=kern)  # another theme: filtered out
    make_signals(4, theme=theme)  # another area: filtered out

    forward, backward, first = walk(
        client, LIST, {"area": kern.pk, "theme": theme.pk}, key=lambda s: s.pk
    )
    expected = list(
        Signal.objects.filter(pk__in=[s.pk for s in visible])
        .order_by("-observed_at", "-id")
        .values_list("pk", flat=True)
    )
    assert forward == expected  # each once, newest first, ties by id
    assert backward == expected
    assert len(expected) == 12  # 3 pages of 4
    # Back at the start: the first page, with its filters, and no "Vorige" any more.
    assert first.context["page"].has_previous is False
    assert "Filters (2 actief)" in first.content.decode()


def test_the_cursor_keeps_the_filters_and_the_export_is_not_limited_by_the_pager(
    client, verified_login, small_pages
):
    verified_login(client, Role.COORDINATOR)
    area = AreaFactory()
    make_signals(10, area=area)
    make_signals(2)
    page = client.get(LIST, {"area": area.pk}).content.decode()
    following = link(page, "next")
    assert f"area={area.pk}" in following and "na=" in following
    second = client.get(LIST + following)
    assert len(second.context["page"].object_list) == 4
    assert second.context["count"].value == 10
    # The export links carry the filters, never the cursor; the export has every row.
    assert second.context["query_string"] == f"area={area.pk}"
    export = client.get(reverse("signals:signal_export", args=["csv"]) + following)
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1 + 10


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "",
        "x" * 5000,
        signing.Signer(salt="another.salt").sign_object(["2026-01-01T00:00:00+00:00", 1]),
        signing.Signer(salt="samos.core.seek.signal_list").sign_object(["not a date", "x"]),
        signing.Signer(salt="samos.core.seek.signal_list").sign_object({"a": 1}),
        signing.Signer(salt="samos.core.seek.signal_list").sign_object([None, None]),
        signing.Signer(salt="samos.core.seek.signal_list").sign_object(["9999-12-31", 1]) + "x",
    ],
)
@pytest.mark.parametrize("name", ["na", "voor"])
def test_a_forged_or_broken_cursor_gives_the_first_page(
    client, verified_login, small_pages, name, cursor
):
    verified_login(client, Role.COORDINATOR)
    make_signals(6)
    first = list(client.get(LIST).context["page"].object_list)
    response = client.get(LIST, {name: cursor})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == first
    assert response.context["page"].has_previous is False


def test_a_cursor_past_every_row_gives_the_first_page(client, verified_login, small_pages):
    verified_login(client, Role.COORDINATOR)
    signals = make_signals(6)
    following = link(client.get(LIST).content.decode(), "next")
    Signal.objects.filter(pk__in=[s.pk for s in signals[4:]]).delete()
    response = client.get(LIST + following)
    assert [s.pk for s in response.context["page"].object_list] == [s.pk for s in signals[:4]]


def test_a_cursor_never_shows_what_the_user_may_not_see(client, verified_login, small_pages):
    """A cursor made by a coördinator (who sees confidential signals), used by a
    kernteamlid: a position only, the rows stay theirs."""
    coordinator = verified_login(client, Role.COORDINATOR)
    make_signals(6, confidentiality="vertrouwelijk")
    ordinary = make_signals(2, at=timezone.now() - timedelta(days=30))
    following = link(client.get(LIST).content.decode(), "next")
    assert coordinator.has_role(Role.COORDINATOR)
    verified_login(client, Role.KERNTEAMLID)
    shown = client.get(LIST + following).context["page"].object_list
    assert {s.pk for s in shown} <= {s.pk for s in ordinary}


def test_the_inbox_pages_oldest_first_and_every_new_signal_once(
    client, verified_login, small_pages
):
    verified_login(client, Role.COORDINATOR)
    new = make_signals(9)
    moment = timezone.now() - timedelta(days=3)
    new += make_signals(2, at=moment)
    make_signals(3, status="bekeken")
    forward, backward, _first = walk(client, INBOX, {})
    expected = list(
        Signal.objects.filter(pk__in=[s.pk for s in new])
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
    )
    assert forward == backward == expected
    assert "11 nieuwe signalen." in client.get(INBOX).content.decode()


def test_counts_are_exact_up_to_the_cap_and_say_meer_dan_beyond_it(
    client, verified_login, settings
):
    settings.SAMOS_LIST_COUNT_CAP = 3
    verified_login(client, Role.COORDINATOR)
    make_signals(1)
    assert "1 signaal</h2>" in client.get(LIST).content.decode().replace("\n", "")
    make_signals(2)
    assert "3 signalen</h2>" in client.get(LIST).content.decode().replace("\n", "")
    make_signals(1)
    page = client.get(LIST).content.decode().replace("\n", "")
    assert "Meer dan 3 signalen</h2>" in page
    assert "Meer dan 3 nieuwe signalen." in client.get(INBOX).content.decode()
    home = client.get(HOME).content.decode()
    assert "Meer dan 3 nieuwe signalen wachten op beoordeling." in home


def test_the_cap_is_shown_with_dutch_thousands_separators():
    with translation.override("nl"):
        assert CappedCount(value=1001, cap=1000).display == "1.000"
        assert CappedCount(value=999, cap=1000).display == "999"
    over = CappedCount(value=1001, cap=1000)
    assert over.over and over.shown == 1000
    exact = CappedCount(value=1000, cap=1000)
    assert not exact.over and exact.shown == 1000


def test_capped_count_reads_at_most_cap_plus_one_rows(django_assert_num_queries):
    make_signals(7)
    with django_assert_num_queries(1) as captured:
        count = capped_count(Signal.objects.all(), cap=5)
    assert (count.value, count.over) == (6, True)
    assert "LIMIT 6" in captured.captured_queries[0]["sql"]
    assert capped_count(Signal.objects.all(), cap=10).value == 7


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [LIST, INBOX])
def test_list_pages_take_the_same_queries_at_small_and_larger_sizes(
    client, verified_login, small_pages, django_assert_num_queries, url
):
    verified_login(client, Role.COORDINATOR)
    theme = ThemeFactory()
    make_signals(5, theme=theme)
    first_page = count_queries(client, url)
    second_page = count_queries(client, url + link(client.get(url).content.decode(), "next"))
    assert first_page == second_page

    make_signals(120, theme=theme)
    with django_assert_num_queries(first_page):
        client.get(url)
    following = link(client.get(url).content.decode(), "next")
    with django_assert_num_queries(second_page):
        client.get(url + following)


def test_beyond_the_default_cap_the_list_says_meer_dan_1000(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    make_signals(1001)
    page = client.get(LIST).content.decode().replace("\n", "")
    assert "Meer dan 1.000 signalen</h2>" in page
    assert "Meer dan 1.000 nieuwe signalen." in client.get(INBOX).content.decode()
