"""Exports of a list to CSV (streamed) and XLSX (constant memory), safe for spreadsheets.

Spreadsheet programs evaluate a cell that starts with =, +, -, @ (or a tab/CR before
one of those): a signal text could carry a formula (OWASP "CSV injection"). Every text
cell is neutralised with a leading apostrophe; numbers and dates stay typed.
The CSV uses a semicolon and a UTF-8 byte-order mark, so Dutch Excel opens it right.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATETIME_TEXT = "%d-%m-%Y %H:%M"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


def neutralise_formula(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime(DATETIME_TEXT)
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(neutralise_formula(str(value)) if isinstance(value, str) else value)


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer streaming."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterable, columns: list[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([column.header for column in columns])
    for row in rows:
        yield writer.writerow([_as_text(column.value(row)) for column in columns])


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def stream_csv(rows: Iterable, columns: list[Column], *, filename: str) -> StreamingHttpResponse:
    """A CSV response built row by row: 100,000 rows never sit in memory at once."""
    response = StreamingHttpResponse(
        _csv_lines(rows, columns), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, filename)


def xlsx_response(
    rows: Iterable, columns: list[Column], *, filename: str, sheet_title: str
) -> HttpResponse:
    """An Excel workbook written in openpyxl's write-only mode (constant memory)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, column.value(row), WriteOnlyCell) for column in columns])
    buffer = BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)


def _xlsx_cell(sheet, value: Any, cell_class):
    if isinstance(value, datetime):
        # Excel has no time zones: write the local wall-clock time.
        cell = cell_class(sheet, value=timezone.localtime(value).replace(tzinfo=None))
        cell.number_format = "dd-mm-yyyy hh:mm"
        return cell
    if value is None or isinstance(value, int | float | date):
        return cell_class(sheet, value=value)
    cell = cell_class(sheet, value=neutralise_formula(str(value)))
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell
