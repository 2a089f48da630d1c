"""Turn rows and column definitions into a CSV or XLSX download that is safe to open.

Independent of any model: a caller passes an iterable of objects and a list of `Column`s.

- *Formula injection* (OWASP "CSV injection"): spreadsheet programs evaluate a cell that
  starts with =, +, -, @, a tab or a carriage return — also after leading blanks. A signal
  text can carry such a cell on purpose. Every text cell gets a leading apostrophe
  (`neutralise_formula`); numbers and dates stay typed. The same text comes out in CSV
  and XLSX, and the protection survives when someone saves the XLSX as CSV again.
- *CSV for Dutch Excel*: semicolon separator, because Dutch Excel uses the comma as the
  decimal separator and splits CSV on ";" (it would put a comma-separated file in one
  column); a UTF-8 byte-order mark, without which Excel reads the file as Windows-1252 and
  mangles "é" and "€"; decimal comma in numbers; dates as dd-mm-jjjj HH:MM in
  Europe/Amsterdam. Streamed from a generator, so 100,000 rows never sit in memory.
- *XLSX*: openpyxl in write-only mode (rows go to a temporary file, memory stays flat),
  text cells forced to the string type, dates as real Excel dates in local wall-clock
  time (Excel has no time zones).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext

CSV_DELIMITER = ";"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"

DATETIME_FORMAT = "%d-%m-%Y %H:%M"
DATE_FORMAT = "%d-%m-%Y"
TIME_FORMAT = "%H:%M"
XLSX_DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
XLSX_DATE_FORMAT = "dd-mm-yyyy"
XLSX_TIME_FORMAT = "hh:mm"

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Blanks, control characters and zero-width characters a spreadsheet may skip before it
# decides whether a cell is a formula.
_LEADING_BLANKS = re.compile(r"[\s\x00-\x1f\x7f\u200b-\u200d\u2060\ufeff]*")
# XML 1.0 allows only these characters. openpyxl's own filter misses U+FFFE, U+FFFF and
# lone surrogates, which make a file that no program opens.
_NOT_XML_CHAR = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Excel decodes "_xHHHH_" in a cell as the character U+HHHH (ECMA-376 22.4.2.4), so
# "_x003D_1+1" would show as "=1+1". The standard's escape for a literal one: "_x005F_".
_EXCEL_ESCAPE_LOOKALIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
# Excel refuses a file with a longer cell ("the file is corrupt").
XLSX_MAX_CELL_CHARS = 32_767
# Batch CSV rows into chunks of about this size: one write per row would make the
# server do 100,000 tiny socket writes; a bounded chunk keeps memory flat all the same.
CSV_CHUNK_CHARS = 64 * 1024


@dataclass(frozen=True)
class Column:
    """One export column: its header and how to get the cell value from a row object."""

    header: str
    value: Callable[[Any], Any]
    width: float | None = None  # XLSX column width in characters; derived when None


def neutralise_formula(value: Any) -> Any:
    """Text that a spreadsheet would evaluate gets a leading apostrophe; the rest is as is.

    Numbers, dates and None are returned unchanged, so they stay typed.
    """
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_TRIGGERS) or _LEADING_BLANKS.sub("", value, count=1).startswith(
        FORMULA_TRIGGERS
    ):
        return "'" + value
    return value


def _local(value: datetime) -> datetime:
    """Wall-clock time in Europe/Amsterdam; a naive value is taken as already local."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


# --- CSV ----------------------------------------------------------------------------------


def csv_text(value: Any) -> str:
    """One cell as CSV text, formatted for Dutch Excel and neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if isinstance(value, datetime):
        return _local(value).strftime(DATETIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, time):
        return value.strftime(TIME_FORMAT)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        # Dutch Excel reads "1,5" as a number and "1.5" as a date or text.
        return str(value).replace(".", ",")
    return neutralise_formula(str(value))


class _Echo:
    """A pseudo-buffer: csv.writer "writes" a row and gets the formatted line back."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(rows: Iterable[Any], columns: list[Column]) -> Iterator[str]:
    """The CSV document in chunks of about CSV_CHUNK_CHARS, starting with the BOM."""
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    buffer = [BOM, writer.writerow([csv_text(str(column.header)) for column in columns])]
    size = len(buffer[1])
    for row in rows:
        line = writer.writerow([csv_text(column.value(row)) for column in columns])
        buffer.append(line)
        size += len(line)
        if size >= CSV_CHUNK_CHARS:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def stream_csv(
    rows: Iterable[Any], columns: list[Column], *, filename: str
) -> StreamingHttpResponse:
    """A CSV download built while it is sent: the rows are consumed lazily."""
    response = StreamingHttpResponse(csv_chunks(rows, columns), content_type=CSV_CONTENT_TYPE)
    return _as_download(response, safe_filename(filename, extension=".csv"))


# --- XLSX ---------------------------------------------------------------------------------


def xlsx_text(value: str) -> str:
    """Text as an XLSX cell accepts it: only XML characters, within Excel's limit."""
    # XML readers turn a carriage return into a line feed anyway; Excel breaks lines on "\n".
    text = _NOT_XML_CHAR.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
    # Strip first, then neutralise: "\x01=1" must not become "=1" after the check.
    text = neutralise_formula(text)
    if len(text) > XLSX_MAX_CELL_CHARS:
        text = text[: XLSX_MAX_CELL_CHARS - 1] + "…"
    return _EXCEL_ESCAPE_LOOKALIKE.sub(r"_x005F_\1", text)


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, Promise):
        value = str(value)
    if value is None or isinstance(value, bool | int | Decimal):
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, float):
        # NaN and infinity have no Excel representation: they would corrupt the file.
        return WriteOnlyCell(sheet, value=value if math.isfinite(value) else str(value))
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=_local(value).replace(tzinfo=None))
        cell.number_format = XLSX_DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATE_FORMAT
        return cell
    if isinstance(value, time):
        cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None))
        cell.number_format = XLSX_TIME_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, value=xlsx_text(str(value)))
    # openpyxl infers "f" (formula) for any text starting with "="; force a plain string.
    cell.data_type = "s"
    return cell


def xlsx_response(
    rows: Iterable[Any], columns: list[Column], *, filename: str, sheet_title: str
) -> HttpResponse:
    """An Excel workbook: bold, frozen header row, typed cells, no formulas."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=safe_sheet_title(sheet_title))
    # Write-only sheets take layout before the first row is appended.
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        width = column.width or min(max(len(str(column.header)) + 4, 12), 60)
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=xlsx_text(str(column.header)))
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, column.value(row)) for column in columns])
    # The finished file is compressed (a few MB for 100,000 rows) and is sent in one piece.
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    return _as_download(response, safe_filename(filename, extension=".xlsx"))


# --- shared -------------------------------------------------------------------------------

_UNSAFE_FILENAME = re.compile(r"[^\w.-]+")
_UNSAFE_SHEET_TITLE = re.compile(r"[\[\]:*?/\\\x00-\x1f]+")


def safe_filename(filename: str, *, extension: str) -> str:
    """A file name without paths, quotes or control characters, ending in EXTENSION."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_FILENAME.sub("-", name).strip(".-")[:120]
    stem = name[: -len(extension)] if name.lower().endswith(extension) else name
    return (stem.strip(".-") or "export") + extension


def safe_sheet_title(title: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, no apostrophe at the ends."""
    cleaned = _UNSAFE_SHEET_TITLE.sub(" ", str(title)).strip().strip("'")[:31].strip()
    return cleaned or "Blad1"


def _as_download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    # Exports hold signal texts: no browser or proxy cache may keep a copy.
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
