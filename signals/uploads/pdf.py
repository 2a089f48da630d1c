"""Refuse PDFs with active content: a byte scan, also inside Flate-compressed streams.

This is deliberately not a PDF parser (see docs/adr/0005-uploads.md). It looks for the
names that start scripts, launch programs or carry files, in the raw bytes and in every
stream that inflates with zlib (object streams hide dictionaries there since PDF 1.5).
PDF names may spell a character as `#xx`, so names are decoded before matching.
"""

import re
import zlib
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Inflating stops here; a PDF that inflates to more is refused (fail closed), which also
# bounds the time and memory a "zip bomb" PDF can cost.
INFLATE_LIMIT = 256 * 1024 * 1024
_CHUNK = 64 * 1024
_OVERLAP = 256  # bytes kept between chunks, so a name split over two chunks is still seen

# Names that run code, start programs, carry files or talk to the network.
ACTIVE_NAMES = (
    b"JavaScript",
    b"JS",
    b"Launch",
    b"EmbeddedFile",
    b"EmbeddedFiles",
    b"RichMedia",
    b"SubmitForm",
    b"ImportData",
    b"GoToE",
    b"XFA",
)
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_ENCRYPT = re.compile(rb"/Encrypt(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")

MESSAGE_INVALID_PDF = _("Het bestand is geen geldig PDF-document.")
MESSAGE_ACTIVE_CONTENT = _(
    "Deze PDF bevat actieve inhoud (scripts, acties of ingesloten bestanden) en wordt om "
    "veiligheidsredenen niet geaccepteerd. Druk het document af naar een nieuwe PDF, of "
    "voeg een schermafbeelding toe."
)
MESSAGE_ENCRYPTED = _(
    "Beveiligde (versleutelde) PDF's kunnen niet worden gecontroleerd. Sla het document "
    "zonder beveiliging op en probeer het opnieuw."
)
MESSAGE_TOO_COMPLEX = _("Deze PDF is te groot of te complex om te controleren.")


def _has_active_name(data: bytes) -> bool:
    for match in _NAME.finditer(data):
        name = match.group(1)
        if b"#" in name:
            name = _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name)
        if name in ACTIVE_NAMES:
            return True
    return False


def _inflated_streams(content: bytes, *, limit: int) -> Iterator[bytes]:
    """Yield overlapping output chunks of every stream that inflates with zlib.

    Raises OverflowError once the output of all streams together passes LIMIT.
    """
    total = 0
    for match in _STREAM_START.finditer(content):
        inflater = zlib.decompressobj()
        position = match.end()
        tail = b""
        while not inflater.eof:
            if inflater.unconsumed_tail:
                data = inflater.unconsumed_tail
            elif position < len(content):
                data = content[position : position + _CHUNK]
                position += len(data)
            else:
                data = b""  # input used up: collect what zlib still holds, then stop
            try:
                piece = inflater.decompress(data, _CHUNK)
            except zlib.error:
                break  # not (or no longer) Flate data: images, fonts, plain streams
            if not piece and not data:
                break
            total += len(piece)
            if total > limit:
                raise OverflowError
            if piece:
                yield tail + piece
                tail = (tail + piece)[-_OVERLAP:]


def check_pdf(content: bytes, *, inflate_limit: int = INFLATE_LIMIT) -> None:
    """Raise a ValidationError unless CONTENT is a PDF without active content."""
    if not content.startswith(b"%PDF-"):
        raise ValidationError(MESSAGE_INVALID_PDF, code="invalid_pdf")
    if _ENCRYPT.search(content):
        raise ValidationError(MESSAGE_ENCRYPTED, code="pdf_encrypted")
    if _has_active_name(content):
        raise ValidationError(MESSAGE_ACTIVE_CONTENT, code="pdf_active_content")
    try:
        for chunk in _inflated_streams(content, limit=inflate_limit):
            if _has_active_name(chunk) or _ENCRYPT.search(chunk):
                raise ValidationError(MESSAGE_ACTIVE_CONTENT, code="pdf_active_content")
    except OverflowError as exc:
        raise ValidationError(MESSAGE_TOO_COMPLEX, code="pdf_too_complex") from exc
