"""A case in escalatie with a beeld, an oordeel, a scenario, open and closed actions and
decisions, built through the services as the runner makes them."""

import datetime
import io

from django.utils import timezone
from pypdf import PdfReader

from bob.services import decision_record, scenario_add, step_save
from kernteam.services import case_set_phase
from tests.factories import ActionFactory, CaseFactory, SessionFactory

BEELD = "Bij het dorpshuis van Oldenmere stonden 200 mensen; er vielen ruiten."
OORDEEL = "Zaterdag is een tweede demonstratie aangekondigd, mogelijk met mensen van buiten."
DECISION = "De burgemeester vraagt de veiligheidsregio om op te schalen."
OPEN_ACTION = "Buurtgesprekken in de Kerkstraat"
CLOSED_ACTION = "Bewonersbrief over de avond"
HOSTILE = '<img src="file:///etc/passwd"> & <b>vet</b>'


def pdf_text(content: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def escalated_case(**case_fields):
    case = CaseFactory(**case_fields)
    session = SessionFactory(
        case=case, bezig=True, starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    chair = session.chair
    step_save(
        user=chair,
        session_uuid=session.uuid,
        step_key="beeldvorming",
        data={"wat_gebeurd": BEELD, "voorgeschiedenis": "", "uitingen": "Online oproepen."},
        expected_version=0,
    )
    step_save(
        user=chair,
        session_uuid=session.uuid,
        step_key="oordeelsvorming",
        data={"wat_nog": OORDEEL, "verwachte_uitingen": "", "groepen": ""},
        expected_version=0,
    )
    step_save(
        user=chair,
        session_uuid=session.uuid,
        step_key="inschatting",
        data={"ernst": "3"},
        expected_version=0,
    )
    scenario_add(
        user=chair,
        session_uuid=session.uuid,
        condition="de demonstratie doorgaat",
        consequence="is extra politie nodig",
        likelihood="groot",
        impact="ernstig",
    )
    decision_record(user=chair, session_uuid=session.uuid, stage="besluitvorming", text=DECISION)
    ActionFactory(case=case, title=OPEN_ACTION)
    ActionFactory(case=case, title=CLOSED_ACTION, status="uitgevoerd")
    case_set_phase(user=chair, case_uuid=case.uuid, phase="escalatie", reason="Ruiten ingegooid.")
    case.refresh_from_db()
    return case, session
