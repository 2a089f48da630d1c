"""The one-page situation picture, rendered for real through the safe renderer and read
back as text; and the hand-overs in the case dossier."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from bob.documents import case_dossier_pdf
from bob.selectors import case_dossier_snapshot
from bob.services import decision_record, scenario_add, step_save
from crisis.documents import situation_pdf
from crisis.services import handover_record, handover_return_record
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.crisis.helpers import (
    BEELD,
    CLOSED_ACTION,
    DECISION,
    HOSTILE,
    OORDEEL,
    OPEN_ACTION,
    escalated_case,
    pdf_text,
)
from tests.factories import ActionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _handover(case, **fields):
    values = {
        "recipient": "crisisorganisatie",
        "handed_over_at": timezone.now() - datetime.timedelta(minutes=5),
        "scope": "Regie over de openbare orde. " + HOSTILE,
        "contact_name": "A. de Vries, officier van dienst",
        "contact_details": "088 123 45 67",
        **fields,
    }
    return handover_record(user=UserFactory(roles=[Role.VOORZITTER]), case_uuid=case.uuid, **values)


def test_the_pdf_shows_beeld_oordeel_open_actions_and_decisions_on_one_page(client, verified_login):
    case, _session = escalated_case()
    handover = _handover(case)
    verified_login(client, Role.BURGEMEESTER)
    response = client.get(
        reverse("crisis:situation_pdf", kwargs={"uuid": case.uuid, "handover_uuid": handover.uuid})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="situatiebeeld-')
    assert "no-store" in response["Cache-Control"]
    text, pages = pdf_text(response.content)
    assert pages == 1
    assert "Situatiebeeld" in text and case.title in text
    assert "Regionale crisisorganisatie" in text and "A. de Vries, officier van dienst" in text
    assert "Beeld" in text and BEELD in text
    assert "Oordeel" in text and OORDEEL in text
    assert "Ernst: ernstig" in text
    assert "Open acties" in text and OPEN_ACTION in text
    assert CLOSED_ACTION not in text
    assert "Belangrijkste besluiten" in text and DECISION in text
    assert "Escalatie" in text
    compact = text.replace(" ", "")  # a table cell wraps anywhere
    assert '<imgsrc="file:///etc/passwd">' in compact  # hostile text shown as text
    assert "<b>vet</b>" in compact
    assert "OEFENING" not in text
    assert AuditEvent.objects.filter(action="situatiebeeld.gedownload").count() == 1


def test_a_busy_case_still_fits_on_one_page():
    """Every answer long, many actions, decisions and scenarios: still one page; what
    does not fit is counted and points to the dossier."""
    case, session = escalated_case(is_exercise=True)
    long = "Lange tekst over wat er speelt in de kern, met veel bijzonderheden. " * 12
    for step_key, names in {
        "motivering": ["aanleiding", "incident", "verwachte_onrust", "andere_leden"],
        "beeldvorming": ["wat_gebeurd", "voorgeschiedenis", "uitingen"],
        "oordeelsvorming": ["wat_nog", "verwachte_uitingen", "groepen"],
        "inschatting": ["ernst_toelichting", "omvang_toelichting", "aard_toelichting"],
    }.items():
        record = session.step_records.filter(step=step_key).first()
        step_save(
            user=session.chair,
            session_uuid=session.uuid,
            step_key=step_key,
            data={name: long for name in names},
            expected_version=record.version if record else 0,
        )
    for _number in range(5):
        scenario_add(
            user=session.chair,
            session_uuid=session.uuid,
            condition=long[:290],
            consequence=long[:290],
            likelihood="reeel",
            impact="beperkt",
        )
        decision_record(user=session.chair, session_uuid=session.uuid, stage="afspraak", text=long)
    for number in range(12):
        ActionFactory(case=case, title=f"Actie {number}: " + long[:180])
    handover = _handover(case, scope=long * 3)
    text, pages = pdf_text(situation_pdf(handover))
    assert pages == 1
    assert "OEFENING" in text
    assert "open acties (zie het dossier)" in text
    assert "eerdere besluiten (zie het dossier)" in text


def test_the_dossier_holds_the_hand_over_and_its_way_back():
    case, _session = escalated_case()
    handover = _handover(case)
    handover_return_record(
        user=UserFactory(roles=[Role.KERNTEAMLID]),
        case_uuid=case.uuid,
        handover_uuid=handover.uuid,
        returned_at=timezone.now(),
        returned_by="B. Jansen, operationeel leider",
        what_comes_back="De nazorg in de kern en de bewonersavonden.",
    )
    snapshot = case_dossier_snapshot(case=case, reader=None, interim=True)
    json.dumps(snapshot)  # storable as it is
    (part,) = [s for s in snapshot["added_sections"] if s["key"] == "overdracht"]
    (row,) = part["content"]["handovers"]
    assert row["recipient"] == "Regionale crisisorganisatie (veiligheidsregio)"
    assert row["returned"]["returned_by"] == "B. Jansen, operationeel leider"
    text, _pages = pdf_text(case_dossier_pdf(snapshot))
    assert "Overdracht aan crisisbeheersing" in text
    assert "Overgedragen aan Regionale crisisorganisatie" in text
    assert "De nazorg in de kern en de bewonersavonden." in text
    assert "B. Jansen, operationeel leider" in text
    assert '<img src="file:///etc/passwd">' in text


def test_the_dossier_part_follows_who_may_read_hand_overs():
    case, _session = escalated_case()
    _handover(case)
    keys = lambda reader: [  # noqa: E731
        s["key"]
        for s in case_dossier_snapshot(case=case, reader=reader, interim=True)["added_sections"]
    ]
    assert "overdracht" in keys(UserFactory(roles=[Role.KERNTEAMLID]))
    assert "overdracht" in keys(UserFactory(roles=[Role.BURGEMEESTER]))
    assert "overdracht" not in keys(UserFactory(roles=[Role.COMMUNICATIE]))
    assert "overdracht" not in keys(UserFactory(roles=[Role.BEHEERDER]))


def test_a_case_never_handed_over_has_no_hand_over_part():
    case, _session = escalated_case()
    snapshot = case_dossier_snapshot(case=case, reader=None, interim=True)
    assert "overdracht" not in [s["key"] for s in snapshot["added_sections"]]
