"""Refuse PDFs with active content: a cheap byte scan, then a real parse with pypdf.

Two passes, each failing closed (see docs/adr/0005-uploads.md):

1. *Byte scan* (cheap, no parser): the names that start scripts, launch programs or
   carry files, in the raw bytes and in every stream that inflates with zlib. PDF names
   may spell a character as `#xx`, so names are decoded before matching.
2. *Parse* with pypdf: every indirect object the cross-reference data knows (also those
   inside object streams, whatever their filters), every object header found in the raw
   bytes that the cross-reference data does not point to (old revisions, orphans a
   lenient viewer may still find), and everything reachable from the trailer. Every
   dictionary, array and stream dictionary is inspected as parsed objects (names already
   `#xx`-decoded by pypdf); every non-image stream is decoded with all its filters
   (Flate, LZW, ASCIIHex, ASCII85, RunLength, chains of them) and its decoded bytes get
   the byte scan too. Refused: the active names below, forms (`/AcroForm`, `/XFA`),
   embedded files (`/EF`, `/EmbeddedFile(s)`), automatic actions (`/OpenAction`, `/AA`)
   that do anything but jump to a page, and annotations that play media, carry files or
   are form fields.

Decoding is bounded: pypdf's per-stream limits are set to INFLATE_LIMIT for this call
only (a context variable, so other threads are not affected), and the decoded bytes of
all streams together may not pass it either. A bomb or anything pypdf cannot parse is
refused with a message; no exception escapes except ValidationError.

Why check and not rewrite: the stored bytes are chosen by `sanitised_content` in
`validation.py`, outside this module, and a rewrite through pypdf would keep page
content streams and resources as they are (so it still needs this check), while it can
break fonts, tagged structure and signatures of legitimate documents. Rewriting is the
next step if attachments are ever shown inline; see the ADR.
"""

import re
import zlib
from collections.abc import Iterator
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    read_object,
)

# Inflating stops here; a PDF that inflates to more is refused (fail closed), which also
# bounds the time and memory a "zip bomb" PDF can cost. Each pass has this budget.
INFLATE_LIMIT = 256 * 1024 * 1024
_CHUNK = 64 * 1024
_OVERLAP = 256  # bytes kept between chunks, so a name split over two chunks is still seen
# pypdf parses a few thousand objects a second on our machines: a tagged 40-page
# WeasyPrint text (5 500 objects) takes a second, 50 000 objects with a few nested
# dictionaries each take some 18 s. More indirect objects than this are refused as too
# complex before they are parsed, so one check stays below about ten seconds and five
# attachments in one form below gunicorn's 60 s worker timeout. Dictionaries and arrays
# (also direct ones) are limited to CONTAINER_LIMIT.
OBJECT_LIMIT = 25_000
CONTAINER_LIMIT = 10 * OBJECT_LIMIT

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
# In parsed objects, also refused as dictionary keys or name values: interactive forms
# and the embedded-file entry of a file specification (its /Type is optional).
_ACTIVE_KEYS = frozenset({"/" + name.decode() for name in ACTIVE_NAMES} | {"/AcroForm", "/EF"})
# Annotations that carry files, play media (which may run script) or are form fields.
# /3D annotations can hold JavaScript in their 3D stream, so they go too.
_ACTIVE_SUBTYPES = frozenset(
    {"/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia", "/Widget", "/3D"}
)
_AUTOMATIC_ACTION_KEYS = ("/OpenAction", "/AA")

_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_SIZE = re.compile(rb"/Size[\x00\t\n\x0c\r ]*([0-9]{1,12})")
_ENCRYPT = re.compile(rb"/Encrypt(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")
_WHITE = rb"[\x00\t\n\x0c\r ]"
_OBJECT_HEADER = re.compile(
    rb"(?<![0-9])([0-9]{1,10})" + _WHITE + rb"+([0-9]{1,5})" + _WHITE + rb"+obj\b" + _WHITE + rb"*"
)

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


class _ActiveContent(Exception):
    """Raised inside the parse; turned into a ValidationError outside pypdf's reach."""


class _Encrypted(Exception):
    pass


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


