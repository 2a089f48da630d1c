"""Offer stored files for download: a harmless file name and headers that forbid rendering."""

import os
import unicodedata
from pathlib import Path
from urllib.parse import quote

from django.http import FileResponse, Http404

from .kinds import ALLOWED_CONTENT_TYPES, KINDS, kind_for_extension
from .storage import private_path

MAX_NAME_LENGTH = 100
_KEEP = frozenset("-_. ")
# Names Windows refuses or treats as devices, whatever the extension.
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{n}" for n in range(10)} | {f"LPT{n}" for n in range(10)}
)
_STRIP = " ._-"


def _clean_characters(text: str) -> str:
    out = []
    for character in unicodedata.normalize("NFC", text):
        if character.isalnum() or character in _KEEP or unicodedata.category(character)[0] == "M":
            out.append(character)
        elif unicodedata.category(character) == "Pd":  # – — ‐ …: keep as a plain dash
            out.append("-")
        elif character.isspace():
            out.append(" ")
        elif unicodedata.category(character)[0] in "CZ":
            continue  # control, format (bidi overrides), unassigned, separators
        else:
            out.append("_")
    cleaned = " ".join("".join(out).split())
    while "__" in cleaned:
        cleaned = cleaned.replace("__", "_")
    return cleaned


def _stem(name: str, extension: str) -> str:
    """NAME without its last extension when that extension means the same file kind."""
    base, dot, suffix = name.rpartition(".")
    if dot and base:
        own = kind_for_extension(suffix)
        if suffix.lower() == extension or (own and extension in own.extensions):
            return base
    return name


def safe_download_name(original_name: str, *, fallback: str, extension: str | None = None) -> str:
    """A file name that is safe in a Content-Disposition header and on any disk.

    Directories, control and format characters (CR, LF, bidi overrides), quotes and other
    punctuation go; letters (accents and other scripts too), digits, dash, underscore, dot
    and space stay. The result is at most 100 characters and always ends with
    `.EXTENSION` (the validated type's extension; taken from FALLBACK when not given).
    FALLBACK ("bijlage.pdf") is used when nothing of the original name is left.
    """
    fallback_stem, dot, fallback_extension = fallback.rpartition(".")
    if not dot:
        fallback_stem, fallback_extension = fallback, ""
    extension = (extension or fallback_extension).lower().lstrip(".")
    extension = "".join(c for c in extension if c.isascii() and c.isalnum())[:10] or "bin"

    name = (original_name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = _stem(_clean_characters(name), extension).strip(_STRIP)
    if not stem or stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = _stem(_clean_characters(fallback_stem), extension).strip(_STRIP) or "bestand"
    stem = stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(_STRIP) or "bestand"
    return f"{stem}.{extension}"


def _ascii_fallback(name: str) -> str:
    """ü → u, é → e; what has no ASCII form goes. Keeps the extension."""
    stem, _dot, extension = name.rpartition(".")
    decomposed = unicodedata.normalize("NFKD", stem)
    text = "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in _KEEP))
    return f"{' '.join(text.split()).strip(_STRIP) or 'bijlage'}.{extension}"


def content_disposition(download_name: str) -> str:
    """RFC 6266: `filename` for old clients, `filename*` (UTF-8) when the name is not ASCII."""
    ascii_name = _ascii_fallback(download_name)
    header = f'attachment; filename="{ascii_name}"'
    if ascii_name != download_name:
        header += f"; filename*=UTF-8''{quote(download_name, safe='')}"
    return header


def attachment_response(
    *, path: str | os.PathLike[str], download_name: str, content_type: str
) -> FileResponse:
    """Serve a private file as a download that no browser will render or sniff.

    PATH is relative to MEDIA_ROOT (what store_private_file returned); a path outside it
    raises SuspiciousFileOperation, a missing file Http404. Content types outside the
    upload allowlist are sent as application/octet-stream. The caller has already checked
    that the user may see the file.
    """
    absolute = private_path(path)
    if not absolute.is_file():
        raise Http404("Bijlage niet gevonden.")
    if content_type not in ALLOWED_CONTENT_TYPES:
        content_type = "application/octet-stream"
    kind = KINDS.get(content_type)
    extension = kind.extension if kind else Path(download_name).suffix.lstrip(".") or None
    name = safe_download_name(download_name, fallback="bijlage", extension=extension)
    response = FileResponse(absolute.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
