"""Exports: the filtered, visible signals; streamed CSV; Excel-safe text; real XLSX."""

import csv
import io
import tracemalloc

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samos.accounts.roles import Role
from signals.export import Column, neutralise_formula, stream_csv
from tests.factories import AreaFactory, SignalFactory

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", " =1"]


def csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_starts_are_neutralised(value):
    assert neutralise_formula(value) == "'" + value
    assert neutralise_formula("gewone tekst") == "gewone tekst"
    assert neutralise_formula(42) == 42


def test_csv_export_has_the_filtered_visible_signals_and_safe_text(client, verified_login):
    area = AreaFactory(name="Kleidijk")
    for text in HOSTILE:
        SignalFactory(area=area, observation=text)
    SignalFactory(observation="elders")
    SignalFactory(area=area, vertrouwelijk=True, observation="geheim")
    verified_login(client, Role.KERNTEAMLID)
    response = client.get(reverse("signals:signal_export", args=["csv"]), {"area": area.pk})
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="signalen-')
    rows = csv_rows(response)
    assert rows[0][:4] == ["Waargenomen op", "Gebied", "Thema's", "Waarneming"]
    observations = sorted(row[3] for row in rows[1:])
    assert observations == sorted("'" + value for value in HOSTILE)


def test_xlsx_export_reads_back_without_formulas_and_with_dates(client, verified_login):
    signal = SignalFactory(observation='=HYPERLINK("http://x")')
    verified_login(client, Role.COORDINATOR)
    response = client.get(reverse("signals:signal_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, row = list(sheet.iter_rows(values_only=False))[:2]
    assert header[3].value == "Waarneming"
    assert row[3].value == "'" + signal.observation
    assert all(cell.data_type != "f" for cell in row)
    assert row[0].is_date
    assert row[11].value == 0  # confirmations stay a number


def test_roles_without_signals_cannot_export(client, verified_login):
    verified_login(client, Role.BURGEMEESTER)
    assert client.get(reverse("signals:signal_export", args=["csv"])).status_code == 403


def test_unknown_format_is_404(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    assert client.get(reverse("signals:signal_export", args=["pdf"])).status_code == 404


def test_csv_streams_100000_rows_in_little_memory():
    columns = [Column("Nummer", lambda n: n), Column("Tekst", lambda n: f"regel {n}")]
    tracemalloc.start()
    response = stream_csv(iter(range(100_000)), columns, filename="test.csv")
    lines = sum(1 for _ in response.streaming_content)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert lines == 100_001
    assert peak < 20 * 1024 * 1024
