"""The bulk seeding command, and the query counts at 1,000 signals vs a handful."""

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samos.accounts.roles import Role
from signals.models import Area, Signal, Theme
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db


def seed(count: int, seed: int = 1) -> None:
    call_command("seed_signals", count, "--seed", str(seed), stdout=io.StringIO())


def test_seed_signals_creates_exactly_n_with_themes():
    call_command("seed_demo", stdout=io.StringIO())
    before = Signal.objects.count()
    seed(500)
    assert Signal.objects.count() == before + 500
    new = Signal.objects.order_by("-id")[:500]
    assert all(signal.themes.exists() for signal in new[:50])


def test_seed_signals_refuses_without_configuration():
    with pytest.raises(CommandError, match="seed_demo"):
        seed(10)


def count_queries(client, url: str) -> int:
    cache.clear()  # count the real work, not cached panels
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_and_start_page_queries_do_not_grow_with_the_number_of_signals(client, verified_login):
    call_command("seed_demo", stdout=io.StringIO())
    user = verified_login(client, Role.COORDINATOR)
    # One own signal, so the "your latest signals" panel has rows in both measurements
    # (Django skips the themes prefetch for an empty list).
    SignalFactory(author=user)
    kern = Area.objects.get(name="Oldenmere")
    theme = Theme.objects.get(name="Asielopvang")
    since = (timezone.localdate() - timedelta(days=60)).isoformat()
    urls = [f"/signalen/?area={kern.pk}&theme={theme.pk}&observed_from={since}", "/signalen/", "/"]
    few = [count_queries(client, url) for url in urls]
    seed(1000)
    many = [count_queries(client, url) for url in urls]
    assert few == many
