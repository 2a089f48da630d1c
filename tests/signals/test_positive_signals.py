"""A signal can be a positive observation (veerkracht): logged and corrected like any
other, filtered and exported with its kind, and counted beside the concerns on the start
page, never in them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from samos.accounts.roles import Role
from signals.models import Signal, SignalRevision
from signals.stats import heat_table, weekly_trend
from tests.factories import AreaFactory, SignalFactory, ThemeFactory, UserFactory
from tests.signals.test_corrections import _edit_data
from tests.signals.test_export import parse_csv
from tests.signals.test_views import CREATE
from tests.signals.test_views import form_data as _form_data

form_data = _form_data

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=AMS)
VEERKRACHT = Signal.Nature.VEERKRACHT


def test_the_form_asks_which_kind_and_defaults_to_a_concern(client, verified_login):
    verified_login(client, Role.SIGNALEERDER)
    page = client.get(CREATE).content.decode()
    assert 'name="nature" value="zorg"' in page
    assert 'name="nature" value="veerkracht"' in page
    assert "Wat voor waarneming?" in page


def test_a_signaller_logs_a_positive_observation(client, verified_login, form_data):
    verified_login(client, Role.SIGNALEERDER)
    response = client.post(CREATE, {**form_data, "nature": "veerkracht"})
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert signal.nature == VEERKRACHT
    detail = client.get(response["Location"]).content.decode()
    assert "Veerkracht: samenhang, vertrouwen, zelfredzaamheid" in detail


def test_without_a_choice_a_signal_is_a_concern(client, verified_login, form_data):
    verified_login(client, Role.SIGNALEERDER)
    client.post(CREATE, form_data)
    assert Signal.objects.get().nature == Signal.Nature.ZORG


def test_an_unknown_kind_is_refused_and_nothing_typed_is_lost(client, verified_login, form_data):
    verified_login(client, Role.SIGNALEERDER)
    response = client.post(CREATE, {**form_data, "nature": "dreiging"})
    assert response.status_code == 200
    assert not Signal.objects.exists()
    page = response.content.decode()
    assert "geldige keuze" in page
    assert form_data["observation"] in page


def test_correcting_the_kind_is_in_the_history(client, verified_login):
    author = verified_login(client, Role.SIGNALEERDER)
    signal = SignalFactory(author=author)
    signal.themes.add(ThemeFactory())
    url = reverse("signals:signal_edit", args=[signal.uuid])
    response = client.post(url, _edit_data(signal, nature="veerkracht"))
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.nature == VEERKRACHT
    revision = SignalRevision.objects.filter(signal=signal).latest("at")
    fields = [change["field"] for change in revision.changes]
    assert "soort waarneming" in fields


def test_the_list_marks_and_filters_positive_observations(client, verified_login):
    good = SignalFactory(observation="Buren knapten samen het speelveld op.", nature=VEERKRACHT)
    SignalFactory(observation="Spandoek tegen het azc aan het hek.")
    verified_login(client, Role.COORDINATOR)
    everything = client.get(reverse("signals:signal_list")).content.decode()
    assert "Spandoek tegen het azc" in everything
    assert everything.count(">Veerkracht</span>") == 1
    only_good = client.get(reverse("signals:signal_list"), {"nature": "veerkracht"})
    page = only_good.content.decode()
    assert good.observation in page
    assert "Spandoek tegen het azc" not in page


def test_the_export_names_the_kind_of_every_row(client, verified_login):
    SignalFactory(observation="Koffieochtend in het dorpshuis.", nature=VEERKRACHT)
    SignalFactory(observation="Pamfletten in de brievenbussen.")
    verified_login(client, Role.KERNTEAMLID)
    rows = parse_csv(client.get(reverse("signals:signal_export", args=["csv"])))
    header, body = rows[0], rows[1:]
    kind = header.index("Soort waarneming")
    observation = header.index("Waarneming")
    by_text = {row[observation]: row[kind] for row in body}
    assert by_text == {
        "Koffieochtend in het dorpshuis.": "Veerkracht: samenhang, vertrouwen, zelfredzaamheid",
        "Pamfletten in de brievenbussen.": "Zorg of spanning",
    }


@pytest.fixture
def kern_and_theme():
    kern = AreaFactory(name="Oldenmere", kind="kern")
    buurt = AreaFactory(name="Merepolder", kind="buurt", parent=kern)
    return kern, buurt, ThemeFactory(name="Asielopvang")


def _signal(area, theme, days_ago, **extra):
    made = SignalFactory(area=area, observed_at=NOW - timedelta(days=days_ago), **extra)
    made.themes.add(theme)
    return made


def test_the_heat_table_counts_veerkracht_beside_the_concerns(kern_and_theme):
    kern, buurt, theme = kern_and_theme
    for days in (1, 2, 3, 4):
        _signal(buurt, theme, days, nature=VEERKRACHT)
    _signal(buurt, theme, 20, nature=VEERKRACHT)
    _signal(buurt, theme, 60, nature=VEERKRACHT)  # before the 30 days: not counted
    _signal(buurt, theme, 1)
    table = heat_table(user=UserFactory(roles=[Role.COORDINATOR]), now=NOW)
    cells = dict(table.rows)[kern]
    cell = cells[table.themes.index(theme)]
    assert (cell.last_7, cell.last_30, cell.positive_30) == (1, 1, 5)
    assert cell.baseline_per_week == 0
    # Four good things in a week in a quiet place are no alarm.
    assert not cell.higher_than_usual


def test_a_place_with_only_veerkracht_still_shows_in_the_heat_table(kern_and_theme):
    kern, buurt, theme = kern_and_theme
    _signal(buurt, theme, 2, nature=VEERKRACHT)
    table = heat_table(user=UserFactory(roles=[Role.COORDINATOR]), now=NOW)
    assert not table.is_empty
    cell = dict(table.rows)[kern][table.themes.index(theme)]
    assert (cell.last_30, cell.positive_30) == (0, 1)


def test_the_trend_counts_concerns_only(kern_and_theme):
    _, buurt, theme = kern_and_theme
    _signal(buurt, theme, 1, nature=VEERKRACHT)
    _signal(buurt, theme, 1)
    _signal(buurt, theme, 2)
    trend = weekly_trend(user=UserFactory(roles=[Role.COORDINATOR]), now=NOW)
    assert [(series.name, sum(series.counts)) for series in trend.series] == [("Asielopvang", 2)]


def test_the_start_page_shows_the_veerkracht_count_in_words(client, verified_login):
    from django.core.cache import cache
    from django.utils import timezone

    cache.clear()
    kern = AreaFactory(name="Brammelo", kind="kern")
    theme = ThemeFactory(name="Windmolens en energie")
    made = SignalFactory(
        area=kern, nature=VEERKRACHT, observed_at=timezone.now() - timedelta(days=2)
    )
    made.themes.add(theme)
    verified_login(client, Role.KERNTEAMLID)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert '+1<span class="visually-hidden"> veerkracht</span>' in page
    assert "tellen niet mee voor ▲" in page
