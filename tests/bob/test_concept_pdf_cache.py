"""A concept PDF is drawn live, but the same content on the same day is drawn once: the
verslag costs a second or more of CPU per drawing (bench/load). Changed content is drawn
again, and an adopted record never comes from the cache."""

import io
from unittest import mock

import pytest
from pypdf import PdfReader

from bob import documents
from bob.selectors.documents import decision_list_snapshot
from bob.services import decision_record
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_same_concept_is_drawn_once_and_a_change_is_drawn_again():
    session = SessionFactory(bezig=True)
    decision_record(
        user=session.chair, session_uuid=session.uuid, stage="afspraak", text="Eerste afspraak"
    )
    drawing = mock.patch.object(
        documents, "render_template_to_pdf", wraps=documents.render_template_to_pdf
    )
    with drawing as render:
        first = documents.decision_list_pdf(decision_list_snapshot(session=session))
        again = documents.decision_list_pdf(decision_list_snapshot(session=session))
        assert render.call_count == 1
        assert again == first
        decision_record(
            user=session.chair, session_uuid=session.uuid, stage="afspraak", text="Tweede afspraak"
        )
        changed = documents.decision_list_pdf(decision_list_snapshot(session=session))
        assert render.call_count == 2
    assert "Tweede afspraak" in text_of(changed)
    assert "Tweede afspraak" not in text_of(first)


def test_an_adopted_record_is_drawn_fresh_as_an_archival_pdf():
    session = SessionFactory(bezig=True)
    snapshot = decision_list_snapshot(session=session)
    snapshot["adoption"] = {"at": "01-12-2026 21:00", "by": "Voorzitter", "in_session": ""}
    drawing = mock.patch.object(
        documents, "render_template_to_pdf", wraps=documents.render_template_to_pdf
    )
    with drawing as render:
        documents.decision_list_pdf(snapshot)
        documents.decision_list_pdf(snapshot)
    assert render.call_count == 2
    assert all(call.kwargs["archival"] for call in render.call_args_list)
