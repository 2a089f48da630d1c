"""An adopted besluitenlijst is a frozen record: rendered once at adoption, stored with its
SHA-256, and served byte for byte ever after, whatever changes in the live data."""

import hashlib
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from bob.services import decision_list_adopt, decision_record
from kernteam.services import case_set_phase, session_finish
from kernteam.workflow import AttendanceStatus
from samos.accounts.roles import Role
from samos.documents.images import image_data_uri
from samos.documents.models import DocumentSettings
from tests.conftest import REQUIRE_SERVICES
from tests.factories import ActionFactory, AttendeeFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "".join(page.extract_text().replace("\n", "") for page in reader.pages)


@pytest.fixture
def adopted_session():
    session = SessionFactory(bezig=True)
    absent = AttendeeFactory(
        session=session,
        user=UserFactory(first_name="Ans", last_name="Afwezig", roles=[Role.KERNTEAMLID]),
        attendance=AttendanceStatus.AFWEZIG_MET_BERICHT,
    )
    AttendeeFactory(
        session=session,
        user=None,
        guest_name="Dirk Derde",
        guest_organisation="Woonstichting",
        attendance=AttendanceStatus.TE_LAAT,
    )
    action = ActionFactory(case=session.case, session=session, title="Bewonersbrief bezorgen")
    decision_record(
        user=session.chair, session_uuid=session.uuid, stage="besluitvorming", text="Brief sturen"
    )
    session_finish(user=session.chair, session_uuid=session.uuid)
    decision_list = decision_list_adopt(
        user=session.chair, session_uuid=session.uuid, confirmed=True
    )
    return session, decision_list, action, absent


