"""The municipality's logo: uploaded in the admin, validated and re-encoded as an image,
embedded as a data: URI in the header of every page, and frozen with an adopted record."""

import base64
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from bob.documents import decision_list_pdf
from bob.selectors import decision_list_snapshot
from samos.documents.admin import DocumentSettingsForm
from samos.documents.models import DocumentSettings
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def png(size=(300, 100), color="navy", **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG", **save_options)
    return buffer.getvalue()


def submit(files=None, **data):
    values = {"municipality_name": "Gemeente Voorbeeldrade", "confidentiality_line": "Intern"}
    values.update(data)
    return DocumentSettingsForm(data=values, files=files or {})


def test_an_uploaded_logo_is_stored_re_encoded_and_small():
    upload = SimpleUploadedFile("logo.png", png(size=(2000, 600)), content_type="image/png")
    form = submit(files={"logo_upload": upload})
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.logo.startswith("data:image/jpeg;base64,")
    stored = DocumentSettings.current()
    assert stored.logo == saved.logo
    decoded = Image.open(io.BytesIO(base64.b64decode(stored.logo.split(",")[1])))
    assert max(decoded.size) == 400  # downscaled for a header


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("logo.png", b"GIF89a" + b"\x00" * 40),
        ("logo.jpg", b"not an image at all"),
    ],
)
def test_anything_but_a_jpeg_png_or_webp_is_refused_and_nothing_changes(name, content):
    DocumentSettings.objects.create(municipality_name="Gemeente Voorbeeldrade", logo="")
    form = submit(files={"logo_upload": SimpleUploadedFile(name, content)})
    assert not form.is_valid()
    assert "alleen JPEG, PNG en WebP" in str(form.errors["logo_upload"])
    assert DocumentSettings.current().logo == ""


def test_a_logo_over_two_megabytes_is_refused():
    noisy = Image.effect_noise((1400, 1400), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "PNG", compress_level=0)
    assert buffer.tell() > 2 * 1024 * 1024
    form = submit(files={"logo_upload": SimpleUploadedFile("logo.png", buffer.getvalue())})
    assert not form.is_valid()
    assert "groter dan 2 MB" in str(form.errors["logo_upload"])


def test_the_logo_can_be_removed():
    DocumentSettings.objects.create(logo="data:image/png;base64,AAAA")
    form = submit(logo_remove="on")
    form.instance = DocumentSettings.current()
    assert form.is_valid(), form.errors
    form.save()
    assert DocumentSettings.current().logo == ""


def test_every_page_of_a_document_carries_the_logo():
    form = submit(files={"logo_upload": SimpleUploadedFile("logo.png", png())})
    assert form.is_valid(), form.errors
    form.save()
    session = SessionFactory(bezig=True)
    snapshot = decision_list_snapshot(session=session, reader=None)
    assert snapshot["logo"].startswith("data:image/")
    reader = PdfReader(io.BytesIO(decision_list_pdf(snapshot)))
    for page in reader.pages:
        assert len(page.images) == 1
