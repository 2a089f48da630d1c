"""Attachment handling: allowlist, bombs, sanitising, private storage, downloads, ClamAV."""

import functools
import io
import os
import re
import socket
import struct
import tempfile
import threading
import time
import zlib

import pytest
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from freezegun import freeze_time
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from signals.uploads import (
    attachment_response,
    delete_private_file,
    safe_download_name,
    sanitise_image,
    sanitised_content,
    scan_for_viruses,
    store_private_file,
    validate_upload,
)
from signals.uploads.pdf import check_pdf

# --- helpers -------------------------------------------------------------------------------


def image_bytes(fmt: str, *, size=(64, 48), mode="RGB", color="teal", **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, fmt, **save_options)
    return buffer.getvalue()


def noise_image(fmt: str, *, size=(200, 200)) -> bytes:
    """An image that does not compress: its size is predictable from its pixel count."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    # The browser's content type is attacker-controlled; claim something harmless.
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def refused_code(uploaded, **options) -> str:
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(uploaded, **options)
    return excinfo.value.code


def pdf_bytes(*objects: bytes) -> bytes:
    """A small, well-formed PDF with the given extra objects (numbered from 4)."""
    body = [
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n",
    ]
    body += [b"%d 0 obj\n" % (n + 4) + obj + b"\nendobj\n" for n, obj in enumerate(objects)]
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for part in body:
        offsets.append(len(out))
        out += part
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref)
    return out


def flate_stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + (
        packed + b"\nendstream"
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def png_bomb(side: int) -> bytes:
    """A real, fully decodable 1-bit black PNG of SIDE × SIDE pixels that compresses ~1000×."""
    row = b"\0" * (1 + (side + 7) // 8)
    compressor = zlib.compressobj(9)
    rows_per_block = 100
    parts = [compressor.compress(row * rows_per_block) for _ in range(side // rows_per_block)]
    parts.append(compressor.compress(row * (side % rows_per_block)) + compressor.flush())
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


# --- accepted files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("foto.jpg", image_bytes("JPEG"), "image/jpeg", "jpg"),
        ("Foto.JPEG", image_bytes("JPEG"), "image/jpeg", "jpg"),
        ("scherm.png", image_bytes("PNG"), "image/png", "png"),
        ("pamflet.webp", image_bytes("WEBP"), "image/webp", "webp"),
        ("brief.pdf", image_bytes("PDF"), "application/pdf", "pdf"),
        (
            "hand.PDF",
            pdf_bytes(flate_stream(b"BT /F1 12 Tf (Hallo) Tj ET")),
            "application/pdf",
            "pdf",
        ),
    ],
)
def test_accepts_the_allowlisted_kinds(name, content, content_type, extension):
    result = validate_upload(upload(name, content))
    assert result.content_type == content_type
    assert result.extension == extension
    assert result.content == content
    assert result.size == len(content)
    assert result.download_name.endswith(f".{extension}")
    if content_type.startswith("image/"):
        assert (result.width, result.height) == (64, 48)


def test_declared_size_is_checked_before_anything_is_read():
    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("content was read")

    huge = UploadedFile(file=Unreadable(), name="foto.jpg", size=10**9)
    assert refused_code(huge, max_bytes=1000) == "too_large"


def test_size_limit_comes_from_settings_and_a_lying_size_does_not_help(settings):
    settings.SAMOS_UPLOAD_MAX_BYTES = 500
    content = noise_image("PNG")
    assert len(content) > 500
    liar = UploadedFile(file=io.BytesIO(content), name="a.png", size=10)
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(liar)
    assert excinfo.value.code == "too_large"
    assert "te groot" in excinfo.value.messages[0]


def test_oversized_file_is_refused_with_a_dutch_message():
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(upload("foto.png", image_bytes("PNG")), max_bytes=100)
    assert excinfo.value.code == "too_large"
    assert excinfo.value.messages == ["Het bestand is te groot. Het maximum is 100\xa0bytes."]


def test_empty_file_is_refused():
    assert refused_code(upload("leeg.pdf", b"")) == "empty"


# --- refused kinds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.jpg", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        ("foto.jpg", b"<script>alert(document.cookie)</script>"),
        ("anim.gif", image_bytes("GIF")),
        ("anim.jpg", image_bytes("GIF")),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("setup.exe", b"\x7fELF\x02\x01\x01" + b"\x00" * 200),
        ("bmp.png", image_bytes("BMP")),
        ("tiff.jpg", image_bytes("TIFF")),
        ("archief.pdf", b"PK\x03\x04" + b"\x00" * 100),
    ],
)
def test_refuses_content_outside_the_allowlist(name, content):
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(upload(name, content))
    assert excinfo.value.code == "unsupported_type"
    assert "JPEG, PNG of WebP" in excinfo.value.messages[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.pdf", image_bytes("PNG")),
        ("foto.png", image_bytes("JPEG")),
        ("foto.jpg", image_bytes("WEBP")),
        ("brief.jpg", image_bytes("PDF")),
        ("foto", image_bytes("PNG")),
        ("foto.png.exe", image_bytes("PNG")),
        ("foto.html", image_bytes("PNG")),
    ],
)
def test_refuses_an_extension_that_does_not_match_the_content(name, content):
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(upload(name, content))
    assert excinfo.value.code == "extension_mismatch"
    assert "extensie" in excinfo.value.messages[0]


def test_a_broken_image_is_a_message_not_a_crash():
    import weasyprint  # noqa: F401, TID251  (it relaxes a Pillow flag on import)

    truncated = noise_image("PNG")[:-400]
    assert refused_code(upload("kapot.png", truncated)) == "invalid_image"
    header_only = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    assert refused_code(upload("kapot.jpg", header_only)) == "invalid_image"


# --- decompression bombs -------------------------------------------------------------------


def test_a_real_decompression_bomb_is_refused_before_decoding():
    bomb = png_bomb(50_000)  # 2.5 gigapixels (~2.5 GB decoded) in about 300 KB
    assert len(bomb) < 400_000
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(upload("bom.png", bomb))
    assert excinfo.value.code == "image_too_large"
    assert "megapixel" in excinfo.value.messages[0]


def test_pillows_bomb_warning_is_turned_into_a_refusal():
    # 100 megapixels: above Pillow's warning threshold (~89 MP), below its error threshold;
    # our own limit is raised out of the way so only the warning can refuse it.
    bomb = png_bomb(10_000)
    assert Image.MAX_IMAGE_PIXELS < 10_000 * 10_000 < 2 * Image.MAX_IMAGE_PIXELS
    assert refused_code(upload("bom.png", bomb), max_pixels=10**10) == "image_too_large"


def test_our_own_pixel_limit_applies_from_settings_and_parameter(settings):
    content = image_bytes("PNG", size=(100, 100))
    assert refused_code(upload("a.png", content), max_pixels=9_999) == "image_too_large"
    assert validate_upload(upload("a.png", content), max_pixels=10_000).width == 100
    settings.SAMOS_UPLOAD_MAX_PIXELS = 5_000
    assert refused_code(upload("a.png", content)) == "image_too_large"
    with pytest.raises(ValidationError):
        sanitise_image(content, content_type="image/png")


# --- PDFs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra_object",
    [
        b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>",
        b"<< /OpenAction << /S /JavaScript /JS 5 0 R >> >>",
        b"<< /AA << /O << /JS(app.alert(1)) >> >> >>",
        b"<< /Type /Action /S /Launch /F (cmd.exe) >>",
        b"<< /Type /EmbeddedFile /Length 0 >>",
        b"<< /Names << /EmbeddedFiles 6 0 R >> >>",
        b"<< /S /J#61va#53cript /JS (x) >>",  # names may spell characters as #xx
        flate_stream(b"<< /S /JavaScript /JS (app.alert(1)) >>", b"/Type /ObjStm /N 1 /First 0 "),
        flate_stream(b"9 0 obj << /S /L#61unch /F (calc) >> endobj"),
    ],
)
def test_pdf_with_active_content_is_refused(extra_object):
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(upload("brief.pdf", pdf_bytes(extra_object)))
    assert excinfo.value.code == "pdf_active_content"
    assert "actieve inhoud" in excinfo.value.messages[0]


def test_pdf_check_ignores_look_alike_names_and_text():
    harmless = pdf_bytes(
        b"<< /JSON (x) /Launcher 1 /MyJavaScriptLib 2 >>",
        flate_stream(b"BT (Geen /JavaScriptje hier) Tj ET"),
    )
    assert validate_upload(upload("brief.pdf", harmless)).content_type == "application/pdf"


def test_pdf_must_start_with_the_pdf_header():
    assert refused_code(upload("brief.pdf", b"  \n" + pdf_bytes())) == "invalid_pdf"


def test_encrypted_pdf_cannot_be_checked_and_is_refused():
    encrypted = pdf_bytes().replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 4 0 R")
    assert refused_code(upload("geheim.pdf", encrypted)) == "pdf_encrypted"


def test_pdf_that_inflates_beyond_the_limit_is_refused():
    zip_bomb = pdf_bytes(flate_stream(b"\0" * 2_000_000))
    with pytest.raises(ValidationError) as excinfo:
        check_pdf(zip_bomb, inflate_limit=1_000_000)
    assert excinfo.value.code == "pdf_too_complex"
    check_pdf(zip_bomb, inflate_limit=3_000_000)  # the same file within the limit passes


def test_pdf_scan_sees_a_name_split_over_inflate_chunks():
    filler = b"0 0 m 1 1 l S\n" * 4681  # 65534 bytes: "/JavaScript" straddles 64 KiB
    with pytest.raises(ValidationError):
        check_pdf(pdf_bytes(flate_stream(filler + b"/JavaScript")))


# --- sanitising ----------------------------------------------------------------------------


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "SpyPhone"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (52.0, 22.0, 1.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (4.0, 53.0, 2.5),
    }
    return exif


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("JPEG", "image/jpeg"), ("WEBP", "image/webp"), ("PNG", "image/png")]
)
def test_sanitising_drops_exif_gps_and_all_other_metadata(fmt, content_type):
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    options = {"exif": gps_exif(), "icc_profile": icc, "xmp": b"<x:xmpmeta>GEHEIM-XMP</x:xmpmeta>"}
    if fmt == "JPEG":
        options["comment"] = b"GEHEIM-COMMENT"
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Author", "GEHEIM-TEXT")
        info.add_itxt("XML:com.adobe.xmp", options.pop("xmp").decode())  # PNG keeps XMP here
        options["pnginfo"] = info
    original = image_bytes(fmt, **options)
    before = Image.open(io.BytesIO(original))
    assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the fixture really has GPS
    assert b"SpyPhone" in original and b"GEHEIM-XMP" in original

    clean = sanitise_image(original, content_type=content_type)
    after = Image.open(io.BytesIO(clean))
    assert after.format == fmt
    assert dict(after.getexif()) == {}
    assert after.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert "icc_profile" not in after.info and "xmp" not in after.info
    assert "comment" not in after.info and "Author" not in after.info
    # EXIF lives in a JPEG "Exif" segment, a PNG eXIf chunk or a WebP EXIF chunk.
    markers = (b"Exif", b"eXIf", b"EXIF", b"GPS", b"SpyPhone", b"GEHEIM", b"xmpmeta", b"XMP ")
    for marker in markers + (b"ICC_PROFILE", b"iCCP", b"ICCP"):
        assert marker not in clean


def test_exif_orientation_is_applied_before_the_metadata_goes():
    image = Image.new("RGB", (40, 20), "red")
    image.paste((0, 0, 255), (20, 0, 40, 20))  # left red, right blue
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=gps_exif(orientation=6), quality=95)  # "rotate 90° cw"
    clean = Image.open(io.BytesIO(sanitise_image(buffer.getvalue(), content_type="image/jpeg")))
    assert clean.size == (20, 40)
    top, bottom = clean.getpixel((10, 5)), clean.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60  # red went to the top
    assert bottom[2] > 200 and bottom[0] < 60


@pytest.mark.filterwarnings("ignore::UserWarning:PIL.TiffImagePlugin")
@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.sampled_from(
        [
            ("a.png", image_bytes("PNG")),
            ("a.jpg", image_bytes("JPEG")),
            ("a.webp", image_bytes("WEBP")),
            ("exif.jpg", image_bytes("JPEG", exif=gps_exif(orientation=6))),
            ("exif.webp", image_bytes("WEBP", exif=gps_exif(orientation=3))),
            ("exif.png", image_bytes("PNG", exif=gps_exif(orientation=8))),
        ]
    ),
    cut=st.integers(min_value=1, max_value=2000),
    flips=st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 255)), max_size=8),
)
def test_mangled_images_only_ever_raise_validation_errors(source, cut, flips):
    name, content = source
    mangled = bytearray(content[: max(1, len(content) - cut)] if cut % 3 == 0 else content)
    for position, value in flips:
        if position < len(mangled):
            mangled[position] = value
    try:
        result = validate_upload(upload(name, bytes(mangled)))
    except ValidationError:
        return
    # Whatever passed must also survive sanitising.
    assert sanitised_content(result)


@pytest.mark.filterwarnings("ignore::UserWarning:PIL.TiffImagePlugin")
@pytest.mark.parametrize(
    ("exif", "size"),
    [
        (b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\xff\xff" + b"\x01" * 40, (40, 20)),
        (b"Exif\x00\x00XX" + b"\x00" * 10, (40, 20)),
        (  # a hand-made little-endian block holding only "orientation 6"
            b"Exif\x00\x00II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00"
            b"\x00\x00\x06\x00\x00\x00\x00\x00\x00\x00",
            (20, 40),
        ),
    ],
)
def test_a_mangled_exif_block_is_dropped_without_a_crash(exif, size):
    content = image_bytes("JPEG", size=(40, 20), exif=exif)
    clean = sanitise_image(content, content_type="image/jpeg")
    assert b"Exif" not in clean
    assert Image.open(io.BytesIO(clean)).size == size


@pytest.mark.parametrize(
    ("fmt", "name", "content_type"),
    [
        ("PNG", "x.png", "image/png"),
        ("JPEG", "x.jpg", "image/jpeg"),
        ("WEBP", "x.webp", "image/webp"),
    ],
)
def test_a_polyglot_comes_out_as_a_plain_image(fmt, name, content_type):
    payload = b"<script>alert(1)</script><html><body onload=alert(2)>"
    polyglot = image_bytes(fmt) + payload
    upload_result = validate_upload(upload(name, polyglot))  # a valid image, so accepted
    clean = sanitised_content(upload_result)
    assert b"<script" not in clean and b"alert" not in clean and b"<html" not in clean
    assert Image.open(io.BytesIO(clean)).format == fmt
    if fmt == "PNG":
        assert clean.endswith(b"IEND\xaeB`\x82")  # nothing after the last chunk
    if fmt == "JPEG":
        assert clean.endswith(b"\xff\xd9")


def test_png_text_chunk_with_script_is_gone_and_transparency_stays():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    image = Image.new("RGBA", (10, 10), (255, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)
    clean = sanitise_image(buffer.getvalue(), content_type="image/png")
    assert b"<script" not in clean
    assert Image.open(io.BytesIO(clean)).getpixel((0, 0))[3] == 0


def test_large_images_are_downscaled_to_the_long_side_limit(settings):
    content = image_bytes("JPEG", size=(5000, 1000))
    assert Image.open(io.BytesIO(sanitise_image(content, content_type="image/jpeg"))).size == (
        4000,
        800,
    )
    settings.SAMOS_UPLOAD_MAX_IMAGE_SIDE = 0  # 0: keep the size
    assert Image.open(io.BytesIO(sanitise_image(content, content_type="image/jpeg"))).size == (
        5000,
        1000,
    )
    small = sanitise_image(content, content_type="image/jpeg", max_side=500)
    assert Image.open(io.BytesIO(small)).size == (500, 100)


def test_pdfs_are_stored_as_checked_and_other_types_are_not_re_encoded():
    pdf = pdf_bytes()
    assert sanitised_content(validate_upload(upload("a.pdf", pdf))) == pdf
    with pytest.raises(ValueError):
        sanitise_image(pdf, content_type="application/pdf")


# --- private storage -----------------------------------------------------------------------


@freeze_time("2026-03-15 10:00:00")
def test_stored_files_land_under_media_root_with_random_names(settings):
    root = settings.MEDIA_ROOT
    first = store_private_file(b"een", extension="jpg")
    second = store_private_file(b"twee", extension="JPG")
    assert re.fullmatch(r"attachments/2026/03/[A-Za-z0-9_-]{32}\.jpg", first)
    assert re.fullmatch(r"attachments/2026/03/[A-Za-z0-9_-]{32}\.jpg", second)
    assert first != second
    assert (root / first).read_bytes() == b"een"
    assert oct((root / first).stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in (root / "attachments/2026/03").iterdir()) == sorted(
        [first.rsplit("/", 1)[1], second.rsplit("/", 1)[1]]
    )  # no temporary files left behind
    assert store_private_file(b"x", extension="pdf", folder="documents").startswith(
        "documents/2026/03/"
    )


def test_the_users_file_name_never_reaches_the_disk(settings):
    result = validate_upload(upload("Jan de Vries Dorpsstraat 12.png", image_bytes("PNG")))
    path = store_private_file(sanitised_content(result), extension=result.extension)
    assert "Vries" not in path and "Dorpsstraat" not in path
    stored = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert [p.relative_to(settings.MEDIA_ROOT).as_posix() for p in stored] == [path]
    assert result.download_name == "Jan de Vries Dorpsstraat 12.png"  # kept for downloads only


@pytest.mark.parametrize("extension", ["", "p/df", "../x", "pdf\x00", "html.", "a" * 11])
def test_store_refuses_unsafe_extensions(extension):
    with pytest.raises(ValueError):
        store_private_file(b"x", extension=extension)


@pytest.mark.parametrize("folder", ["", "/etc", "../outside", "a/../../b", "A", "a//b"])
def test_store_refuses_unsafe_folders(folder):
    with pytest.raises(ValueError):
        store_private_file(b"x", extension="pdf", folder=folder)


def test_delete_removes_and_ignores_missing_files(settings):
    path = store_private_file(b"weg", extension="pdf")
    assert delete_private_file(path) is True
    assert not (settings.MEDIA_ROOT / path).exists()
    assert delete_private_file(path) is False


@pytest.mark.parametrize(
    "hostile",
    ["../victim.txt", "attachments/../../victim.txt", "/etc/passwd", "", ".", "a/\x00/b"],
)
def test_delete_refuses_paths_that_escape_media_root(settings, hostile):
    victim = settings.MEDIA_ROOT.parent / "victim.txt"
    victim.write_text("keep me")
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    with pytest.raises(SuspiciousFileOperation):
        delete_private_file(hostile)
    assert victim.read_text() == "keep me"


def test_delete_refuses_a_symlink_that_points_outside(settings):
    victim = settings.MEDIA_ROOT.parent / "victim.txt"
    victim.write_text("keep me")
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "link.pdf").symlink_to(victim)
    with pytest.raises(SuspiciousFileOperation):
        delete_private_file("link.pdf")
    assert victim.exists()


# --- download names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "extension", "expected"),
    [
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\cmd.exe", "pdf", "cmd.exe.pdf"),
        ("a\r\nContent-Type: text/html.pdf", "pdf", "html.pdf"),
        ("a\r\nContent-Type text-html.pdf", "pdf", "a Content-Type text-html.pdf"),
        ('"; filename=evil.exe', "pdf", "filename_evil.exe.pdf"),
        ("Bewonersbrief Oost – ü.pdf", "pdf", "Bewonersbrief Oost - ü.pdf"),
        ("Foto.JPEG", "jpg", "Foto.jpg"),
        ("foto.png", "jpg", "foto.png.jpg"),
        ("\u202egpj.exe", "jpg", "gpj.exe.jpg"),  # right-to-left override removed
        ("", "pdf", "bijlage.pdf"),
        ("...", "pdf", "bijlage.pdf"),
        ("\"'<>|*?", "pdf", "bijlage.pdf"),
        ("CON.pdf", "pdf", "bijlage.pdf"),
        ("ünïcødé 名前.webp", "webp", "ünïcødé 名前.webp"),
    ],
)
def test_safe_download_name_examples(original, extension, expected):
    assert safe_download_name(original, fallback="bijlage.pdf", extension=extension) == expected


def test_safe_download_name_limits_length_and_uses_the_fallbacks_extension():
    long = safe_download_name("x" * 500 + ".pdf", fallback="bijlage.pdf")
    assert len(long) == 100 and long.endswith(".pdf")
    assert safe_download_name("", fallback="bijlage.png") == "bijlage.png"


@hypothesis_settings(max_examples=500, deadline=None)
@given(
    original=st.text(max_size=300),
    extension=st.sampled_from(["jpg", "png", "webp", "pdf"]),
)
def test_safe_download_name_is_always_safe(original, extension):
    name = safe_download_name(original, fallback=f"bijlage.{extension}", extension=extension)
    for forbidden in ("/", "\\", "\r", "\n", '"', "\x00", "\u202e"):
        assert forbidden not in name
    assert all(character.isprintable() for character in name)
    assert name.endswith(f".{extension}")
    assert len(name) <= 100
    assert not name.startswith((".", "-", " "))
    assert len(name) > len(extension) + 1


# --- download responses --------------------------------------------------------------------


def close_file(response) -> None:
    # Not response.close(): that sends request_finished, which touches the database
    # connection, and these tests run without one.
    response.file_to_stream.close()


def response_body(response) -> bytes:
    try:
        return b"".join(response.streaming_content)
    finally:
        close_file(response)


def test_attachment_response_headers():
    path = store_private_file(image_bytes("PNG"), extension="png")
    response = attachment_response(path=path, download_name="scherm.png", content_type="image/png")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="scherm.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response_body(response) == image_bytes("PNG")


def test_attachment_response_non_ascii_name_uses_rfc_6266_filename_star():
    path = store_private_file(pdf_bytes(), extension="pdf")
    response = attachment_response(
        path=path, download_name="Bewonersbrief Oost – ü.pdf", content_type="application/pdf"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="Bewonersbrief Oost - u.pdf"; '
        "filename*=UTF-8''Bewonersbrief%20Oost%20-%20%C3%BC.pdf"
    )
    close_file(response)


def test_attachment_response_ascii_fallback_never_loses_the_extension():
    path = store_private_file(image_bytes("WEBP"), extension="webp")
    response = attachment_response(path=path, download_name="名前.webp", content_type="image/webp")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"bijlage.webp\"; filename*=UTF-8''%E5%90%8D%E5%89%8D.webp"
    )
    close_file(response)


def test_attachment_response_sanitises_a_hostile_name_and_unknown_types():
    path = store_private_file(b"<html><script>alert(1)</script>", extension="pdf")
    response = attachment_response(
        path=path, download_name='x"\r\nSet-Cookie: a=b.html', content_type="text/html"
    )
    assert response["Content-Type"] == "application/octet-stream"
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert disposition.count('"') == 2
    close_file(response)


def test_attachment_response_refuses_escapes_and_missing_files(settings):
    (settings.MEDIA_ROOT.parent / "secret.txt").write_text("x")
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    with pytest.raises(SuspiciousFileOperation):
        attachment_response(
            path="../secret.txt", download_name="a.pdf", content_type="application/pdf"
        )
    with pytest.raises(Http404):
        attachment_response(
            path="attachments/nope.pdf", download_name="a.pdf", content_type="application/pdf"
        )


def test_the_sandbox_policy_survives_the_csp_and_no_store_middleware():
    from csp.middleware import CSPMiddleware

    from samos.core.middleware import NoStoreMiddleware

    path = store_private_file(pdf_bytes(), extension="pdf")
    response = attachment_response(path=path, download_name="a.pdf", content_type="application/pdf")
    chain = CSPMiddleware(NoStoreMiddleware(lambda request: response))
    result = chain(RequestFactory().get("/signalen/bijlage/"))
    assert result["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in result["Cache-Control"]
    close_file(result)
    # …whereas an ordinary page gets the site-wide policy.
    page = CSPMiddleware(lambda request: HttpResponse("ok"))(RequestFactory().get("/"))
    assert "sandbox" not in page["Content-Security-Policy"]


# --- ClamAV --------------------------------------------------------------------------------


class FakeClamd:
    """A clamd stand-in on a loopback (or unix) socket that speaks INSTREAM."""

    def __init__(self, reply: bytes | None, *, family=socket.AF_INET, path: str | None = None):
        self.reply = reply
        self.drip = False
        self.received: list[bytes] = []
        self.commands: list[bytes] = []
        self.server = socket.socket(family, socket.SOCK_STREAM)
        if family == socket.AF_INET:
            self.server.bind(("127.0.0.1", 0))
            self.address = f"127.0.0.1:{self.server.getsockname()[1]}"
        else:
            self.server.bind(path)
            self.address = f"unix:{path}"
        self.server.listen(5)
        self.server.settimeout(5)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read_exactly(self, conn, count: int) -> bytes:
        data = b""
        while len(data) < count:
            piece = conn.recv(count - len(data))
            if not piece:
                raise ConnectionError
            data += piece
        return data

    def _serve(self):
        try:
            conn, _ = self.server.accept()
        except OSError:
            return
        with conn:
            try:
                self.commands.append(self._read_exactly(conn, len(b"zINSTREAM\0")))
                stream = b""
                while True:
                    (length,) = struct.unpack(">I", self._read_exactly(conn, 4))
                    if length == 0:
                        break
                    stream += self._read_exactly(conn, length)
                self.received.append(stream)
                if self.drip:  # one byte at a time, each within the socket timeout
                    for byte in b"stream: OK\0":
                        conn.sendall(bytes([byte]))
                        time.sleep(0.3)
                elif self.reply is None:
                    conn.recv(1)  # never answer: the client must time out
                else:
                    conn.sendall(self.reply)
            except OSError:
                pass

    def close(self):
        self.server.close()
        self.thread.join(timeout=5)


@pytest.fixture
def clamd(settings):
    servers = []

    def start(reply, **options):
        server = FakeClamd(reply, **options)
        servers.append(server)
        settings.SAMOS_CLAMAV_ADDRESS = server.address
        settings.SAMOS_CLAMAV_TIMEOUT = 1
        return server

    yield start
    for server in servers:
        server.close()


def test_clean_reply_passes_and_the_stream_arrives_intact(clamd):
    server = clamd(b"stream: OK\0")
    content = os.urandom(200_000)  # more than three 64 KiB chunks
    scan_for_viruses(content)
    server.thread.join(timeout=5)
    assert server.commands == [b"zINSTREAM\0"]
    assert server.received == [content]


def test_found_reply_refuses_and_names_the_virus(clamd):
    clamd(b"stream: Eicar-Test-Signature FOUND\0")
    with pytest.raises(ValidationError) as excinfo:
        scan_for_viruses(b"whatever")
    assert excinfo.value.code == "virus_found"
    assert "Eicar-Test-Signature" in excinfo.value.messages[0]
    assert "virus gevonden" in excinfo.value.messages[0]


UNAVAILABLE = (
    "De virusscanner is niet bereikbaar; het bestand is niet opgeslagen. Probeer het later opnieuw."
)


def test_nothing_listening_fails_closed(settings):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    settings.SAMOS_CLAMAV_ADDRESS = f"127.0.0.1:{port}"
    with pytest.raises(ValidationError) as excinfo:
        scan_for_viruses(b"data")
    assert excinfo.value.code == "virus_scanner_unavailable"
    assert excinfo.value.messages == [UNAVAILABLE]


@pytest.mark.parametrize(
    "reply",
    [
        None,
        b"",
        b"INSTREAM size limit exceeded. ERROR\0",
        b"UNKNOWN COMMAND\0",
        b"stream: FOUND-ish\0",
    ],
)
def test_timeouts_and_garbled_replies_fail_closed(clamd, reply):
    clamd(reply)
    with pytest.raises(ValidationError) as excinfo:
        scan_for_viruses(b"data")
    assert excinfo.value.code == "virus_scanner_unavailable"


def test_a_scanner_that_drips_its_reply_times_out(clamd):
    server = clamd(b"")
    server.drip = True
    with pytest.raises(ValidationError) as excinfo:
        scan_for_viruses(b"data")
    assert excinfo.value.code == "virus_scanner_unavailable"


@pytest.mark.parametrize("address", ["clamd", "clamd:", ":3310", "host:port"])
def test_a_malformed_address_fails_closed(settings, address):
    settings.SAMOS_CLAMAV_ADDRESS = address
    with pytest.raises(ValidationError) as excinfo:
        scan_for_viruses(b"data")
    assert excinfo.value.code == "virus_scanner_unavailable"


def test_unix_socket_address(clamd):
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:  # unix paths are short
        server = clamd(b"stream: OK\0", family=socket.AF_UNIX, path=f"{folder}/clamd.sock")
        scan_for_viruses(b"data")
        server.thread.join(timeout=5)
        assert server.received == [b"data"]


def test_no_address_means_no_scan(settings, monkeypatch):
    settings.SAMOS_CLAMAV_ADDRESS = ""

    def no_connections(*args, **kwargs):
        raise AssertionError("connected to a scanner")

    monkeypatch.setattr(socket, "create_connection", no_connections)
    monkeypatch.setattr(socket, "socket", no_connections)
    scan_for_viruses(b"data")
    assert validate_upload(upload("a.png", image_bytes("PNG"))).content_type == "image/png"


def test_validate_upload_scans_last(clamd):
    server = clamd(b"stream: Win.Test.Virus FOUND\0")
    assert refused_code(upload("a.gif", image_bytes("GIF"))) == "unsupported_type"
    assert server.received == []  # refused before the scanner was asked
    assert refused_code(upload("a.png", image_bytes("PNG"))) == "virus_found"
    server.thread.join(timeout=5)
    assert server.received == [image_bytes("PNG")]
