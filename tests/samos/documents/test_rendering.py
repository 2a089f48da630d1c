"""The PDF renderer: real WeasyPrint PDFs read back with pypdf, and hostile input.

Hostile HTML must make no connection (a loopback listener counts them), read no local
file and embed nothing; hostile text in a template must come out as text.
"""

import base64
import io
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import StreamObject

from samos.documents import rendering
from samos.documents.images import UnsupportedImageError, image_data_uri
from samos.documents.rendering import (
    BlockedResourceError,
    UnsafePdfError,
    render_pdf,
    render_template_to_pdf,
    safe_url_fetcher,
)

# A 1×1 red PNG.
RED_PIXEL_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAF"
    "BQIAX8jx0gAAAABJRU5ErkJggg=="
)
SECRET = "SAMOS-GEHEIM-4711"


# --- helpers ------------------------------------------------------------------------------


def reader_of(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader_of(pdf).pages]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def all_pdf_bytes(pdf: bytes) -> bytes:
    """The raw PDF plus every object, streams decompressed: what a reader could get at."""
    reader = reader_of(pdf)
    chunks = [pdf]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: S112 - free object numbers are allowed to be missing
            continue
        if isinstance(obj, StreamObject):
            chunks.append(obj.get_data())
        elif obj is not None:
            chunks.append(repr(obj).encode())
    return b"\n".join(chunks)


