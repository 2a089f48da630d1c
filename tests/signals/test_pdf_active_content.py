"""PDF uploads without hidden active content: crafted samples of every hiding place.

Each sample is built here, by hand or with pypdf's writer, and exists in two forms where
that makes sense: plainly written, and hidden in a compressed object stream (PDF 1.5) with
a cross-reference stream, so neither the byte scan nor a zlib pass sees the names.
"""

import base64
import io
import uuid
import zlib
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.filters import ASCII85Decode, LZWDecode, RunLengthDecode
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from samos.accounts.roles import Role
from samos.documents.rendering import render_pdf
from signals.models import Attachment, Signal
from signals.uploads import pdf as pdf_module
from signals.uploads import validate_upload
from signals.uploads.pdf import INFLATE_LIMIT, _scan_bytes, check_pdf
from tests.factories import AreaFactory, SourceKindFactory, ThemeFactory

# --- encoders for the standard filters -----------------------------------------------------


def ascii_hex(data: bytes) -> bytes:
    return data.hex().encode() + b">"


def ascii85(data: bytes) -> bytes:
    return base64.a85encode(data) + b"~>"


def run_length(data: bytes, *, run: int = 3) -> bytes:
    """Literal runs only (length byte n - 1, then n bytes), then EOD (128). Short runs, so
    a length byte splits every name and the raw bytes show none."""
    chunks = (data[i : i + run] for i in range(0, len(data), run))
    return b"".join(bytes([len(chunk) - 1]) + chunk for chunk in chunks) + b"\x80"


def lzw(data: bytes) -> bytes:
    """A small PDF LZW encoder (EarlyChange 1): clear code, 9- to 12-bit codes, EOD.

    The encoder is one table entry ahead of the decoder, so it widens its codes when the
    table reaches 2**width entries, one later than the decoder's 2**width - 1. Inputs
    stay below a full 12-bit table, so no second clear code is needed.
    """
    table = {bytes([i]): i for i in range(256)}
    codes, word, next_code, width = [(256, 9)], b"", 258, 9
    for byte in data:
        candidate = word + bytes([byte])
        if candidate in table:
            word = candidate
            continue
        codes.append((table[word], width))
        table[candidate] = next_code
        next_code += 1
        if next_code >= 1 << width:
            width += 1
        word = bytes([byte])
    if word:
        codes.append((table[word], width))
    codes.append((257, width))
    assert next_code < 4095, "input too long for this encoder"
    bits = "".join(f"{code:0{size}b}" for code, size in codes)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


def hex_of_flate(data: bytes) -> bytes:
    return ascii_hex(zlib.compress(data))


# (name, /Filter value, encoder)
FILTERS: list[tuple[str, bytes, Callable[[bytes], bytes]]] = [
    ("flate", b"/FlateDecode", zlib.compress),
    ("asciihex", b"/ASCIIHexDecode", ascii_hex),
    ("ascii85", b"/ASCII85Decode", ascii85),
    ("lzw", b"/LZWDecode", lzw),
    ("runlength", b"/RunLengthDecode", run_length),
    ("hex+flate", b"[/ASCIIHexDecode /FlateDecode]", hex_of_flate),
]


def test_the_encoders_match_the_decoders():
    sample = b"<< /S /JavaScript /JS (app.alert(1)) >> " * 3
    assert ASCII85Decode.decode(ascii85(sample)) == sample
    assert LZWDecode.decode(lzw(sample)) == sample
    longer = bytes(range(256)) * 4 + sample * 20  # codes of 9, 10 and 11 bits
    assert LZWDecode.decode(lzw(longer)) == longer
    assert RunLengthDecode.decode(run_length(sample)) == sample
    assert RunLengthDecode.decode(run_length(sample, run=128)) == sample


# --- PDF builders --------------------------------------------------------------------------


