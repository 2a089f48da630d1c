"""Approved and sent messages and the kernteam's judgements are part of the case dossier,
frozen in its snapshot; a reader who may not read communication gets a dossier without
that part."""

import io
import json
import re

import pytest
from pypdf import PdfReader

from bob.documents import case_dossier_pdf
from bob.selectors import case_dossier_snapshot
from communicatie import services
from communicatie.models import Message
from samos.accounts.roles import Role
from tests.communicatie.test_runner import _case_with_sent_letter
from tests.factories import MessageFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def _judged_case():
    case, first, residents = _case_with_sent_letter()
    follow_up = SessionFactory(case=case, kind="vervolg", afgerond=True)
    services.judgements_record(
        actor=follow_up.chair or UserFactory(roles=[Role.VOORZITTER]),
        session=follow_up,
        entries=[
            services.JudgementEntry(
                "doelgroep", residents.name, "deescalerend", "De brief nam zorgen weg."
            )
        ],
    )
    # A concept never reaches the dossier: only what was approved.
    MessageFactory(case=case, title="Nog een concept", text="Nooit goedgekeurd.")
    return case


def test_the_stored_dossier_holds_the_approved_text_and_the_judgements():
    case = _judged_case()
    snapshot = case_dossier_snapshot(case=case, reader=None, interim=True)
    json.dumps(snapshot)  # storable as it is
    (part,) = [s for s in snapshot["added_sections"] if s["key"] == "communicatie"]
    assert [m["title"] for m in part["content"]["messages"]] == ["Brief na de avond"]
    # Rendered later without the live rows: the snapshot alone carries the part.
    Message.objects.filter(title="Brief na de avond").delete()
    text = _pdf_text(case_dossier_pdf(snapshot))
    assert "Communicatie" in text and "Brief na de avond" in text
    assert "De brief nam zorgen weg." in text and re.search(r"De-\s?escalerend", text)
    assert "Nog een concept" not in text
    contents = text[: text.index("Verloop van de fasen", text.index("Inhoud") + 10)]
    assert "Communicatie" in contents


def test_a_reader_without_communication_rights_gets_no_communication_part():
    case = _judged_case()
    outsider = UserFactory(roles=[Role.BEHEERDER])
    assert case_dossier_snapshot(case=case, reader=outsider, interim=True)["added_sections"] == []
    member = UserFactory(roles=[Role.KERNTEAMLID])
    keys = [
        s["key"]
        for s in case_dossier_snapshot(case=case, reader=member, interim=True)["added_sections"]
    ]
    assert keys == ["communicatie"]
