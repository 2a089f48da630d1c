"""The besluitenlijst as PDF: real WeasyPrint output read back as text."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from bob.services import decision_list_adopt, decision_record
from kernteam.services import session_finish
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.factories import CaseFactory, SessionFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<img src="file:///etc/passwd"> Bewonersavond & <b>gesprek</b>'


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    # Lines wrap anywhere in a table cell; join them so phrases can be found whole.
    return "".join(page.extract_text().replace("\n", "") for page in reader.pages)


def test_the_mayor_downloads_the_concept_list_with_hostile_text_as_text(client, verified_login):
    session = SessionFactory(bezig=True)
    decision_record(
        user=session.chair, session_uuid=session.uuid, stage="besluitvorming", text=HOSTILE
    )
    verified_login(client, Role.BURGEMEESTER)
    response = client.get(reverse("bob:decision_list_pdf", kwargs={"uuid": session.uuid}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response)
    assert '<img src="file:///etc/passwd">' in text
    assert "<b>gesprek</b>" in text
    assert "CONCEPT" in text
    assert AuditEvent.objects.filter(action="besluitenlijst.gedownload").count() == 1


def test_an_adopted_list_of_an_exercise_says_so_on_the_page(client, verified_login):
    session = SessionFactory(bezig=True, case=CaseFactory(oefening=True))
    decision_record(user=session.chair, session_uuid=session.uuid, stage="afspraak", text="Vervolg")
    session_finish(user=session.chair, session_uuid=session.uuid)
    decision_list_adopt(user=session.chair, session_uuid=session.uuid, confirmed=True)
    verified_login(client, Role.KERNTEAMLID)
    text = pdf_text(client.get(reverse("bob:decision_list_pdf", kwargs={"uuid": session.uuid})))
    assert "OEFENING" in text
    assert "Vastgesteld" in text and "CONCEPT" not in text