def sample_objects(*, catalog: bytes = b"", page: bytes = b"", extra: tuple = ()) -> list:
    """Objects 1 (catalog), 2 (pages), 3 (page) and EXTRA from 4 on."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + page + b">>",
        *extra,
    ]


def classic_pdf(objects: list[bytes]) -> bytes:
    """Objects numbered from 1, a classic xref table, /Root 1 0 R."""
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def is_stream(obj: bytes) -> bool:
    return b"stream\n" in obj


def object_stream_pdf(
    objects: list[bytes], *, filters: bytes, encode: Callable[[bytes], bytes]
) -> bytes:
    """OBJECTS (numbered from 1) in one object stream, encoded with FILTERS, and a
    cross-reference stream. Streams cannot live in an object stream; they stay plain."""
    count = len(objects)
    objstm, xref_number = count + 1, count + 2
    packed = [n for n, obj in enumerate(objects, start=1) if not is_stream(obj)]
    header, body = b"", b""
    for number in packed:
        header += b"%d %d " % (number, len(body))
        body += objects[number - 1] + b"\n"
    encoded = encode(header + body)

    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets: dict[int, int] = {}
    for number, obj in enumerate(objects, start=1):
        if number not in packed:
            offsets[number] = len(out)
            out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    offsets[objstm] = len(out)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter %s /Length %d >>\nstream\n" % (
        objstm,
        len(packed),
        len(header),
        filters,
        len(encoded),
    )
    out += encoded + b"\nendstream\nendobj\n"

    offsets[xref_number] = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff"]
    for number in range(1, xref_number + 1):
        if number in packed:
            rows.append(b"\x02" + objstm.to_bytes(4, "big") + packed.index(number).to_bytes(2))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    data = b"".join(rows)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % (
        xref_number,
        xref_number + 1,
        len(data),
    )
    out += data + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return out


def plain_stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def flate_stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + (
        packed + b"\nendstream"
    )


def refused(content: bytes, **options) -> str:
    with pytest.raises(ValidationError) as excinfo:
        check_pdf(content, **options)
    return excinfo.value.code


def link(action: bytes) -> tuple:
    """A page with one link annotation (object 4) whose action is object 5."""
    return (
        b"/Annots [4 0 R]",
        (b"<< /Type /Annot /Subtype /Link /Rect [10 10 60 30] /A 5 0 R >>", action),
    )


def _link_sample(action: bytes) -> list[bytes]:
    page, extra = link(action)
    return sample_objects(page=page, extra=extra)


def _annotation(subtype: bytes, extra: bytes = b"") -> list[bytes]:
    return sample_objects(
        page=b"/Annots [4 0 R]",
        extra=(b"<< /Type /Annot /Subtype /" + subtype + b" /Rect [0 0 50 50] " + extra + b">>",),
    )


JS_ACTION = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"

# Every hiding place: (id, objects). None of these may pass, in any form.
HIDING_PLACES = {
    "openaction-javascript": sample_objects(catalog=b"/OpenAction 4 0 R", extra=(JS_ACTION,)),
    "link-javascript": _link_sample(JS_ACTION),
    "hex-escaped-names": _link_sample(b"<< /S /J#61va#53cript /#4A#53 (app.alert\\(1\\)) >>"),
    "link-launch": _link_sample(b"<< /S /Launch /F (C:\\\\Windows\\\\calc.exe) >>"),
    "link-submitform": _link_sample(b"<< /S /SubmitForm /F (https://example.org/) >>"),
    "link-importdata": _link_sample(b"<< /S /ImportData /F (data.fdf) >>"),
    "link-gotoe": _link_sample(b"<< /S /GoToE /T << /R /C /N (x) >> >>"),
    "next-chain-javascript": _link_sample(
        b"<< /S /URI /URI (https://example.org/) /Next " + JS_ACTION + b" >>"
    ),
    "embeddedfiles-name-tree": sample_objects(
        catalog=b"/Names << /EmbeddedFiles << /Names [(rapport.exe) 4 0 R] >> >>",
        extra=(
            b"<< /Type /Filespec /F (rapport.exe) /UF (rapport.exe) /EF << /F 5 0 R >> >>",
            plain_stream(b"MZ not really a program", b"/Type /EmbeddedFile "),
        ),
    ),
    "filespec-ef-without-type": sample_objects(
        extra=(b"<< /Type /Filespec /F (a.txt) /EF << /F 5 0 R >> >>", plain_stream(b"hi")),
    ),
    "fileattachment-annotation": _annotation(
        b"FileAttachment", b"/FS << /Type /Filespec /F (a.txt) >> "
    ),
    "movie-annotation": _annotation(b"Movie"),
    "sound-annotation": _annotation(b"Sound"),
    "screen-annotation": _annotation(b"Screen"),
    "richmedia-annotation": _annotation(b"RichMedia"),
    "3d-annotation": _annotation(b"3D"),
    "widget-annotation": _annotation(b"Widget", b"/FT /Btn /T (knop) "),
    "acroform-field": sample_objects(
        catalog=b"/AcroForm << /Fields [4 0 R] >>",
        extra=(b"<< /FT /Tx /T (naam) /V (Jan) >>",),
    ),
    "xfa": sample_objects(catalog=b"/NeedsRendering true", extra=(b"<< /XFA 5 0 R >>", b"1")),
    "page-aa-uri": sample_objects(
        page=b"/AA << /O 4 0 R >>", extra=(b"<< /S /URI /URI (https://example.org/t) >>",)
    ),
    "openaction-uri": sample_objects(
        catalog=b"/OpenAction << /S /URI /URI (https://example.org/t) >>"
    ),
    "openaction-goto-remote": sample_objects(
        catalog=b"/OpenAction << /S /GoToR /F (\\\\\\\\evil\\\\share\\\\x.pdf) /D [0 /Fit] >>"
    ),
    "openaction-goto-with-next": sample_objects(
        catalog=b"/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /Named /N /Print >> >>"
    ),
    "catalog-aa": sample_objects(catalog=b"/AA << /WC << /S /Named /N /Quit >> >>"),
}


@pytest.mark.parametrize("objects", HIDING_PLACES.values(), ids=HIDING_PLACES.keys())
def test_plain_hiding_places_are_refused(objects):
    assert refused(classic_pdf(objects)) == "pdf_active_content"


@pytest.mark.parametrize("objects", HIDING_PLACES.values(), ids=HIDING_PLACES.keys())
def test_hiding_places_inside_an_asciihex_object_stream_are_refused(objects):
    content = object_stream_pdf(objects, filters=b"/ASCIIHexDecode", encode=ascii_hex)
    assert refused(content) == "pdf_active_content"


@pytest.mark.parametrize(
    ("filters", "encode"), [f[1:] for f in FILTERS], ids=[f[0] for f in FILTERS]
)
@pytest.mark.parametrize("place", ["openaction-javascript", "link-javascript", "link-launch"])
def test_names_in_object_streams_are_refused_whatever_the_filter(filters, encode, place):
    content = object_stream_pdf(HIDING_PLACES[place], filters=filters, encode=encode)
    assert b"JavaScript" not in content and b"Launch" not in content
    assert refused(content) == "pdf_active_content"


@pytest.mark.parametrize(
    ("filters", "encode"), [f[1:] for f in FILTERS[1:]], ids=[f[0] for f in FILTERS[1:]]
)
def test_the_byte_scan_alone_misses_these_so_the_parse_is_what_refuses_them(filters, encode):
    content = object_stream_pdf(HIDING_PLACES["link-javascript"], filters=filters, encode=encode)
    _scan_bytes(content, limit=INFLATE_LIMIT)  # passes: not a zlib stream
    assert refused(content) == "pdf_active_content"


@pytest.mark.parametrize(
    ("filters", "encode"), [f[1:] for f in FILTERS], ids=[f[0] for f in FILTERS]
)
def test_a_name_hidden_in_a_content_stream_with_any_filter_is_refused(filters, encode):
    """Also an orphan stream nobody references: decoded bytes get the name scan too."""
    data = encode(b"q 1 0 0 1 0 0 cm /JavaScript gs Q")
    stream = b"<< /Length %d /Filter %s >>\nstream\n" % (len(data), filters) + data + b"\nendstream"
    referenced = sample_objects(page=b"/Contents 4 0 R", extra=(stream,))
    assert refused(classic_pdf(referenced)) == "pdf_active_content"
    assert refused(with_orphan(classic_pdf(sample_objects()), stream)) == "pdf_active_content"


def with_orphan(content: bytes, obj: bytes, number: int = 99) -> bytes:
    """CONTENT (a classic PDF) with object NUMBER added before its xref table but not
    listed in it: nothing refers to it, yet a repairing viewer may still find it."""
    hidden = b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    start = content.index(b"xref\n")
    content = content[:start] + hidden + content[start:]
    return content.replace(b"startxref\n%d" % start, b"startxref\n%d" % (start + len(hidden)))


def test_an_object_the_cross_reference_table_does_not_list_is_still_read():
    data = ascii_hex(b"<< /S /Launch /F (calc) >>")
    orphan = b"<< /Filter /ASCIIHexDecode /Length %d >>\nstream\n" % len(data) + data
    content = with_orphan(classic_pdf(sample_objects()), orphan + b"\nendstream")
    check_pdf(classic_pdf(sample_objects()))
    assert refused(content) == "pdf_active_content"
    dictionary = with_orphan(classic_pdf(sample_objects()), b"<< /S /J#61vaScript >>")
    assert refused(dictionary) == "pdf_active_content"


# --- made with pypdf's writer ---------------------------------------------------------------


def writer_pdf(build: Callable[[PdfWriter], None]) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _add_annotation(writer: PdfWriter, annotation: DictionaryObject) -> None:
    writer.add_annotation(page_number=0, annotation=annotation)


def _launch_link(writer: PdfWriter) -> None:
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
    )
    _add_annotation(
        writer,
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 60, 30)]),
                NameObject("/A"): action,
            }
        ),
    )


def _page_aa(writer: PdfWriter) -> None:
    page = writer.pages[0]
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/Named"), NameObject("/N"): NameObject("/Print")}
    )
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})


def _acroform(writer: PdfWriter) -> None:
    field = DictionaryObject(
        {NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("naam")}
    )
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([field]), NameObject("/DA"): TextStringObject("")}
    )


def _file_attachment(writer: PdfWriter) -> None:
    _add_annotation(
        writer,
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/FileAttachment"),
                NameObject("/Rect"): ArrayObject([NumberObject(v) for v in (0, 0, 20, 20)]),
            }
        ),
    )


WRITER_SAMPLES = {
    "javascript": lambda w: w.add_open_action(JavaScript("app.alert('hallo');")),
    "attachment": lambda w: w.add_attachment("factuur.exe", b"MZ\x90\x00"),
    "launch-link": _launch_link,
    "page-aa": _page_aa,
    "acroform": _acroform,
    "file-attachment-annotation": _file_attachment,
}


@pytest.mark.parametrize("build", WRITER_SAMPLES.values(), ids=WRITER_SAMPLES.keys())
def test_pypdf_writer_samples_are_refused(build):
    assert refused(writer_pdf(build)) == "pdf_active_content"


def test_encrypted_pdf_is_refused():
    def encrypt(writer: PdfWriter) -> None:
        writer.encrypt(user_password="", owner_password="geheim", algorithm="RC4-128")

    assert refused(writer_pdf(encrypt)) == "pdf_encrypted"


def test_encryption_named_in_a_compressed_cross_reference_stream_is_refused():
    content = object_stream_pdf(sample_objects(), filters=b"/FlateDecode", encode=zlib.compress)
    content = content.replace(b"/Type /XRef", b"/Type /XRef /Encrypt << /Filter /Standard >>")
    assert refused(content) == "pdf_encrypted"


# --- clean PDFs pass -----------------------------------------------------------------------


def image_xobject() -> bytes:
    pixels = Image.new("RGB", (8, 8), "teal").tobytes()
    return flate_stream(
        pixels,
        b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 ",
    )


def clean_objects() -> list[bytes]:
    content = (
        b"BT /F1 12 Tf 20 150 Td (Spandoeken bij het gemeentehuis) Tj ET "
        b"q 40 0 0 40 20 60 cm /Im1 Do Q"
    )
    return sample_objects(
        catalog=b"/OpenAction [3 0 R /Fit] ",
        page=(
            b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> "
            b"/Annots [7 0 R]"
        ),
        extra=(
            flate_stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            image_xobject(),
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] "
            b"/A << /S /URI /URI (https://www.example.org/) >> >>",
        ),
    )


def weasyprint_pdf(*, archival: bool) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(buffer, "PNG")
    image = base64.b64encode(buffer.getvalue()).decode()
    html = (
        "<h1>Verslag</h1><p>Rond 21:00 hingen er spandoeken.</p>"
        f'<img src="data:image/png;base64,{image}" alt="foto">'
        '<p><a href="https://www.example.org/">bron</a></p>'
    )
    return render_pdf(html, archival=archival)


def pillow_pdf() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "PDF")
    return buffer.getvalue()


CLEAN = {
    "hand-written-text-image-link": lambda: classic_pdf(clean_objects()),
    "goto-openaction": lambda: classic_pdf(
        sample_objects(catalog=b"/OpenAction << /S /GoTo /D [3 0 R /Fit] >>")
    ),
    **{
        f"object-stream-{name}": (
            lambda filters=filters, encode=encode: object_stream_pdf(
                clean_objects(), filters=filters, encode=encode
            )
        )
        for name, filters, encode in FILTERS
    },
    "pypdf-writer": lambda: writer_pdf(lambda writer: None),
    "pillow": pillow_pdf,
    "weasyprint": lambda: weasyprint_pdf(archival=False),
    "weasyprint-pdfa": lambda: weasyprint_pdf(archival=True),
}


@pytest.mark.parametrize("make", CLEAN.values(), ids=CLEAN.keys())
def test_clean_pdfs_with_text_and_images_pass(make):
    check_pdf(make())


# --- broken input and bombs ----------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        classic_pdf(clean_objects())[:700],
        classic_pdf(clean_objects())[:-40],
        object_stream_pdf(clean_objects(), filters=b"/FlateDecode", encode=zlib.compress)[:-60],
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
        b"%PDF-",
    ],
    ids=["truncated", "no-eof", "truncated-xref-stream", "garbage", "header-only"],
)
def test_truncated_or_garbage_pdf_is_refused_as_invalid(content):
    assert refused(content) == "invalid_pdf"


def test_deeply_nested_arrays_are_refused_without_an_exception():
    objects = sample_objects(extra=(b"[" * 50_000 + b"]" * 50_000,))
    assert refused(classic_pdf(objects)) in {"invalid_pdf", "pdf_too_complex"}


def test_a_flate_bomb_is_refused_as_too_complex():
    bomb = classic_pdf(
        sample_objects(page=b"/Contents 4 0 R", extra=(flate_stream(b"\0" * 2_000_000),))
    )
    assert refused(bomb, inflate_limit=1_000_000) == "pdf_too_complex"


@pytest.mark.parametrize(
    ("filters", "encode"),
    [(b"[/ASCIIHexDecode /FlateDecode]", hex_of_flate), (b"/RunLengthDecode", None)],
    ids=["hex+flate", "runlength"],
)
def test_a_bomb_the_byte_scan_cannot_inflate_is_refused_as_too_complex(filters, encode):
    if encode is None:  # 128 copies of one byte in two bytes: 64 x
        data = b"\x81\x00" * 20_000 + b"\x80"
    else:
        data = encode(b"\0" * 2_000_000)
    stream = b"<< /Length %d /Filter %s >>\nstream\n" % (len(data), filters) + data + b"\nendstream"
    bomb = classic_pdf(sample_objects(page=b"/Contents 4 0 R", extra=(stream,)))
    _scan_bytes(bomb, limit=1_000_000)  # the cheap pass cannot see it
    assert refused(bomb, inflate_limit=1_000_000) == "pdf_too_complex"
    check_pdf(bomb, inflate_limit=3_000_000)  # within the limit the same file passes


def test_many_streams_together_pass_the_limit():
    data = ascii_hex(b"\0" * 300_000)
    stream = (
        b"<< /Length %d /Filter /ASCIIHexDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    )
    pdf = classic_pdf(
        sample_objects(page=b"/Contents [4 0 R 5 0 R 6 0 R 7 0 R]", extra=(stream,) * 4)
    )
    assert refused(pdf, inflate_limit=1_000_000) == "pdf_too_complex"
    check_pdf(pdf, inflate_limit=2_000_000)


def test_too_many_objects_is_refused_before_they_are_parsed(monkeypatch):
    content = object_stream_pdf(clean_objects(), filters=b"/FlateDecode", encode=zlib.compress)
    check_pdf(content)
    monkeypatch.setattr(pdf_module, "OBJECT_LIMIT", 5)
    assert refused(content) == "pdf_too_complex"
    assert refused(classic_pdf(clean_objects())) == "pdf_too_complex"


def test_too_many_orphans_or_containers_is_refused(monkeypatch):
    orphans = classic_pdf(sample_objects())
    for number in range(10, 20):
        orphans = with_orphan(orphans, b"<< /Type /Nothing >>", number)
    check_pdf(orphans)
    monkeypatch.setattr(pdf_module, "OBJECT_LIMIT", 8)
    assert refused(orphans) == "pdf_too_complex"
    monkeypatch.setattr(pdf_module, "OBJECT_LIMIT", 50)
    monkeypatch.setattr(pdf_module, "CONTAINER_LIMIT", 3)
    assert refused(classic_pdf(clean_objects())) == "pdf_too_complex"


# --- through the real upload path ---------------------------------------------------------


def test_upload_validation_refuses_names_hidden_in_an_asciihex_object_stream():
    content = object_stream_pdf(
        HIDING_PLACES["openaction-javascript"], filters=b"/ASCIIHexDecode", encode=ascii_hex
    )
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(SimpleUploadedFile("brief.pdf", content, "application/pdf"))
    assert excinfo.value.code == "pdf_active_content"
    assert "actieve inhoud" in excinfo.value.messages[0]


@pytest.mark.django_db
def test_signal_form_refuses_the_hidden_pdf_and_saves_nothing(client, verified_login, settings):
    verified_login(client, Role.SIGNALEERDER)
    kern = AreaFactory(name="Oldenmere")
    buurt = AreaFactory(name="Merepolder", kind="buurt", parent=kern)
    content = object_stream_pdf(
        HIDING_PLACES["link-javascript"], filters=b"/ASCIIHexDecode", encode=ascii_hex
    )
    form_data = {
        "observation": "Rond 21:00 hingen er spandoeken tegen de komst van het azc.",
        "observed_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "area": buurt.pk,
        "themes": [ThemeFactory(name="Asielopvang").pk],
        "source_kind": SourceKindFactory().pk,
        "channel": "offline",
        "urgency": "midden",
        "confidentiality": "intern",
        "submission_token": str(uuid.uuid4()),
        "attachments": [SimpleUploadedFile("pamflet.pdf", content, "application/pdf")],
    }
    response = client.post(reverse("signals:signal_create"), form_data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["attachments"])
    assert "pamflet.pdf: Deze PDF bevat actieve inhoud" in errors
    assert Signal.objects.count() == 0
    assert Attachment.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))
