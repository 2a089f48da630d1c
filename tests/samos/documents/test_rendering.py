"""The PDF renderer: real WeasyPrint PDFs read back as text, and hostile input."""

import io
import socket
import subprocess
import sys
import threading

import pytest
from pypdf import PdfReader

from samos.documents.rendering import render_pdf, render_template_to_pdf


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


class LoopbackListener:
    """Counts connections to a port on 127.0.0.1 while a test runs."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def listener():
    lst = LoopbackListener()
    yield lst
    lst.close()


def test_template_renders_to_a_pdf_with_its_text_and_exercise_banner():
    pdf = render_template_to_pdf(
        "pdf/example.html",
        {"title": "Besluitenlijst kernteam", "body": "Besluit 1: buurtavond", "is_exercise": True},
    )
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "Besluitenlijst kernteam" in text
    assert "Besluit 1: buurtavond" in text
    assert "OEFENING" in text
    assert "pagina 1 van 1" in text  # the allowlisted stylesheet was applied


@pytest.mark.parametrize(
    "hostile",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        "<style>@import url(http://127.0.0.1:9/x.css)</style>",
        '<svg><image href="http://127.0.0.1:9/i.png"/></svg>',
    ],
)
def test_user_text_is_shown_as_text_not_markup(hostile):
    pdf = render_template_to_pdf("pdf/example.html", {"title": "T", "body": hostile})
    text = pdf_text(pdf).replace("\n", "")
    assert hostile.replace(" ", "")[:20] in text.replace(" ", "")


def test_hostile_html_reaches_no_network_and_no_file(listener):
    port = listener.port
    html = f"""
        <style>@import url(http://127.0.0.1:{port}/import.css);
               body {{ background: url(http://127.0.0.1:{port}/bg.png); }}</style>
        <link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">
        <link rel="attachment" href="file:///etc/passwd">
        <a rel="attachment" href="file:///etc/passwd">bijlage</a>
        <img src="file:///etc/passwd">
        <img src="http://127.0.0.1:{port}/img.png">
        <svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1:{port}/svg.png"
             width="10" height="10"/></svg>
        <iframe src="http://127.0.0.1:{port}/frame"></iframe>
        <p>Zichtbare tekst</p>
    """
    pdf = render_pdf(html)
    assert listener.connections == 0
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.attachments
    assert b"/EmbeddedFile" not in pdf
    assert b"root:x:0:0" not in pdf
    assert "Zichtbare tekst" in pdf_text(pdf)


def test_data_uri_images_are_embedded():
    # A 1x1 red PNG.
    png = (
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAF"
        "BQIAX8jx0gAAAABJRU5ErkJggg=="
    )
    pdf = render_pdf(f'<p>Foto</p><img src="data:image/png;base64,{png}" width="50">')
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages[0].images) == 1


def test_importing_the_renderer_does_not_import_weasyprint():
    code = (
        "import django, os, sys; os.environ['DJANGO_SETTINGS_MODULE']='samos.settings'; "
        "django.setup(); import samos.documents.rendering; print('weasyprint' in sys.modules)"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
