"""Render the besluitenlijst PDF from its snapshot (bob.selectors.documents).

One function for both states: a concept is drawn live with a CONCEPT watermark; an
adopted list is drawn once, at adoption, as an archival PDF/A-3a and stored.
"""

from django.utils import timezone

from samos.documents.rendering import render_template_to_pdf
from samos.documents.services import stored_document_create

from .selectors.documents import decision_list_snapshot, snapshot_fingerprint


def decision_list_pdf(snapshot: dict, *, created=None) -> bytes:
    adopted = snapshot.get("adoption") is not None
    context = {
        "doc": snapshot,
        "municipality": snapshot["municipality"],
        "confidentiality": snapshot["confidentiality"],
        "is_exercise": snapshot["case"]["is_exercise"],
        "is_concept": not adopted,
        "fingerprint": snapshot_fingerprint(snapshot),
        "created": (created or timezone.now()).date().isoformat(),
    }
    return render_template_to_pdf("pdf/besluitenlijst.html", context, archival=adopted)


def decision_list_filename(snapshot: dict) -> str:
    day = "-".join(reversed(snapshot["session"]["date"].split("-")))  # d-m-Y → Y-m-d
    suffix = "" if snapshot.get("adoption") else "-concept"
    return f"besluitenlijst-{day}{suffix}.pdf"


def decision_list_freeze(*, session, adopted_at, adopted_by, adopted_in=None):
    """Take the snapshot of an adoption and store its PDF once; returns (snapshot, document).

    Called by `decision_list_adopt` inside its transaction (and by the demo seeder, whose
    story lies in the past), before the list's status changes.
    """
    snapshot = decision_list_snapshot(
        session=session, adopted_at=adopted_at, adopted_by=adopted_by, adopted_in=adopted_in
    )
    document = stored_document_create(
        kind="besluitenlijst",
        title=decision_list_filename(snapshot),
        content=decision_list_pdf(snapshot, created=adopted_at),
    )
    return snapshot, document
