"""Exercise material never mixes with real data: a fictitious signal of an exercise is in
no real list, inbox, start-page panel, heat or trend figure, export, aandachtsverzoek,
"zie ik ook" or real case's "Wat is er nieuw?" — each asserted on its own."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bob import selectors as bob_selectors
from kernteam import exercises
from kernteam.models import Case, CaseSignal
from samos.accounts.roles import Role
from signals import selectors, stats
from signals.models import AreaAssignment, AttentionRequest
from tests.factories import (
    AreaFactory,
    CaseFactory,
    SessionFactory,
    SignalFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FICTIEF = "FICTIEF-OEFENSIGNAAL bij de sporthal"
ECHT = "Echte waarneming bij de sporthal"


@pytest.fixture
def world():
    """One real and one exercise signal in the same kern and theme, an hour ago."""
    cache.clear()
    kern = AreaFactory(name="Oldenmere", kind="kern")
    theme = ThemeFactory(name="Asielopvang")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    real = SignalFactory(area=kern, observation=ECHT, observed_at=an_hour_ago)
    fake = SignalFactory(area=kern, observation=FICTIEF, observed_at=an_hour_ago, is_exercise=True)
    real.themes.add(theme)
    fake.themes.add(theme)
    exercise_case = CaseFactory(oefening=True, title="Oefencasus")
    exercise_case.areas.add(kern)
    CaseSignal.objects.create(case=exercise_case, signal=fake, linked_by=exercise_case.opened_by)
    return {"kern": kern, "theme": theme, "real": real, "fake": fake, "case": exercise_case}


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_not_in_the_signal_list(client, verified_login, world):
    verified_login(client, Role.COORDINATOR)
    content = page(client, reverse("signals:signal_list"))
    assert ECHT in content and FICTIEF not in content


def test_not_in_the_selectors_every_real_read_uses(world):
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    assert list(selectors.signal_list_visible_for(user=coordinator)) == [world["real"]]
    rows = selectors.signal_list_rows_visible_for(user=coordinator)
    assert [s.pk for s in rows] == [world["real"].pk]


def test_not_in_the_inbox(client, verified_login, world):
    verified_login(client, Role.COORDINATOR)
    content = page(client, reverse("signals:inbox"))
    assert ECHT in content and FICTIEF not in content


def test_not_in_the_start_page_panels(client, verified_login, world):
    # The coördinator's inbox count and the signaller's "latest signals" panel.
    coordinator = verified_login(client, Role.COORDINATOR)
    world["fake"].author = coordinator
    world["fake"].save(update_fields=["author"])
    SignalFactory(author=coordinator, observation="Eigen echt signaal")
    content = page(client, reverse("core:dashboard"))
    assert FICTIEF not in content
    request = type("R", (), {"user": coordinator})()
    from signals import panels

    assert panels.coordinator_panel_context(request)["inbox_count"].value == 2  # both real ones
    recent = panels.signaller_panel_context(request)["recent_signals"]
    assert world["fake"] not in recent


def test_not_in_the_heat_table(world):
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    table = stats.heat_table(user=coordinator, now=timezone.now())
    cells = [cell for _area, row in table.rows for cell in row]
    assert sum(cell.last_7 for cell in cells) == 1


def test_not_in_the_weekly_trend(world):
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    trend = stats.weekly_trend(user=coordinator, now=timezone.now())
    assert sum(sum(series.counts) for series in trend.series) == 1


def test_not_in_the_shared_figures_the_beat_task_computes(world):
    stats.refresh_shared_figures()
    heat = cache.get("signals:heat:all")
    trend = cache.get("signals:trend:all")
    assert sum(cell.last_7 for _area, row in heat.rows for cell in row) == 1
    assert sum(sum(series.counts) for series in trend.series) == 1


def test_not_in_the_csv_export(client, verified_login, world):
    verified_login(client, Role.COORDINATOR)
    response = client.get(reverse("signals:signal_export", args=["csv"]))
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 2  # header and the real signal
    assert ECHT in text and FICTIEF not in text


def test_not_in_the_excel_export(client, verified_login, world):
    verified_login(client, Role.COORDINATOR)
    response = client.get(reverse("signals:signal_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert sheet.max_row == 2
    assert any(ECHT in value for value in values)
    assert not any(FICTIEF in value for value in values)


def test_not_among_the_answers_to_an_aandachtsverzoek(client, verified_login, world):
    coordinator = verified_login(client, Role.COORDINATOR)
    attention = AttentionRequest.objects.create(
        title="Let op de sporthal",
        until=timezone.localdate() + timedelta(days=7),
        created_by=coordinator,
    )
    attention.areas.add(world["kern"])
    for signal in (world["real"], world["fake"]):
        signal.attention_request = attention
        signal.save(update_fields=["attention_request"])
    content = page(client, attention.get_absolute_url())
    assert ECHT in content and FICTIEF not in content


def test_not_offered_to_confirm_under_zie_ik_ook(client, verified_login, world):
    organisation = world["real"].organisation
    world["fake"].organisation = organisation  # the same organisation: otherwise visible
    world["fake"].save(update_fields=["organisation"])
    me = verified_login(client, Role.SIGNALEERDER, organisation=organisation)
    AreaAssignment.objects.create(user=me, area=world["kern"])
    assert list(selectors.signals_to_confirm_for(user=me)) == [world["real"]]
    content = page(client, reverse("signals:to_confirm"))
    assert ECHT in content and FICTIEF not in content
    # Nor can it be confirmed by its address.
    confirm = reverse("signals:signal_confirm", args=[world["fake"].uuid])
    assert client.get(confirm).status_code == 404


def test_not_in_a_real_cases_wat_is_er_nieuw(client, verified_login, world):
    chair = verified_login(client, Role.VOORZITTER)
    real_case = CaseFactory(title="Echte casus", opened_at=timezone.now() - timedelta(days=5))
    real_case.areas.add(world["kern"])
    SessionFactory(
        case=real_case, afgerond=True, starts_at=timezone.now() - timedelta(days=3), chair=chair
    )
    follow_up = SessionFactory(case=real_case, kind="vervolg", bezig=True, chair=chair)
    new = bob_selectors.new_signals_since_previous(user=chair, session=follow_up)
    assert list(new) == [world["real"]]
    content = page(client, follow_up.get_absolute_url(), stap="nieuw")
    assert ECHT in content and FICTIEF not in content


def test_the_exercise_itself_reads_its_own_material(world):
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    case = Case.objects.get(pk=world["case"].pk)
    assert list(exercises.exercise_signals_for(user=coordinator, case=case)) == [world["fake"]]
    in_case = exercises.case_signals_visible_for(user=coordinator, case=case).filter(cases=case)
    assert list(in_case) == [world["fake"]]
    # Another exercise does not see this one's material.
    other = CaseFactory(oefening=True)
    assert not exercises.exercise_signals_for(user=coordinator, case=other).exists()
    assert world["fake"] not in exercises.case_signals_visible_for(user=coordinator, case=other)


def test_an_exercise_signal_page_says_oefening_and_offers_no_triage(client, verified_login, world):
    verified_login(client, Role.COORDINATOR)
    content = page(client, world["fake"].get_absolute_url())
    assert "fictief oefensignaal" in content
    assert reverse("signals:signal_status", args=[world["fake"].uuid]) not in content
    assert reverse("kernteam:signal_link", args=[world["fake"].uuid]) not in content
