"""The verslag of a session: every protocol step, labels instead of codes, user text as
text, read back from real WeasyPrint output; who may read it; cited signals counted."""

import datetime
import io
import json
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from bob.models import DecisionList
from bob.selectors import session_minutes_snapshot
from bob.services import (
    decision_list_adopt,
    decision_record,
    information_request_create,
    scenario_add,
    step_save,
)
from kernteam.models import CaseSignal, Preparation
from kernteam.services import session_finish
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.bob.test_reading_table import login_as
from tests.conftest import REQUIRE_SERVICES
from tests.factories import SessionFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<img src="file:///etc/passwd">'


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "".join(page.extract_text().replace("\n", "") for page in reader.pages)


@pytest.fixture
def filled():
    """A first session with some steps filled and others left empty."""
    session = SessionFactory(bezig=True)
    chair = session.chair
    step_save(
        user=chair,
        session_uuid=session.uuid,
        step_key="motivering",
        data={"aanleiding": f"Bewonersavond liep uit de hand {HOSTILE}"},
        expected_version=0,
    )
    step_save(
        user=chair,
        session_uuid=session.uuid,
        step_key="inschatting",
        data={"ernst": "3", "tijd": "2", "ernst_toelichting": "Bedreigingen online"},
        expected_version=0,
    )
    information_request_create(
        user=chair,
        session_uuid=session.uuid,
        question="Hoeveel meldingen kwamen er binnen?",
        source="Politie",
        requested_by=chair,
        deadline=timezone.now() + datetime.timedelta(days=1),
    )
    scenario_add(
        user=chair,
        session_uuid=session.uuid,
        condition="de avond herhaald wordt",
        consequence="volgen er opnieuw confrontaties",
        likelihood="groot",
        impact="ernstig",
    )
    decision_record(
        user=chair, session_uuid=session.uuid, stage="besluitvorming", text="Buurtgesprek"
    )
    return session


def _step(snapshot, key):
    return next(step for step in snapshot["steps"] if step["key"] == key)


def test_the_snapshot_is_json_ready_and_follows_the_protocol(filled):
    snapshot = session_minutes_snapshot(session=filled, reader=filled.chair)
    assert json.loads(json.dumps(snapshot)) == snapshot  # finished strings only
    keys = [step["key"] for step in snapshot["steps"]]
    assert keys[:3] == ["motivering", "informatie", "inschatting"]
    assert keys[-1] == "vervolg"
    estimate = _step(snapshot, "inschatting")
    assert {"label": "Ernst", "value": "ernstig"} in estimate["answers"]
    assert {"label": "Tijd", "value": "binnen dagen"} in estimate["answers"]
    assert _step(snapshot, "communicatie")["is_empty"]
    scenario = _step(snapshot, "oordeelsvorming")["blocks"]["scenarios"][0]
    assert (scenario["likelihood"], scenario["impact"]) == ("Groot", "Ernstig")
    info = _step(snapshot, "informatie")["blocks"]["information_requests"][0]
    assert info["status"] == "Open" and info["owner"].startswith(str(filled.chair))
    # An information request shown once, in its first step, not again in beeldvorming.
    assert "information_requests" not in _step(snapshot, "beeldvorming")["blocks"]
    assert snapshot["decisions"][0]["stage"] == "Besluitvorming"


