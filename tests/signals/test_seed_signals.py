"""`seed_signals`: exact, believable, deterministic bulk data; and the issue's promise that
the signal list and the start page take the same number of queries at 1,000 signals as
at a handful."""

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from signals.models import Area, Signal, SourceKind, Theme
from signals.permissions import LOG_ROLES
from tests.factories import SignalFactory, UserFactory

pytestmark = pytest.mark.django_db


def seed_demo() -> None:
    call_command("seed_demo", stdout=io.StringIO())


def seed(count: int, *options: str) -> str:
    out = io.StringIO()
    call_command("seed_signals", count, *options, stdout=out)
    return out.getvalue()


def new_signals(after_id: int):
    return Signal.objects.filter(pk__gt=after_id).order_by("pk")


def last_id() -> int:
    return Signal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def snapshot(after_id: int) -> list[tuple]:
    """Everything generated about each new signal except its random UUID."""
    return [
        (
            s.observation,
            s.observed_at,
            s.created_at,
            s.area_id,
            s.source_kind_id,
            s.channel,
            s.urgency,
            s.confidentiality,
            s.status,
            s.author_id,
            tuple(sorted(t.pk for t in s.themes.all())),
        )
        for s in new_signals(after_id).prefetch_related("themes")
    ]


def test_creates_exactly_n_believable_signals_with_themes():
    seed_demo()
    start = last_id()
    output = seed(1200)  # more than a nice round batch, to cross a batch boundary too

    created = new_signals(start)
    assert created.count() == 1200
    assert "1200 signalen aangemaakt" in output
    # Every signal has one to three themes.
    per_signal = Signal.themes.through.objects.filter(signal__in=created)
    assert per_signal.values("signal").distinct().count() == 1200
    assert 1200 < per_signal.count() <= 3 * 1200
    # Spread like real data: several areas (never the municipality itself), themes,
    # sources, statuses; authors may log signals, in their own organisation.
    assert created.values("area").distinct().count() > 10
    assert not created.filter(area__kind=Area.Kind.GEMEENTE).exists()
    assert created.values("source_kind").distinct().count() == SourceKind.objects.count()
    assert set(created.values_list("status", flat=True)) >= {"nieuw", "bekeken", "gearchiveerd"}
    vertrouwelijk = created.filter(confidentiality="vertrouwelijk").count()
    assert 0 < vertrouwelijk < 1200 * 0.1
    assert not created.filter(contains_personal_data=True).exists()
    for signal in created.select_related("author")[:200]:
        assert signal.author.has_role(*LOG_ROLES)
        assert signal.organisation_id == signal.author.organisation_id
        assert signal.observation
    oldest = created.order_by("observed_at").first().observed_at
    assert timezone.now() - oldest < timedelta(days=190)
    assert created.filter(observed_at__gte=timezone.now() - timedelta(days=30)).exists()
    # One audit event for the whole batch, not one per signal.
    events = AuditEvent.objects.filter(action="signalen.bulk_aangemaakt")
    assert [event.details["aantal"] for event in events] == [1200]


def test_same_seed_same_signals_other_seed_other_signals():
    seed_demo()
    start = last_id()
    with freeze_time("2026-03-02 10:00:00"):
        seed(300, "--seed", "7")
        first = snapshot(start)
        new_signals(start).delete()
        seed(300, "--seed", "7")
        again = snapshot(start)
        new_signals(start).delete()
        seed(300, "--seed", "8")
        other = snapshot(start)
    assert len(first) == 300
    assert first == again
    assert first != other


def test_months_author_and_refusing_an_author_who_may_not_log_signals():
    seed_demo()
    start = last_id()
    seed(200, "--months", "1", "--author", "signaleerder")
    created = new_signals(start)
    assert set(created.values_list("author__username", flat=True)) == {"signaleerder"}
    assert not created.filter(observed_at__lt=timezone.now() - timedelta(days=32)).exists()

    with pytest.raises(CommandError, match="geen rol"):
        seed(10, "--author", "burgemeester")
    with pytest.raises(CommandError, match="bestaat niet"):
        seed(10, "--author", "niemand")
    assert created.count() == 200  # the refused runs added nothing
    assert AuditEvent.objects.filter(action="signalen.bulk_aangemaakt").count() == 1


def test_refuses_clearly_without_areas():
    UserFactory(roles=[Role.SIGNALEERDER])
    Theme.objects.create(name="Asielopvang")
    SourceKind.objects.create(name="Bewoner")
    with pytest.raises(CommandError, match="gebieden.*seed_demo"):
        seed(10)
    assert not Signal.objects.exists()


