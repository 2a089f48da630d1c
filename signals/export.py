"""The safe CSV/XLSX export lives in samos.core.export (the data-subject search of
samos.privacy uses it too, and samos imports no app); this name stays for the signals
code and its tests."""

from samos.core.export import (  # noqa: F401
    BOM,
    CSV_CHUNK_CHARS,
    CSV_CONTENT_TYPE,
    CSV_DELIMITER,
    FORMULA_TRIGGERS,
    XLSX_CONTENT_TYPE,
    XLSX_MAX_CELL_CHARS,
    Column,
    csv_chunks,
    csv_text,
    neutralise_formula,
    safe_filename,
    safe_sheet_title,
    stream_csv,
    xlsx_response,
    xlsx_text,
)