def test_the_mayor_downloads_the_verslag_with_headings_labels_and_hostile_text(
    client, verified_login, filled
):
    verified_login(client, Role.BURGEMEESTER)
    response = client.get(reverse("bob:session_minutes_pdf", kwargs={"uuid": filled.uuid}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response)
    assert "Wat is de directe aanleiding?" in text
    assert "Hoe ernstig, hoe groot, van welke aard en hoe dringend in de tijd?" in text
    assert "Ernsternstig" in text.replace(" ", "") or "Ernst ernstig" in text
    assert "Niet ingevuld in deze bijeenkomst." in text
    assert HOSTILE in text
    assert "Als de avond herhaald wordt, dan volgen er opnieuw confrontaties." in text
    assert "Buurtgesprek" in text
    assert "CONCEPT" in text
    assert AuditEvent.objects.filter(action="verslag.gedownload").count() == 1


def test_the_page_shows_the_same_content_escaped(client, verified_login, filled):
    verified_login(client, Role.BURGEMEESTER)
    response = client.get(reverse("bob:session_minutes", kwargs={"uuid": filled.uuid}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wat is de directe aanleiding?" in page
    assert "ernstig" in page
    assert "Niet ingevuld in deze bijeenkomst." in page
    assert HOSTILE not in page
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page


@pytest.mark.parametrize("name", ["session_minutes", "session_minutes_pdf"])
def test_a_signaleerder_is_refused(client, verified_login, filled, name):
    verified_login(client, Role.SIGNALEERDER)
    response = client.get(reverse(f"bob:{name}", kwargs={"uuid": filled.uuid}))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="verslag.gedownload").exists()


@pytest.mark.parametrize("name", ["session_minutes", "session_minutes_pdf"])
def test_an_unknown_session_is_404(client, verified_login, name):
    verified_login(client, Role.BURGEMEESTER)
    url = reverse(f"bob:{name}", kwargs={"uuid": "00000000-0000-4000-8000-000000000000"})
    assert client.get(url).status_code == 404


def test_a_confidential_cited_signal_the_reader_may_not_see_is_only_counted(filled):
    visible = SignalFactory(observation="Gewone melding")
    hidden = SignalFactory(vertrouwelijk=True, observation="Vertrouwelijke melding")
    for signal in (visible, hidden):
        CaseSignal.objects.create(case=filled.case, signal=signal, linked_by=filled.chair)
    decision_record(
        user=filled.chair,
        session_uuid=filled.uuid,
        stage="beeldvorming",
        text="Op grond van de meldingen",
        signal_uuids=[visible.uuid, hidden.uuid],
    )
    reader = UserFactory(roles=[Role.KERNTEAMLID])
    snapshot = session_minutes_snapshot(session=filled, reader=reader)
    decision = next(d for d in snapshot["decisions"] if d["text"] == "Op grond van de meldingen")
    assert decision["signal_count"] == 1
    assert "Vertrouwelijke melding" not in json.dumps(snapshot)
    # The chair (voorzitter) may see both.
    chair_view = session_minutes_snapshot(session=filled, reader=filled.chair)
    counts = {d["number"]: d["signal_count"] for d in chair_view["decisions"]}
    assert counts[decision["number"]] == 2


def test_a_follow_up_shows_the_reviews_and_the_checked_list():
    from bob.services import decision_list_adopt, decision_review_record
    from kernteam.services import session_finish

    first = SessionFactory(bezig=True, starts_at=timezone.now() - datetime.timedelta(days=7))
    decision = decision_record(
        user=first.chair, session_uuid=first.uuid, stage="afspraak", text="Jongerenwerk inzetten"
    )
    session_finish(user=first.chair, session_uuid=first.uuid)
    follow_up = SessionFactory(bezig=True, case=first.case, kind="vervolg", chair=first.chair)
    decision_list_adopt(
        user=first.chair, session_uuid=first.uuid, in_session_uuid=follow_up.uuid, confirmed=True
    )
    decision_review_record(
        user=first.chair,
        session_uuid=follow_up.uuid,
        decision_uuid=decision.uuid,
        judgement="deels",
        note="Minder overlast in het weekend",
    )
    snapshot = session_minutes_snapshot(session=follow_up, reader=first.chair)
    assert json.loads(json.dumps(snapshot)) == snapshot
    previous = _step(snapshot, "besluitenlijst")["blocks"]["adopt_previous"]
    assert previous["adopted_here"]
    review = _step(snapshot, "acties")["blocks"]["decision_review"][0]
    assert review["judgement"] == "Deels zichtbaar"
    assert review["decision_text"] == "Jongerenwerk inzetten"
    assert _step(snapshot, "uitbreiding")["is_empty"]


def _prepare(session, text):
    member = UserFactory(roles=[Role.KERNTEAMLID], first_name="Petra", last_name="Prepa")
    Preparation.objects.create(session=session, author=member, what_happened=text)


def _choose(client, session, value):
    url = reverse("bob:session_minutes_preparations", kwargs={"uuid": session.uuid})
    return client.post(url, {"voorbereidingen": value}, follow=True)


def test_preparations_appear_as_a_summary_only_when_the_chair_chooses(client, filled):
    long_answer = "Jongeren hangen rond het plein. " * 30
    _prepare(filled, long_answer)
    page_url = reverse("bob:session_minutes", kwargs={"uuid": filled.uuid})
    snapshot = session_minutes_snapshot(session=filled, reader=None)
    assert "preparations" not in _step(snapshot, "motivering")["blocks"]  # not by default

    login_as(client, filled.chair)
    assert "Voorbereidingen in het verslag?" in client.get(page_url).content.decode()
    page = _choose(client, filled, "ja").content.decode()
    assert "De voorbereidingen staan als samenvatting in het verslag." in page
    block = _step(session_minutes_snapshot(session=filled, reader=None), "motivering")["blocks"]
    (row,) = block["preparations"]["rows"]
    assert row["author"].startswith("Petra Prepa")
    (answer,) = row["answers"]
    assert answer["label"] == "Wat is er gebeurd?"
    assert len(answer["value"]) <= 280 and answer["value"].endswith("…")  # a summary
    assert "Voorbereidingen (samenvatting)" in page and "Petra Prepa" in page

    _choose(client, filled, "nee")
    snapshot = session_minutes_snapshot(session=filled, reader=None)
    assert "preparations" not in _step(snapshot, "motivering")["blocks"]


def test_only_the_chair_chooses_and_not_after_adoption(client, verified_login, filled):
    verified_login(client, Role.KERNTEAMLID)
    page_url = reverse("bob:session_minutes", kwargs={"uuid": filled.uuid})
    assert "Voorbereidingen in het verslag?" not in client.get(page_url).content.decode()
    assert _choose(client, filled, "ja").status_code == 403
    assert not DecisionList.objects.filter(session=filled, include_preparations=True).exists()

    session_finish(user=filled.chair, session_uuid=filled.uuid)
    decision_list_adopt(user=filled.chair, session_uuid=filled.uuid, confirmed=True)
    login_as(client, filled.chair)
    assert "Voorbereidingen in het verslag?" not in client.get(page_url).content.decode()
    page = _choose(client, filled, "ja").content.decode()
    assert "Een vastgestelde besluitenlijst verandert niet meer." in page
    assert not DecisionList.objects.filter(session=filled, include_preparations=True).exists()


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")) and not REQUIRE_SERVICES,
    reason="poppler-utils (pdftoppm) not installed",
)
def test_page_one_of_the_frozen_verslag_renders_to_png_with_its_text(filled, tmp_path):
    session_finish(user=filled.chair, session_uuid=filled.uuid)
    decision_list = decision_list_adopt(user=filled.chair, session_uuid=filled.uuid, confirmed=True)
    pdf_path = tmp_path / "verslag.pdf"
    pdf_path.write_bytes(decision_list.minutes_document.read_bytes())
    subprocess.run(  # noqa: S603 — fixed arguments, our own temporary file
        [
            shutil.which("pdftoppm"),
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            pdf_path,
            tmp_path / "p",
        ],
        check=True,
    )
    (png,) = tmp_path.glob("p-*1.png")
    with Image.open(png) as image:
        assert image.width > 400 and image.height > 600
        darkest, _lightest = image.convert("L").getextrema()
        assert darkest < 80  # not blank: header, headings and text
    page_one = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext"), "-f", "1", "-l", "1", "-layout", pdf_path, "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for expected in (
        "Gemeente Voorbeeldrade",
        "Vertrouwelijk — niet openbaar",
        "Verslag",
        "Motivering",
        "Bewonersavond liep uit de hand",
        "pagina 1 van",
    ):
        assert expected in page_one
    assert "CONCEPT" not in page_one  # frozen with its adopted list
