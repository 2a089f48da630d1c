"""Exports: formula-safe text, Dutch-Excel CSV that streams, typed XLSX; and the view."""

import csv
import io
import tracemalloc
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from samos.accounts.roles import Role
from signals.export import (
    Column,
    csv_text,
    neutralise_formula,
    safe_filename,
    safe_sheet_title,
    stream_csv,
    xlsx_response,
    xlsx_text,
)
from tests.factories import AreaFactory, SignalFactory

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", " =1", "\r=1"]
# 19:30 UTC on 12 May is 21:30 summer time in Amsterdam; 12:00 UTC in January is 13:00.
SUMMER = datetime(2026, 5, 12, 19, 30, tzinfo=UTC)
WINTER = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def columns() -> list[Column]:
    return [Column("Waarde", lambda row: row)]


def csv_content(response) -> str:
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # the UTF-8 byte-order mark
    return raw.decode("utf-8")


def parse_csv(response) -> list[list[str]]:
    content = csv_content(response)
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff"), newline=""), delimiter=";"))


def read_xlsx(response):
    return load_workbook(io.BytesIO(response.content)).active


# --- neutralise_formula -------------------------------------------------------------------


@pytest.mark.parametrize("value", [*HOSTILE, "\n=1", "\u200b=1", "  +31 6 1234", "-"])
def test_formula_starts_are_neutralised(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["gewone tekst", "a=b", "1+1", "e-mail", "'al veilig", "", "Jan-Piet", "31 + 6"]
)
def test_ordinary_text_is_left_alone(value):
    assert neutralise_formula(value) == value


@pytest.mark.parametrize(
    "value", [42, -5, 1.5, Decimal("-2.50"), SUMMER, date(2026, 5, 12), None, True]
)
def test_numbers_dates_and_none_stay_typed(value):
    assert neutralise_formula(value) is value


def test_lazy_translations_are_neutralised_as_text():
    assert neutralise_formula(gettext_lazy("=1+1")) == "'=1+1"


# --- CSV ----------------------------------------------------------------------------------


def test_csv_is_a_semicolon_separated_utf8_bom_stream_with_safe_download_headers():
    response = stream_csv(["a"], columns(), filename="signalen-20260512.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="signalen-20260512.csv"'
    assert response["Cache-Control"] == "no-store"
    assert csv_content(response) == "\ufeffWaarde\r\na\r\n"


def test_csv_values_read_back_as_written():
    rows = [
        {"text": 'Jongeren; vuurwerk "zwaar"\nen eieren', "n": 15, "when": SUMMER},
        {"text": "café €", "n": -3, "when": WINTER},
        {"text": None, "n": 1.5, "when": date(2026, 5, 12)},
        {"text": True, "n": Decimal("2.25"), "when": time(21, 30)},
        *[{"text": value, "n": 0, "when": None} for value in HOSTILE],
    ]
    cols = [
        Column("Tekst", lambda row: row["text"]),
        Column("Aantal", lambda row: row["n"]),
        Column("Wanneer", lambda row: row["when"]),
    ]
    parsed = parse_csv(stream_csv(rows, cols, filename="x.csv"))
    assert parsed[0] == ["Tekst", "Aantal", "Wanneer"]
    assert parsed[1] == ['Jongeren; vuurwerk "zwaar"\nen eieren', "15", "12-05-2026 21:30"]
    assert parsed[2] == ["café €", "-3", "05-01-2026 13:00"]
    assert parsed[3] == ["", "1,5", "12-05-2026"]
    assert parsed[4] == ["ja", "2,25", "21:30"]
    assert [row[0] for row in parsed[5:]] == ["'" + value for value in HOSTILE]
    assert all(row[1:] == ["0", ""] for row in parsed[5:])


def test_csv_rows_are_read_only_while_the_response_is_sent():
    consumed = []

    def rows():
        for number in range(3):
            consumed.append(number)
            yield number

    response = stream_csv(rows(), columns(), filename="x.csv")
    assert consumed == []
    assert [row[0] for row in parse_csv(response)] == ["Waarde", "0", "1", "2"]
    assert consumed == [0, 1, 2]


def test_csv_streams_100000_rows_in_little_memory():
    cols = [
        Column("Nummer", lambda n: n),
        Column("Tekst", lambda n: f"regel {n} met wat tekst erbij, zoals een signaal"),
        Column("Wanneer", lambda n: SUMMER),
    ]
    tracemalloc.start()
    try:
        response = stream_csv(iter(range(100_000)), cols, filename="groot.csv")
        lines = chunks = size = 0
        for chunk in response.streaming_content:
            chunks += 1
            lines += chunk.count(b"\r\n")
            size += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == 100_001
    assert chunks > 50  # sent in pieces, not built as one string
    assert size > 6_000_000
    assert peak < 20 * 1024 * 1024  # a sanity bound; the whole file would be about 7 MB


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.characters(exclude_categories=("Cs",))), max_size=5))
def test_csv_round_trips_any_text_neutralised(values):
    parsed = parse_csv(stream_csv(values, columns(), filename="x.csv"))
    assert [row[0] if row else "" for row in parsed[1:]] == [csv_text(v) for v in values]
    assert all(not row or not row[0].lstrip().startswith(("=", "+", "-", "@")) for row in parsed)


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("signalen.csv", 'attachment; filename="signalen.csv"'),
        ("signalen", 'attachment; filename="signalen.csv"'),
        ('../../etc/pa"ss\r\nX-Evil: 1', 'attachment; filename="pa-ss-X-Evil-1.csv"'),
        ("", 'attachment; filename="export.csv"'),
        (
            "signalen-Kleidijk-één.csv",
            "attachment; filename*=utf-8''signalen-Kleidijk-%C3%A9%C3%A9n.csv",
        ),
    ],
)
def test_download_file_names_are_made_safe(given_name, expected):
    assert stream_csv([], columns(), filename=given_name)["Content-Disposition"] == expected


