"""The case dossier: a snapshot of the whole case (adopted records as they were frozen),
rendered as an archival PDF/A-3a and read back with poppler's tools."""

import datetime
import io
import json
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from bob.documents import case_dossier_filename, case_dossier_pdf
from bob.models import Action
from bob.selectors import case_dossier_snapshot
from bob.services import (
    action_report_progress,
    decision_list_adopt,
    decision_record,
    information_request_answer,
    information_request_create,
    step_save,
)
from kernteam.services import case_close, case_set_phase, session_finish
from kernteam.workflow import AttendanceStatus
from samos.accounts.roles import Role
from tests.conftest import REQUIRE_SERVICES
from tests.factories import (
    ActionFactory,
    AttendeeFactory,
    CaseFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PDFTOPPM, PDFTOTEXT, PDFINFO = (shutil.which(name) for name in ("pdftoppm", "pdftotext", "pdfinfo"))
poppler = pytest.mark.skipif(
    not (PDFTOPPM and PDFTOTEXT and PDFINFO) and not REQUIRE_SERVICES,
    reason="poppler-utils (pdftotext, pdftoppm, pdfinfo) not installed",
)

SCRIPT = "<script>alert(1)</script>"
TEMPLATE_TAG = "{{ x }}"
TITLE = f"Onrust Zuiderpark {SCRIPT}"
EVALUATION = f"Vroeg met bewoners praten werkte. {SCRIPT} {TEMPLATE_TAG}"


def _write(tmp_path, content: bytes):
    path = tmp_path / "dossier.pdf"
    path.write_bytes(content)
    return path


def _text(path, *, page: int | None = None) -> str:
    """pdftotext's reading of PATH (or of one PAGE), whitespace collapsed."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(  # noqa: S603 — fixed arguments, our own temporary file
        [PDFTOTEXT, *pages, path, "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(out.split())


def _page_count(path) -> int:
    info = subprocess.run(  # noqa: S603
        [PDFINFO, path], check=True, capture_output=True, text=True
    ).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


@pytest.fixture
def dossier_case():
    """An exercise case: a first session with an adopted list (through the service), a
    closing session whose list is still a concept, actions with progress, an answered
    information request, phase changes with reasons; not closed yet."""
    now = timezone.now()
    coordinator = UserFactory(first_name="Cor", last_name="Dinator", roles=[Role.COORDINATOR])
    case = CaseFactory(oefening=True, title=TITLE, opened_by=coordinator)
    first = SessionFactory(case=case, bezig=True, starts_at=now - datetime.timedelta(days=6))
    chair = first.chair
    absent = AttendeeFactory(
        session=first,
        user=UserFactory(first_name="Ans", last_name="Afwezig", roles=[Role.KERNTEAMLID]),
        attendance=AttendanceStatus.AFWEZIG_MET_BERICHT,
    )
    case_set_phase(
        user=coordinator,
        case_uuid=case.uuid,
        phase="dreigende_onrust",
        reason="Oplopende spanning na de bewonersavond",
    )
    letter = ActionFactory(
        case=case, session=first, title="Bewonersbrief bezorgen", coordinator=coordinator
    )
    talk = ActionFactory(case=case, title=f"Buurtgesprek {TEMPLATE_TAG}", coordinator=coordinator)
    decision_record(
        user=chair, session_uuid=first.uuid, stage="besluitvorming", text="Brief sturen aan de wijk"
    )
    info = information_request_create(
        user=chair,
        session_uuid=first.uuid,
        question="Hoeveel meldingen kwamen er binnen?",
        source="Politie Zuid",
        requested_by=chair,
        deadline=now + datetime.timedelta(days=2),
    )
    session_finish(user=chair, session_uuid=first.uuid)
    decision_list = decision_list_adopt(user=chair, session_uuid=first.uuid, confirmed=True)

    action_report_progress(
        user=coordinator,
        action_uuid=letter.uuid,
        note="Brieven zijn huis aan huis bezorgd",
        to_status="uitgevoerd",
        judged_result="Bewoners belden minder met vragen",
        judgement="zichtbaar",
    )
    action_report_progress(
        user=coordinator, action_uuid=talk.uuid, note="Eerste gesprek gepland met de wijkraad"
    )
    information_request_answer(
        user=chair, request_uuid=info.uuid, status="ontvangen", answer="Veertien meldingen"
    )
    case_set_phase(
        user=coordinator,
        case_uuid=case.uuid,
        phase="escalatie",
        reason="Vernielingen bij de school",
    )
    last = SessionFactory(
        case=case, kind="laatste", bezig=True, starts_at=now - datetime.timedelta(days=1)
    )
    step_save(
        user=last.chair,
        session_uuid=last.uuid,
        step_key="afsluiting",
        data={"terug_naar_normaal": "ja", "verbeterafspraken": "Eerder de wijkraad betrekken"},
        expected_version=0,
    )
    decision_record(
        user=last.chair, session_uuid=last.uuid, stage="besluitvorming", text="Casus afronden"
    )
    return SimpleNamespace(
        case=case,
        first=first,
        last=last,
        decision_list=decision_list,
        letter=letter,
        talk=talk,
        absent=absent,
        coordinator=coordinator,
    )


def _close(dossier_case):
    case_set_phase(
        user=dossier_case.coordinator,
        case_uuid=dossier_case.case.uuid,
        phase="terugkeer",
        reason="Het is weer rustig in de wijk",
    )
    return case_close(
        user=dossier_case.coordinator, case_uuid=dossier_case.case.uuid, evaluation=EVALUATION
    )


def test_the_snapshot_is_json_ready_and_holds_the_whole_case(dossier_case):
    case = _close(dossier_case)
    snapshot = case_dossier_snapshot(case=case, interim=False)
    assert json.loads(json.dumps(snapshot)) == snapshot  # finished strings only
    assert set(snapshot) == {
        "version",
        "municipality",
        "confidentiality",
        "logo",
        "interim",
        "generated_at",
        "date",
        "case",
        "phases",
        "sessions",
        "actions",
        "information_requests",
        "added_sections",
        "evaluation",
    }
    assert snapshot["case"]["title"] == TITLE and snapshot["case"]["is_exercise"]
    assert snapshot["case"]["status"] == "Gesloten"
    assert [change["reason"] for change in snapshot["phases"]] == [
        "Oplopende spanning na de bewonersavond",
        "Vernielingen bij de school",
        "Het is weer rustig in de wijk",
    ]
    assert snapshot["phases"][1]["from"] == "Dreigende onrust"
    assert snapshot["phases"][1]["to"] == "Escalatie"
    first, last = snapshot["sessions"]
    assert first["adopted"] and first["decision_list"] == dossier_case.decision_list.snapshot
    assert first["minutes"] == dossier_case.decision_list.minutes_snapshot
    assert not last["adopted"] and last["decision_list"] is None
    assert last["note"] == "Besluitenlijst nog niet vastgesteld"
    letter = next(a for a in snapshot["actions"] if a["title"] == "Bewonersbrief bezorgen")
    assert letter["status"] == "Uitgevoerd" and letter["judgement"] == "Effect zichtbaar"
    assert letter["judged_result"] == "Bewoners belden minder met vragen"
    assert letter["updates"][0]["note"] == "Brieven zijn huis aan huis bezorgd"
    assert letter["updates"][0]["to_status"] == "Uitgevoerd"
    (info,) = snapshot["information_requests"]
    assert (info["status"], info["answer"]) == ("Ontvangen", "Veertien meldingen")
    assert snapshot["evaluation"]["text"] == EVALUATION
    assert snapshot["evaluation"]["improvements"][0]["text"] == "Eerder de wijkraad betrekken"
    assert case_dossier_filename(snapshot) == f"dossier-{timezone.localdate():%Y-%m-%d}.pdf"


@poppler
def test_the_closing_dossier_prints_every_part_with_user_text_as_text(dossier_case, tmp_path):
    case = _close(dossier_case)
    path = _write(tmp_path, case_dossier_pdf(case_dossier_snapshot(case=case, interim=False)))
    text = _text(path)
    pages = _page_count(path)
    for expected in (
        "Gemeente Voorbeeldrade",
        "Vertrouwelijk — niet openbaar",
        "Casusdossier",
        TITLE,  # the hostile title, literally
        "Verloop van de fasen",
        "Oplopende spanning na de bewonersavond",
        "Vernielingen bij de school",
        "Het is weer rustig in de wijk",
        # the adopted session, with its decisions and its verslag
        "Bijeenkomst 1: Eerste bijeenkomst",
        "Brief sturen aan de wijk",
        "Verslag",
        "Wat is de directe aanleiding?",
        # the closing session, whose list is not adopted
        "Bijeenkomst 2: Laatste bijeenkomst",
        "Besluitenlijst nog niet vastgesteld",
        # actions, progress, judged results
        "Brieven zijn huis aan huis bezorgd",
        "Bewoners belden minder met vragen",
        "Effect zichtbaar",
        f"Buurtgesprek {TEMPLATE_TAG}",
        "Eerste gesprek gepland met de wijkraad",
        # information requests
        "Hoeveel meldingen kwamen er binnen?",
        "Politie Zuid",
        "Veertien meldingen",
        # evaluation and improvement agreements
        EVALUATION,
        "Eerder de wijkraad betrekken",
        f"pagina 1 van {pages}",
        f"pagina {pages} van {pages}",
    ):
        assert expected in text, expected
    assert "TUSSENSTAND" not in text
    assert "Casus afronden" not in text  # the concept list is not part of the record
    assert "CONCEPT" not in text


@poppler
def test_an_interim_dossier_says_tussenstand_on_its_title_page_and_every_page(
    dossier_case, tmp_path
):
    snapshot = case_dossier_snapshot(case=dossier_case.case, interim=True)
    assert case_dossier_filename(snapshot) == (
        f"dossier-tussenstand-{timezone.localdate():%Y-%m-%d}.pdf"
    )
    path = _write(tmp_path, case_dossier_pdf(snapshot))
    assert "De casus is nog open." in _text(path, page=1)
    pages = _page_count(path)
    assert pages > 3
    for page in range(1, pages + 1):
        assert "TUSSENSTAND" in _text(path, page=page), page
    text = _text(path)
    assert "Nog geen evaluatie: de casus is nog open." in text
    assert "Besluitenlijst nog niet vastgesteld" in text


@poppler
def test_an_exercise_is_marked_on_every_page(dossier_case, tmp_path):
    snapshot = case_dossier_snapshot(case=_close(dossier_case), interim=False)
    path = _write(tmp_path, case_dossier_pdf(snapshot))
    pages = _page_count(path)
    assert pages > 3
    for page in range(1, pages + 1):
        page_text = _text(path, page=page)
        assert "OEFENING" in page_text, page
        assert "Gemeente Voorbeeldrade" in page_text and "Vertrouwelijk" in page_text


def test_the_dossier_is_pdf_a_3a_tagged_with_metadata(dossier_case):
    case = _close(dossier_case)
    content = case_dossier_pdf(case_dossier_snapshot(case=case, interim=False))
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    raw = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in raw
    assert 'pdfaid:conformance="A"' in raw
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert reader.metadata.author == "Gemeente Voorbeeldrade"
    assert reader.metadata.title.startswith("Casusdossier")
    assert reader.metadata.creation_date is not None
    assert b"/EmbeddedFile" not in content
    box = reader.pages[0].mediabox  # A4: 595 × 842 points
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


@poppler
def test_the_session_part_prints_the_frozen_adopted_record(dossier_case, tmp_path):
    """Whatever changes after adoption, the session prints what was adopted; the live
    parts of the dossier (actions) show the present."""
    letter, absent = dossier_case.letter, dossier_case.absent
    Action.objects.filter(pk=letter.pk).update(title="Brief ingetrokken", status="vervallen")
    absent.user.first_name = "Anneke"
    absent.user.save(update_fields=["first_name"])

    snapshot = case_dossier_snapshot(case=dossier_case.case, interim=True)
    frozen = snapshot["sessions"][0]["decision_list"]
    assert frozen == dossier_case.decision_list.snapshot
    assert frozen["case"]["phase"] == "Dreigende onrust"  # the live case is in escalatie
    assert frozen["actions"][0]["title"] == "Bewonersbrief bezorgen"
    assert frozen["actions"][0]["status"] == "Open"

    path = _write(tmp_path, case_dossier_pdf(snapshot))
    text = _text(path)
    assert "Fase van de casus bij vaststelling Dreigende onrust" in text
    assert "Bewonersbrief bezorgen" in text  # the frozen list and verslag
    assert "Brief ingetrokken" in text  # the live actions part
    assert "Ans Afwezig" in text and "Anneke" not in text


@poppler
def test_page_one_renders_to_png_with_the_title_page(dossier_case, tmp_path):
    path = _write(
        tmp_path, case_dossier_pdf(case_dossier_snapshot(case=dossier_case.case, interim=True))
    )
    subprocess.run(  # noqa: S603 — fixed arguments, our own temporary file
        [PDFTOPPM, "-f", "1", "-l", "1", "-png", "-r", "50", path, tmp_path / "page"],
        check=True,
    )
    # pdftoppm pads the page number to the width of the page count: page-1 or page-01.
    (png,) = tmp_path.glob("page-*.png")
    assert png.stat().st_size > 2000
    with Image.open(png) as image:
        assert image.width > 350 and image.height > 500  # A4 at 50 dpi: 413 × 585
        darkest, _lightest = image.convert("L").getextrema()
        assert darkest < 80  # not a blank page
    page_one = _text(path, page=1)
    for expected in ("Casusdossier", TITLE, "TUSSENSTAND", "Inhoud", "Verloop van de fasen"):
        assert expected in page_one, expected
    assert "Oplopende spanning" not in page_one  # the timeline starts on a page of its own


def _case_with_actions(count: int):
    case = CaseFactory()
    session = SessionFactory(case=case, bezig=True)
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    for number in range(count):
        action = ActionFactory(case=case, session=session, coordinator=coordinator)
        for step in range(2):
            action_report_progress(
                user=coordinator, action_uuid=action.uuid, note=f"Voortgang {number}.{step}"
            )
    decision_record(user=session.chair, session_uuid=session.uuid, stage="afspraak", text="Ok")
    return case


def _queries(case, reader=None) -> int:
    if reader is not None:
        reader = type(reader).objects.get(pk=reader.pk)  # fresh: its roles not yet cached
    with CaptureQueriesContext(connection) as queries:
        snapshot = case_dossier_snapshot(case=case, reader=reader, interim=True)
    assert all(len(action["updates"]) == 2 for action in snapshot["actions"])
    return len(queries)


def test_the_query_count_does_not_grow_with_the_actions():
    small, large = _case_with_actions(2), _case_with_actions(20)
    assert _queries(small) == _queries(large)
    reader = UserFactory(roles=[Role.COORDINATOR])
    assert _queries(small, reader) == _queries(large, reader)
    assert len(case_dossier_snapshot(case=large, reader=reader, interim=True)["actions"]) == 20