def _scan_bytes(content: bytes, *, limit: int) -> None:
    """First pass: raw bytes and zlib-inflated streams, no parser."""
    if _ENCRYPT.search(content):
        raise ValidationError(MESSAGE_ENCRYPTED, code="pdf_encrypted")
    if _has_active_name(content):
        raise ValidationError(MESSAGE_ACTIVE_CONTENT, code="pdf_active_content")
    try:
        for chunk in _inflated_streams(content, limit=limit):
            if _ENCRYPT.search(chunk):  # the trailer of a compressed cross-reference stream
                raise ValidationError(MESSAGE_ENCRYPTED, code="pdf_encrypted")
            if _has_active_name(chunk):
                raise ValidationError(MESSAGE_ACTIVE_CONTENT, code="pdf_active_content")
    except OverflowError as exc:
        raise ValidationError(MESSAGE_TOO_COMPLEX, code="pdf_too_complex") from exc


def _is_plain_goto(action: object) -> bool:
    """True for a destination, or a /GoTo action without a /Next chain.

    Automatic actions (/OpenAction on opening, /AA on opening a page, focusing a field,
    closing, printing…) run without any click. The only one a document needs is showing
    a page; everything else (/URI, /GoToR, /Launch, /Rendition, /Named, /SetOCGState, /JS,
    …) can contact the network, open files or run script, so anything else is refused
    rather than listed.
    """
    if isinstance(action, ArrayObject):  # an explicit destination: [page /Fit]
        return True
    if not isinstance(action, DictionaryObject):
        return False
    return action.get("/S") == "/GoTo" and "/Next" not in action


def _automatic_actions_are_plain(value: DictionaryObject) -> bool:
    open_action = value.get("/OpenAction")
    if open_action is not None and not _is_plain_goto(open_action.get_object()):
        return False
    triggers = value.get("/AA")
    if triggers is None:
        return True
    triggers = triggers.get_object()
    if not isinstance(triggers, DictionaryObject):
        return False
    return all(_is_plain_goto(action.get_object()) for action in triggers.values())


def _is_image(stream: StreamObject) -> bool:
    # An object stream cannot pass for an image: pypdf only reads /Type /ObjStm ones.
    return stream.get("/Subtype") == "/Image" and stream.get("/Type") in (None, "/XObject")


class _Walker:
    """Inspect every object once; bound the objects seen and the bytes decoded."""

    def __init__(self, reader: PdfReader, *, limit: int) -> None:
        self.reader = reader
        self.limit = limit
        self.decoded = 0
        self.seen_references: set[tuple[int, int]] = set()
        # by id(); the value keeps each object alive, so an id is never reused meanwhile
        self.seen_objects: dict[int, object] = {}
        self.count = 0

    def walk(self, root: object) -> None:
        pending = [root]
        while pending:
            value = pending.pop()
            if isinstance(value, IndirectObject):
                key = (value.idnum, value.generation)
                if key in self.seen_references:
                    continue
                self.seen_references.add(key)
                value = value.get_object()
            if not isinstance(value, DictionaryObject | ArrayObject):
                if isinstance(value, NameObject) and value in _ACTIVE_KEYS:
                    raise _ActiveContent
                continue
            if id(value) in self.seen_objects:
                continue
            self.seen_objects[id(value)] = value
            self.count += 1
            if self.count > CONTAINER_LIMIT:
                raise LimitReachedError("too many dictionaries and arrays")
            if isinstance(value, ArrayObject):
                pending.extend(value)
                continue
            self._check_dictionary(value)
            pending.extend(value.values())

    def _check_dictionary(self, value: DictionaryObject) -> None:
        if any(key in _ACTIVE_KEYS for key in value):
            raise _ActiveContent
        if value.get("/Subtype") in _ACTIVE_SUBTYPES:
            raise _ActiveContent
        if not _automatic_actions_are_plain(value):
            raise _ActiveContent
        if isinstance(value, StreamObject) and not _is_image(value):
            data = value.get_data()  # all filters, within pypdf's configured limits
            self.decoded += len(data)
            if self.decoded > self.limit:
                raise LimitReachedError("decoded streams pass the limit")
            # Cross-reference streams are binary offsets, which pypdf already read.
            if value.get("/Type") != "/XRef" and _has_active_name(data):
                raise _ActiveContent
            if _ENCRYPT.search(data):
                raise _Encrypted