def count_queries(client, url: str) -> tuple[int, object]:
    cache.clear()  # count the real work, not panels cached by the previous request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_list_and_start_page_queries_do_not_grow_with_the_number_of_signals(client, verified_login):
    seed_demo()
    user = verified_login(client, Role.COORDINATOR)
    kern = Area.objects.get(name="Oldenmere")
    theme = Theme.objects.get(name="Asielopvang")
    # One own signal, so the "your latest signals" panel has rows in both measurements:
    # Django skips a prefetch for an empty list, which would make the counts differ.
    SignalFactory(author=user, area=kern, source_kind=SourceKind.objects.first())
    since = (timezone.localdate() - timedelta(days=60)).isoformat()
    urls = {
        "filtered list": f"/signalen/?area={kern.pk}&theme={theme.pk}&observed_from={since}",
        "list": "/signalen/",
        "start page": "/",
    }

    few = {name: count_queries(client, url) for name, url in urls.items()}
    # The demo's asielopvang story in Oldenmere puts rows on the filtered page already: a
    # comparison with an empty page would prove nothing.
    assert len(few["filtered list"][1].context["page"].object_list) > 0
    small_total = Signal.objects.count()

    seed(1000)
    many = {name: count_queries(client, url) for name, url in urls.items()}
    assert Signal.objects.count() == small_total + 1000
    assert (
        many["filtered list"][1].context["count"].value
        > few["filtered list"][1].context["count"].value
    )

    counts_few = {name: n for name, (n, _) in few.items()}
    counts_many = {name: n for name, (n, _) in many.items()}
    assert counts_few == counts_many
    # Bounded, not just constant: the unfiltered page holds 50 rows at both sizes, so a
    # query per row would keep the counts equal there; this generous ceiling catches it.
    assert all(n <= 40 for n in counts_many.values()), counts_many


def test_years_spread_signals_over_years_in_a_weekly_rhythm_with_bursts_never_ahead():
    seed_demo()
    start = last_id()
    with freeze_time("2026-03-02 10:00:00"):  # a Monday morning: today has partly passed
        now = timezone.now()
        output = seed(6000, "--years", "2")
    assert "6000 signalen aangemaakt" in output
    created = new_signals(start)
    moments = list(created.values_list("observed_at", "created_at"))
    observed = [o for o, _ in moments]
    assert len(observed) == 6000
    # About two years up to now, and no moment (seen or logged) in the future.
    assert max(max(o, c) for o, c in moments) <= now
    assert all(c >= o for o, c in moments)
    assert now - timedelta(days=732) <= min(observed) <= now - timedelta(days=700)
    assert max(observed) >= now - timedelta(days=3)
    # The weekly rhythm: a weekday holds clearly more signals than a weekend day.
    local_days = [timezone.localtime(o).date() for o in observed]
    per_weekday = [0] * 7
    for day in local_days:
        per_weekday[day.weekday()] += 1
    weekday_mean, weekend_mean = sum(per_weekday[:5]) / 5, sum(per_weekday[5:]) / 2
    assert weekday_mean > 2 * weekend_mean, per_weekday
    # Quieter on holidays (Christmas Day, Koningsdag, …) than on an ordinary weekday.
    from signals.bulk import dutch_holidays

    first_day, today = min(local_days), timezone.localtime(now).date()
    holidays = {
        day
        for day in dutch_holidays(2024) | dutch_holidays(2025) | dutch_holidays(2026)
        if first_day <= day <= today and day.weekday() < 5
    }
    on_holidays = sum(1 for day in local_days if day in holidays)
    assert len(holidays) > 10
    assert on_holidays / len(holidays) < (weekday_mean / 104) / 2
    # Bursts: some area has a week with far more signals than its weekly average.
    per_area_week: dict[tuple, int] = {}
    per_area: dict[int, int] = {}
    for (area_id,), day in zip(created.values_list("area_id"), local_days, strict=True):
        key = (area_id, day.isocalendar()[:2])
        per_area_week[key] = per_area_week.get(key, 0) + 1
        per_area[area_id] = per_area.get(area_id, 0) + 1
    surge = max(n / (per_area[area] / 104) for (area, _), n in per_area_week.items())
    assert surge > 5


def test_easter_and_the_dutch_holidays():
    from datetime import date

    from signals.bulk import dutch_holidays

    holidays = dutch_holidays(2026)
    assert date(2026, 4, 5) in holidays  # Easter Sunday
    assert date(2026, 5, 14) in holidays  # Hemelvaartsdag
    assert date(2026, 5, 25) in holidays  # Tweede pinksterdag
    assert date(2026, 4, 27) in holidays and date(2026, 12, 26) in holidays
    assert date(2025, 4, 26) in dutch_holidays(2025)  # Koningsdag on a Sunday moves back


def test_years_and_months_do_not_mix():
    seed_demo()
    with pytest.raises(CommandError):
        seed(10, "--years", "2", "--months", "3")
    with pytest.raises(CommandError, match="--years"):
        seed(10, "--years", "0")