def font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in reader_of(pdf).pages:
        fonts = page["/Resources"].get_object().get("/Font") or {}
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def link_uris(pdf: bytes) -> list[str]:
    uris = []
    for page in reader_of(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


class LoopbackListener:
    """Counts TCP connections to a free port on 127.0.0.1 while a test runs."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self._accepted = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._accepted += 1
            connection.close()

    def connections(self) -> int:
        """Stop listening and count every connection, also those still in the backlog."""
        if not self._stop.is_set():
            self._stop.set()
            self._thread.join(timeout=2)
            self.sock.setblocking(False)
            while True:
                try:
                    connection, _ = self.sock.accept()
                except OSError:
                    break
                self._accepted += 1
                connection.close()
        return self._accepted

    def close(self) -> None:
        self.connections()
        self.sock.close()


@pytest.fixture
def listener():
    loopback = LoopbackListener()
    yield loopback
    loopback.close()


@pytest.fixture
def secret_file(tmp_path) -> Path:
    """A local "secret" plus a stylesheet and an SVG next to it that would print it.

    Were `file://` ever fetched, SECRET would show up in the PDF's text, not only in
    an attachment: the CSS writes it with `content`, the SVG draws it.
    """
    (tmp_path / "geheim.css").write_text(f'p::after {{ content: "{SECRET}"; }}')
    (tmp_path / "geheim.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40">'
        f'<text x="0" y="20" font-size="12">{SECRET}</text></svg>'
    )
    path = tmp_path / "geheim.txt"
    path.write_text(f"{SECRET}\nroot:x:0:0:root:/root:/bin/bash\n")
    return path


def hostile_html(port: int, secret: Path) -> str:
    """Every way we know for HTML/CSS/SVG to make WeasyPrint fetch or embed something."""
    loop = f"127.0.0.1:{port}"
    secret_url = secret.as_uri()
    secret_css = secret.with_suffix(".css").as_uri()
    secret_svg = secret.with_suffix(".svg").as_uri()
    return f"""<!DOCTYPE html><html><head>
        <base href="http://{loop}/base/">
        <link rel="stylesheet" href="http://{loop}/link.css">
        <link rel="stylesheet" href="{secret_css}">
        <link rel="attachment" href="file:///etc/passwd">
        <link rel="attachment" href="{secret_url}" title="bijlage">
        <link rel="attachment" href="http://{loop}/link-attachment">
        <style>
          @import url(http://{loop}/import.css);
          @import "{secret_css}";
          @import url(//{loop}/scheme-relative.css);
          @font-face {{ font-family: Evil; src: url(http://{loop}/font.woff); }}
          body {{ background: url(HTTP://{loop}/background.png); }}
          li {{ list-style-image: url(https://{loop}/bullet.png); font-family: Evil; }}
          p.x::before {{ content: url(http://{loop}/before.png); }}
        </style>
        </head><body>
        <p>Zichtbare tekst</p>
        <a rel="attachment" href="file:///etc/passwd">bijlage 1</a>
        <a rel="attachment" href="{secret_url}">bijlage 2</a>
        <a rel="attachment" href="http://{loop}/a-attachment">bijlage 3</a>
        <img src="file:///etc/passwd">
        <img src="{secret_svg}">
        <object data="{secret_svg}" type="image/svg+xml"></object>
        <img src="http://{loop}/img.png">
        <img src="relative-to-base.png">
        <object data="http://{loop}/object.svg" type="image/svg+xml"></object>
        <embed src="http://{loop}/embed.png">
        <iframe src="http://{loop}/frame.html"></iframe>
        <ul><li>punt</li></ul><p class="x">voor</p>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
             width="40" height="40">
          <style>@import url(http://{loop}/svg-import.css);</style>
          <image href="http://{loop}/svg.png" width="10" height="10"/>
          <image xlink:href="{secret_svg}" width="10" height="10"/>
          <use href="http://{loop}/use.svg#x"/>
        </svg>
        </body></html>"""


# --- documents from templates -------------------------------------------------------------


def test_template_renders_to_a_pdf_with_its_text_header_and_page_numbers():
    pdf = render_template_to_pdf(
        "pdf/example.html", {"title": "Besluitenlijst kernteam", "body": "Besluit 1: buurtavond"}
    )
    reader = reader_of(pdf)
    assert len(reader.pages) == 1
    text = pdf_text(pdf)
    assert "Besluitenlijst kernteam" in text
    assert "Besluit 1: buurtavond" in text
    assert "SAMOS" in text
    assert "pagina 1 van 1" in text
    assert "OEFENING" not in text
    assert reader.metadata.title == "Besluitenlijst kernteam"
    width, height = (float(value) for value in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_an_exercise_is_marked_on_every_page_with_page_x_of_y():
    pdf = render_template_to_pdf(
        "pdf/example.html",
        {"title": "Verslag", "body": "Oefentekst. " * 1200, "is_exercise": True},
    )
    texts = page_texts(pdf)
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert "OEFENING" in text
        assert f"pagina {number} van {len(texts)}" in text
        assert "SAMOS" in text


def test_the_allowlisted_stylesheet_is_applied():
    html = render_to_string("pdf/example.html", {"title": "Opmaak", "body": "Tekst"})
    styled = render_pdf(html)
    unstyled = render_pdf(html, stylesheets=())
    # Page numbers exist only through pdf.css (counters in running elements).
    assert "pagina 1 van 1" in pdf_text(styled)
    assert "pagina 1 van 1" not in pdf_text(unstyled)
    fonts = font_names(styled)
    assert fonts
    assert all("DejaVu-Sans" in name for name in fonts), fonts


def test_a_stylesheet_outside_the_allowlist_is_a_programming_error():
    assert Path(settings.BASE_DIR, "static/css/samos.css").exists()
    with pytest.raises(BlockedResourceError):
        render_pdf("<p>x</p>", stylesheets=("css/samos.css",))


def test_only_templates_from_the_pdf_folder_are_rendered():
    with pytest.raises(ValueError, match="templates/pdf/"):
        render_template_to_pdf("403.html", {})


@pytest.mark.parametrize("base_url", ["/etc/", "file:///etc/", "ftp://example.org/", "relatief"])
def test_base_url_must_be_an_absolute_http_url(base_url):
    with pytest.raises(ValueError, match="base_url"):
        render_pdf("<p>x</p>", base_url=base_url)


def test_pdf_templates_never_mark_text_safe():
    unsafe = re.compile(r"\|\s*safe(seq)?\b|autoescape\s+off|mark_safe")
    templates = sorted(Path(settings.BASE_DIR, "templates", "pdf").rglob("*.html"))
    assert Path(settings.BASE_DIR, "templates/pdf/base.html") in templates
    offenders = [path.name for path in templates if unsafe.search(path.read_text())]
    assert offenders == []


@pytest.mark.parametrize(
    "hostile",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        "<style>@import url(http://127.0.0.1:{port}/x.css)</style>",
        '<svg><image href="http://127.0.0.1:{port}/i.png"/></svg>',
        '<a rel="attachment" href="file:///etc/passwd">bijlage</a>',
    ],
)
def test_hostile_text_in_a_template_is_shown_as_text(hostile, listener):
    hostile = hostile.format(port=listener.port)
    pdf = render_template_to_pdf("pdf/example.html", {"title": hostile, "body": hostile})
    text = squeezed(pdf_text(pdf))
    assert text.count(squeezed(hostile)) >= 2  # header, title and body; never markup
    assert listener.connections() == 0
    assert not reader_of(pdf).attachments
    assert b"root:x:0:0" not in all_pdf_bytes(pdf)


# --- hostile HTML straight into the renderer ----------------------------------------------


def test_the_listener_does_count_connections(listener):
    # Without this, "0 connections" below could also mean a broken listener.
    socket.create_connection(("127.0.0.1", listener.port), timeout=2).close()
    assert listener.connections() == 1


def test_hostile_html_reaches_no_network_reads_no_file_and_embeds_nothing(listener, secret_file):
    pdf = render_pdf(hostile_html(listener.port, secret_file))

    assert listener.connections() == 0
    reader = reader_of(pdf)
    assert not reader.attachments
    everything = all_pdf_bytes(pdf)
    assert b"/EmbeddedFile" not in everything
    assert b"/FileAttachment" not in everything
    assert b"root:x:0:0" not in everything
    assert SECRET.encode() not in everything
    text = pdf_text(pdf)
    assert "Zichtbare tekst" in text
    assert SECRET not in text
    assert not any(page.images for page in reader.pages)


def test_hostile_html_with_a_real_base_url_reaches_no_network(listener, secret_file):
    pdf = render_pdf(
        hostile_html(listener.port, secret_file), base_url=f"http://127.0.0.1:{listener.port}/"
    )
    assert listener.connections() == 0
    assert not reader_of(pdf).attachments
    assert SECRET.encode() not in all_pdf_bytes(pdf)
    assert SECRET not in pdf_text(pdf)


def test_no_socket_no_dns_and_never_weasyprints_default_fetcher(monkeypatch, listener, secret_file):
    from weasyprint import HTML  # noqa: TID251
    from weasyprint.urls import URLFetcher  # noqa: TID251

    calls = []

    def record(name):
        def refuse(*args, **kwargs):
            calls.append(name)
            raise OSError(f"{name} called during a PDF render")

        return refuse

    monkeypatch.setattr(URLFetcher, "fetch", record("default fetcher"))
    monkeypatch.setattr(socket.socket, "connect", record("connect"))
    monkeypatch.setattr(socket, "getaddrinfo", record("getaddrinfo"))

    render_pdf(hostile_html(listener.port, secret_file) + '<img src="http://example.org/x.png">')
    assert calls == []

    # The spies work: WeasyPrint left to its defaults does go through them.
    HTML(string='<img src="http://example.org/x.png">').render()
    assert "default fetcher" in calls


def test_attachment_and_form_markup_with_allowed_urls_still_embeds_nothing():
    # data:image/png passes the fetcher, so only the document stripping stops these.
    png = f"data:image/png;base64,{RED_PIXEL_PNG}"
    html = f"""
        <link rel="attachment" href="{png}">
        <a rel="attachment" href="{png}" download="foto.png">bijlage</a>
        <style>input, button {{ appearance: auto; }}</style>
        <form action="http://example.org/post"><input name="naam" value="x">
          <button type="submit">Versturen</button></form>
        <a href="https://example.org/ok">goed</a> <a href="javascript:alert(1)">js</a>
        <a href="file:///etc/passwd">bestand</a> <a href="relatief">relatief</a>
    """
    pdf = render_pdf(html)
    everything = all_pdf_bytes(pdf)
    assert not reader_of(pdf).attachments
    assert b"/EmbeddedFile" not in everything
    assert b"/AcroForm" not in everything
    assert b"/SubmitForm" not in everything
    assert link_uris(pdf) == ["https://example.org/ok"]


def test_relative_links_use_the_given_base_url():
    pdf = render_pdf('<a href="/casussen/1/">casus</a>', base_url="https://samos.example.nl/")
    assert link_uris(pdf) == ["https://samos.example.nl/casussen/1/"]


def test_a_pdf_with_embedded_files_is_refused_if_stripping_ever_fails(monkeypatch):
    monkeypatch.setattr(rendering, "_strip_active_content", lambda document: None)
    png = f"data:image/png;base64,{RED_PIXEL_PNG}"
    with pytest.raises(UnsafePdfError):
        render_pdf(f'<a rel="attachment" href="{png}">bijlage</a>')


# --- the fetcher itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/static/css/pdf.css",
        "ftp://example.org/x",
        "https://samos.invalid/static/css/samos.css",  # exists on disk, not allowlisted
        "https://samos.invalid/static/../samos/settings.py",
        "https://samos.invalid/static/css/pdf.css?x=1",
        "data:text/html,<p>x</p>",
        "data:text/css,p{color:red}",
        "data:image/svg+xml,<svg/>",
        "data:,plain",
        "samos.invalid/static/css/pdf.css",
    ],
)
def test_the_fetcher_refuses_everything_outside_the_allowlist(url):
    with pytest.raises(BlockedResourceError):
        safe_url_fetcher().fetch(url)


def test_the_fetcher_serves_data_images_and_allowlisted_static_files():
    fetcher = safe_url_fetcher(base_url="https://samos.example.nl/")
    image = fetcher.fetch(f"data:image/png;base64,{RED_PIXEL_PNG}")
    assert image.content_type == "image/png"
    assert image.read() == base64.b64decode(RED_PIXEL_PNG)

    on_disk = Path(settings.BASE_DIR, "static/css/pdf.css").read_bytes()
    for url in (
        "https://samos.invalid/static/css/pdf.css",
        "https://samos.example.nl/static/css/pdf.css",
        "https://samos.example.nl/css/pdf.css",
    ):
        response = fetcher.fetch(url)
        assert response.content_type == "text/css"
        assert response.read() == on_disk


def test_allowlisted_static_images_load_by_relative_name():
    pdf = render_pdf('<img src="img/favicon.svg" width="32"><img src="/static/img/favicon.svg">')
    # SVG images become form XObjects in the PDF.
    assert all_pdf_bytes(pdf).count(b"/Subtype /Form") == 2


# --- photos as data: URIs -----------------------------------------------------------------


def jpeg_with_exif(size=(4000, 3000), *, orientation=1, **save_options) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "GeheimeCamera"  # Make
    exif[0x0112] = orientation
    exif.get_ifd(0x8825)[2] = (52.0, 5.0, 0.0)  # GPSLatitude
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, **save_options)
    return buffer.getvalue()


def decode_data_uri(uri: str) -> tuple[str, Image.Image, bytes]:
    match = re.fullmatch(r"data:(image/[a-z]+);base64,([A-Za-z0-9+/=]+)", uri)
    assert match, uri[:60]
    raw = base64.b64decode(match[2])
    return match[1], Image.open(io.BytesIO(raw)), raw


def test_a_large_photo_is_downscaled_and_loses_its_exif(tmp_path):
    original = jpeg_with_exif(comment=b"geheim commentaar")
    assert Image.open(io.BytesIO(original)).getexif()[0x010F] == "GeheimeCamera"
    path = tmp_path / "foto.jpg"
    path.write_bytes(original)

    media_type, image, raw = decode_data_uri(image_data_uri(path))
    assert media_type == "image/jpeg"
    assert image.format == "JPEG"
    assert image.size == (1200, 900)
    assert not image.getexif()
    assert "exif" not in image.info and "comment" not in image.info
    assert b"GeheimeCamera" not in raw and b"geheim commentaar" not in raw


def test_max_px_and_other_sources(tmp_path):
    original = jpeg_with_exif((800, 400))
    for source in (original, io.BytesIO(original), str(tmp_path / "foto.jpg")):
        if isinstance(source, str):
            Path(source).write_bytes(original)
        _, image, _ = decode_data_uri(image_data_uri(source, max_px=300))
        assert image.size == (300, 150)
    # Small images are not enlarged.
    _, image, _ = decode_data_uri(image_data_uri(original))
    assert image.size == (800, 400)


def test_the_exif_orientation_is_applied_before_exif_is_dropped():
    rotated = jpeg_with_exif(orientation=6)  # "rotate 90° clockwise to display"
    _, image, _ = decode_data_uri(image_data_uri(rotated))
    assert image.size == (900, 1200)


def test_transparency_survives_as_png():
    image = Image.new("RGBA", (2000, 1000), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    media_type, decoded, _ = decode_data_uri(image_data_uri(buffer.getvalue()))
    assert media_type == "image/png"
    assert decoded.size == (1200, 600)
    assert decoded.mode == "RGBA"
    assert decoded.getpixel((0, 0))[3] == 0


def test_webp_is_accepted():
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40), (0, 90, 0)).save(buffer, format="WEBP")
    media_type, decoded, _ = decode_data_uri(image_data_uri(buffer.getvalue()))
    assert (media_type, decoded.size) == ("image/jpeg", (50, 40))


def gif_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims WIDTH × HEIGHT pixels (a decompression bomb)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "content",
    [
        gif_bytes(),
        b"root:x:0:0:root:/root:/bin/bash\n",
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        b"%PDF-1.7\n",
        b"",
        jpeg_with_exif((40, 30))[:200],  # truncated header
    ],
    ids=["gif", "text", "svg", "pdf", "empty", "truncated"],
)
def test_other_files_are_refused_with_a_clear_error(content, tmp_path):
    path = tmp_path / "foto.jpg"  # the name does not matter, the content does
    path.write_bytes(content)
    with pytest.raises(UnsupportedImageError, match="JPEG, PNG en WebP"):
        image_data_uri(path)


def test_a_decompression_bomb_is_refused_before_decoding():
    with pytest.raises(UnsupportedImageError, match="te groot"):
        image_data_uri(png_claiming(50_000, 50_000))
    with pytest.raises(UnsupportedImageError, match="te groot"):
        image_data_uri(png_claiming(7_000, 7_000))  # 49 MP: below Pillow's own limit


def test_a_photo_data_uri_is_embedded_in_the_pdf():
    uri = image_data_uri(jpeg_with_exif())
    pdf = render_pdf(f'<p>Foto</p><img src="{uri}" alt="foto">')
    images = reader_of(pdf).pages[0].images
    assert len(images) == 1
    assert max(images[0].image.size) == 1200
    assert b"GeheimeCamera" not in all_pdf_bytes(pdf)


def test_a_tiny_data_uri_image_is_embedded():
    pdf = render_pdf(f'<img src="data:image/png;base64,{RED_PIXEL_PNG}" width="50">')
    assert len(reader_of(pdf).pages[0].images) == 1


# --- import cost --------------------------------------------------------------------------


def test_importing_the_documents_package_does_not_import_weasyprint():
    code = (
        "import os, sys, django\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'samos.settings'\n"
        "django.setup()\n"
        "import samos.documents.rendering, samos.documents.images\n"
        "print('weasyprint' in sys.modules, 'samos.documents.rendering' in sys.modules)\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    assert result.stdout.split() == ["False", "True"]