def _indirect_references(reader: PdfReader) -> Iterator[IndirectObject]:
    for generation, objects in reader.xref.items():
        for idnum in objects:
            yield IndirectObject(idnum, generation, reader)
    for idnum in reader.xref_objStm:
        yield IndirectObject(idnum, 0, reader)


def _orphan_objects(content: bytes, reader: PdfReader) -> Iterator[object]:
    """Objects whose header is in the bytes but not where the cross-references point."""
    known = {
        (idnum, generation, offset)
        for generation, objects in reader.xref.items()
        for idnum, offset in objects.items()
    }
    stream = BytesIO(content)
    orphans = 0
    for match in _OBJECT_HEADER.finditer(content):
        idnum, generation = int(match.group(1)), int(match.group(2))
        if (idnum, generation, match.start()) in known:
            continue
        orphans += 1
        if orphans > OBJECT_LIMIT:
            raise LimitReachedError("too many objects")
        stream.seek(match.end())
        yield read_object(stream, reader)


def _parse_check(content: bytes, *, limit: int) -> None:
    """Second pass: every object and every decoded non-image stream, via pypdf.

    Raises _ActiveContent, _Encrypted, LimitReachedError or whatever pypdf raises.
    """
    # The declared /Size of a trailer or cross-reference stream (whose dictionary is never
    # compressed) refuses a big file before pypdf spends time on it; a file whose /Size
    # lies still meets pypdf's own cap on cross-reference stream entries (a few revisions
    # of OBJECT_LIMIT), which makes it invalid.
    if any(int(size) > OBJECT_LIMIT for size in _SIZE.findall(content)):
        raise LimitReachedError("too many objects")
    reader = PdfReader(BytesIO(content), strict=False, xref_stream_maximum_entries=4 * OBJECT_LIMIT)
    if reader.is_encrypted:
        raise _Encrypted
    listed = sum(len(objects) for objects in reader.xref.values()) + len(reader.xref_objStm)
    if listed > OBJECT_LIMIT:
        raise LimitReachedError("too many objects")
    walker = _Walker(reader, limit=limit)
    walker.walk(reader.trailer)
    for reference in _indirect_references(reader):
        walker.walk(reference)
    for orphan in _orphan_objects(content, reader):
        walker.walk(orphan)


def check_pdf(content: bytes, *, inflate_limit: int = INFLATE_LIMIT) -> None:
    """Raise a ValidationError unless CONTENT is a PDF without active content."""
    if not content.startswith(b"%PDF-"):
        raise ValidationError(MESSAGE_INVALID_PDF, code="invalid_pdf")
    _scan_bytes(content, limit=inflate_limit)

    limit = max(inflate_limit, 1)
    limits = {
        "maximum_declared_stream_length": min(limit, max(len(content), 1)),
        "array_based_stream_maximum_output_length": limit,
        "jbig2_maximum_output_length": limit,
        "lzw_maximum_output_length": limit,
        "run_length_maximum_output_length": limit,
        "zlib_maximum_output_length": limit,
        "brotli_maximum_output_length": limit,
        "image_maximum_buffer_size": limit,
        "stream_decoding_work_maximum_length": 2 * limit + len(content),
        "jbig2dec_binary": None,  # never start an external program for an upload
    }
    error = None
    try:
        with apply_configuration(**limits):
            _parse_check(content, limit=limit)
    except _ActiveContent:
        error = ValidationError(MESSAGE_ACTIVE_CONTENT, code="pdf_active_content")
    except _Encrypted:
        error = ValidationError(MESSAGE_ENCRYPTED, code="pdf_encrypted")
    except (LimitReachedError, MemoryError, RecursionError):
        error = ValidationError(MESSAGE_TOO_COMPLEX, code="pdf_too_complex")
    except Exception:  # noqa: BLE001 - hostile input: any parser failure is a refusal
        error = ValidationError(MESSAGE_INVALID_PDF, code="invalid_pdf")
    if error is not None:
        raise error