def _png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def download(client, session) -> bytes:
    response = client.get(reverse("bob:decision_list_pdf", kwargs={"uuid": session.uuid}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_adoption_stores_the_pdf_once_with_its_hash(adopted_session):
    _session, decision_list, _action, _absent = adopted_session
    document = decision_list.document
    stored = document.read_bytes()
    assert document.sha256 == hashlib.sha256(stored).hexdigest()
    assert document.size == len(stored)
    text = pdf_text(stored)
    assert "Brief sturen" in text
    assert "CONCEPT" not in text
    # The content's fingerprint is printed in the footer.
    assert decision_list.snapshot["decisions"][0]["text"] == "Brief sturen"
    assert "Kenmerk inhoud" in text


def test_every_later_download_is_byte_identical_whatever_changes(
    client, verified_login, adopted_session
):
    session, decision_list, action, absent = adopted_session
    verified_login(client, Role.BURGEMEESTER)
    first = download(client, session)
    assert first == decision_list.document.read_bytes()
    before = pdf_text(first)
    assert "Ans Afwezig" in before and "afwezig met bericht" in before
    assert "Dirk Derde" in before and "later aangeschoven" in before

    # Everything the list shows changes afterwards…
    case_set_phase(
        user=session.chair, case_uuid=session.case.uuid, phase="escalatie", reason="Het escaleert"
    )
    type(action).objects.filter(pk=action.pk).update(status="vervallen")
    absent.user.first_name = "Anneke"
    absent.user.save(update_fields=["first_name"])
    DocumentSettings.objects.create(
        municipality_name="Gemeente Andersdorp",
        confidentiality_line="Openbaar",
        logo=image_data_uri(_png_bytes()),
    )

    # …and the next download is the very same file.
    assert download(client, session) == first
    assert "Anneke" not in pdf_text(first)


def test_a_concept_is_rendered_on_request_with_a_watermark_on_every_page(client, verified_login):
    session = SessionFactory(bezig=True)
    for number in range(40):  # enough decisions for more than one page
        decision_record(
            user=session.chair,
            session_uuid=session.uuid,
            stage="afspraak",
            text=f"Afspraak {number} " + "met een lange toelichting " * 8,
        )
    verified_login(client, Role.KERNTEAMLID)
    content = download(client, session)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert "CONCEPT" in page.extract_text()
    DocumentSettings.objects.create(municipality_name="Gemeente Andersdorp")
    assert "Gemeente Andersdorp" in pdf_text(download(client, session))


@pytest.mark.parametrize(
    ("stored", "title"), [("document", "Besluitenlijst"), ("minutes_document", "Verslag")]
)
def test_the_adopted_list_and_its_verslag_are_pdf_a_3a_tagged_in_dutch(
    adopted_session, stored, title
):
    _session, decision_list, _action, _absent = adopted_session
    reader = PdfReader(io.BytesIO(getattr(decision_list, stored).read_bytes()))
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in raw
    assert 'pdfaid:conformance="A"' in raw
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert reader.metadata.author == "Gemeente Voorbeeldrade"
    assert reader.metadata.title.startswith(title)
    assert reader.metadata.creation_date is not None


def test_a_stored_document_that_no_longer_matches_its_hash_is_refused(
    client, verified_login, adopted_session
):
    session, decision_list, _action, _absent = adopted_session
    path = decision_list.document.file.path
    with open(path, "ab") as handle:
        handle.write(b"tampered")
    verified_login(client, Role.BURGEMEESTER)
    response = client.get(
        reverse("bob:decision_list_pdf", kwargs={"uuid": session.uuid}), follow=True
    )
    assert response["Content-Type"].startswith("text/html")
    assert "komt niet overeen met zijn kenmerk" in response.content.decode()


PDFTOPPM, PDFTOTEXT = shutil.which("pdftoppm"), shutil.which("pdftotext")
POPPLER = bool(PDFTOPPM and PDFTOTEXT)


@pytest.mark.skipif(
    not POPPLER and not REQUIRE_SERVICES, reason="poppler-utils (pdftoppm) not installed"
)
def test_page_one_of_the_adopted_list_renders_to_png_with_its_text(adopted_session, tmp_path):
    _session, decision_list, _action, _absent = adopted_session
    pdf_path = tmp_path / "besluitenlijst.pdf"
    pdf_path.write_bytes(decision_list.document.read_bytes())
    subprocess.run(  # noqa: S603 — fixed arguments, our own temporary file
        [PDFTOPPM, "-png", "-r", "60", "-f", "1", "-l", "1", pdf_path, tmp_path / "page"],
        check=True,
    )
    with Image.open(tmp_path / "page-1.png") as image:
        assert image.width > 400 and image.height > 600
        # Not a blank page: the header, title and tables put dark pixels on it.
        darkest, _lightest = image.convert("L").getextrema()
        assert darkest < 80
    page_one = subprocess.run(  # noqa: S603
        [PDFTOTEXT, "-f", "1", "-l", "1", "-layout", pdf_path, "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for expected in (
        "Gemeente Voorbeeldrade",
        "Vertrouwelijk — niet openbaar",
        "Besluitenlijst",
        "Brief sturen",
        "later aangeschoven",
        "pagina 1 van 1",
    ):
        assert expected in page_one


def test_hostile_settings_and_names_reach_the_pdf_as_text(client, verified_login):
    DocumentSettings.objects.create(
        municipality_name='<img src="file:///etc/passwd">Gemeente',
        confidentiality_line='<link rel="attachment" href="file:///etc/hosts">Geheim',
    )
    session = SessionFactory(bezig=True)
    AttendeeFactory(
        session=session, user=None, guest_name="<b>Derde</b>", attendance=AttendanceStatus.AANWEZIG
    )
    decision_record(user=session.chair, session_uuid=session.uuid, stage="afspraak", text="Ok")
    verified_login(client, Role.BURGEMEESTER)
    content = download(client, session)
    text = pdf_text(content)
    assert '<img src="file:///etc/passwd">Gemeente' in text
    assert '<link rel="attachment" href="file:///etc/hosts">Geheim' in text
    assert "<b>Derde</b>" in text
    assert b"/EmbeddedFile" not in content


def test_the_verslag_is_frozen_with_the_list(client, verified_login, adopted_session):
    session, decision_list, action, absent = adopted_session
    verified_login(client, Role.BURGEMEESTER)
    url = reverse("bob:session_minutes_pdf", kwargs={"uuid": session.uuid})
    first = client.get(url).content
    assert first == decision_list.minutes_document.read_bytes()
    text = pdf_text(first)
    assert "Vastgesteld met de besluitenlijst" in text and "CONCEPT" not in text
    assert "Ans Afwezig" in text and "afwezig met bericht" in text

    absent.user.first_name = "Anneke"
    absent.user.save(update_fields=["first_name"])
    type(action).objects.filter(pk=action.pk).update(status="vervallen")
    assert client.get(url).content == first
    page = client.get(reverse("bob:session_minutes", kwargs={"uuid": session.uuid}))
    assert "Ans Afwezig" in page.content.decode() and "Anneke" not in page.content.decode()


def test_a_record_of_an_earlier_moment_prints_the_phase_of_that_moment():
    from datetime import timedelta

    from django.utils import timezone

    from bob.documents import decision_list_freeze
    from kernteam.models import PhaseChange

    session = SessionFactory(bezig=True)
    case = session.case
    earlier = timezone.now() - timedelta(days=10)
    PhaseChange.objects.create(
        case=case, to_phase="onrust", reason="Open", changed_by=session.chair, changed_at=earlier
    )
    case_set_phase(user=session.chair, case_uuid=case.uuid, phase="escalatie", reason="Erger")
    frozen = decision_list_freeze(
        session=session, adopted_at=earlier + timedelta(days=1), adopted_by=session.chair
    )
    assert frozen["snapshot"]["case"]["phase"] == "Onrust"
    assert frozen["minutes_snapshot"]["case"]["phase"] == "Onrust"
    now = decision_list_freeze(session=session, adopted_at=timezone.now(), adopted_by=session.chair)
    assert now["snapshot"]["case"]["phase"] == "Escalatie"