def test_safe_filename_keeps_the_extension_once():
    assert safe_filename("lijst.XLSX", extension=".xlsx") == "lijst.xlsx"
    assert safe_filename("...", extension=".xlsx") == "export.xlsx"


# --- XLSX ---------------------------------------------------------------------------------


def test_xlsx_reads_back_with_typed_cells_and_bold_header():
    rows = [
        ("Jongeren bij de Jumbo", 15, SUMMER),
        (None, 1.5, date(2026, 5, 12)),
        (gettext_lazy("ja"), Decimal("2.25"), WINTER),
    ]
    cols = [
        Column("Tekst", lambda row: row[0], width=50),
        Column("Aantal", lambda row: row[1]),
        Column("Wanneer", lambda row: row[2]),
    ]
    response = xlsx_response(rows, cols, filename="signalen", sheet_title="Signalen")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="signalen.xlsx"'
    assert response["Cache-Control"] == "no-store"
    sheet = read_xlsx(response)
    assert sheet.title == "Signalen"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 50
    header, first, second, third = sheet.iter_rows()
    assert [cell.value for cell in header] == ["Tekst", "Aantal", "Wanneer"]
    assert all(cell.font.bold for cell in header)
    assert [cell.value for cell in first] == [
        "Jongeren bij de Jumbo",
        15,
        datetime(2026, 5, 12, 21, 30),
    ]
    assert first[2].is_date and first[2].number_format == "dd-mm-yyyy hh:mm"
    assert first[1].data_type == "n"
    assert second[0].value is None and second[1].value == 1.5
    assert second[2].is_date and second[2].number_format == "dd-mm-yyyy"
    assert second[2].value == datetime(2026, 5, 12)  # Excel stores a date as a datetime
    assert third[0].value == "ja" and third[1].value == 2.25
    assert third[2].value == datetime(2026, 1, 5, 13, 0)  # winter time: UTC+1
    assert not any(cell.font.bold for cell in first)


def test_xlsx_hostile_text_is_neutralised_and_never_a_formula():
    response = xlsx_response(HOSTILE, columns(), filename="x", sheet_title="x")
    sheet = read_xlsx(response)
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # "\r=1" becomes "\n=1": XML turns a carriage return into a line feed anyway.
    assert [cell.value for cell in cells] == ["'" + value.replace("\r", "\n") for value in HOSTILE]
    assert all(cell.data_type == "s" for cell in cells)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_text_survives_characters_that_would_break_the_file():
    values = ["a\x00b\x01c", "\ufffe\uffff", "_x003D_1+1", "x" * 40_000, "\x01=1"]
    sheet = read_xlsx(xlsx_response(values, columns(), filename="x", sheet_title="x"))
    read = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert read[0] == "abc"
    assert read[1] is None  # nothing left: an empty cell
    assert read[2] == "_x005F_x003D_1+1"  # Excel shows the literal text, not "=1+1"
    assert len(read[3]) == 32_767 and read[3].endswith("…")
    assert read[4] == "'=1"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4))
def test_xlsx_opens_with_any_text(values):
    sheet = read_xlsx(xlsx_response(values, columns(), filename="x", sheet_title="x"))
    read = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert read == [xlsx_text(value) or None for value in values]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Signalen", "Signalen"), ("a/b:c*d?[e]", "a b c d e"), ("x" * 40, "x" * 31), ("'", "Blad1")],
)
def test_sheet_titles_follow_excels_rules(title, expected):
    assert safe_sheet_title(title) == expected


# --- the signal export view (uses these helpers) ------------------------------------------


@pytest.mark.django_db
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
    rows = parse_csv(response)
    assert rows[0][:4] == ["Waargenomen op", "Gebied", "Thema's", "Waarneming"]
    observations = sorted(row[3] for row in rows[1:])
    assert observations == sorted("'" + value for value in HOSTILE)


@pytest.mark.django_db
def test_xlsx_export_reads_back_without_formulas_and_with_dates(client, verified_login):
    signal = SignalFactory(observation='=HYPERLINK("http://x")')
    verified_login(client, Role.COORDINATOR)
    response = client.get(reverse("signals:signal_export", args=["xlsx"]))
    sheet = read_xlsx(response)
    header, row = list(sheet.iter_rows())[:2]
    assert header[3].value == "Waarneming"
    assert row[3].value == "'" + signal.observation
    assert all(cell.data_type != "f" for cell in row)
    assert row[0].is_date
    assert row[11].value == 0  # confirmations stay a number


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.BURGEMEESTER, Role.COMMUNICATIE])
def test_who_does_not_work_with_signals_cannot_export(client, verified_login, role):
    """The mayor reads signals in SAMOS (she may chair) but takes no bulk copies."""
    verified_login(client, role)
    assert client.get(reverse("signals:signal_export", args=["csv"])).status_code == 403
    if role == Role.BURGEMEESTER:
        page = client.get(reverse("signals:signal_list")).content.decode()
        assert "Exporteer CSV" not in page


@pytest.mark.django_db
def test_unknown_format_is_404(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    assert client.get(reverse("signals:signal_export", args=["pdf"])).status_code == 404
