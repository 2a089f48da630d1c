"""Render the besluitenlijst and the verslag as PDF from their snapshots, and freeze both
at adoption.

One function per document for both states: a concept is drawn live with a CONCEPT
watermark; an adopted list and its verslag are drawn once, at adoption, as archival
PDF/A-3a files and stored (docs/adr/0008-archival-pdf.md). The case dossier is drawn from
its own snapshot (bob.selectors.dossier), which carries those frozen records as they are.
"""

from django.core.cache import cache
from django.utils import timezone

from samos.documents.rendering import render_template_to_pdf
from samos.documents.services import stored_document_create

from .selectors.documents import decision_list_snapshot, snapshot_fingerprint
from .selectors.minutes import session_minutes_snapshot


def _document_context(snapshot: dict, *, created) -> dict:
    adopted = snapshot.get("adoption") is not None
    return {
        "doc": snapshot,
        "municipality": snapshot["municipality"],
        "confidentiality": snapshot["confidentiality"],
        "logo": snapshot.get("logo", ""),
        "is_exercise": snapshot["case"]["is_exercise"],
        "is_concept": not adopted,
        "fingerprint": snapshot_fingerprint(snapshot),
        "created": (created or timezone.now()).date().isoformat(),
    }


def _filename(prefix: str, snapshot: dict) -> str:
    day = "-".join(reversed(snapshot["session"]["date"].split("-")))  # d-m-Y → Y-m-d
    suffix = "" if snapshot.get("adoption") else "-concept"
    return f"{prefix}-{day}{suffix}.pdf"


# A concept is drawn live, but drawing the verslag costs a second or more of CPU: the
# same content on the same day gives the same PDF, so it is kept a while under its
# content fingerprint (the snapshot is per reader, so is the fingerprint).
CONCEPT_CACHE_SECONDS = 600


def _render(template: str, snapshot: dict, *, created) -> bytes:
    context = _document_context(snapshot, created=created)
    if not context["is_concept"]:
        return render_template_to_pdf(template, context, archival=True)
    key = f"bob:concept-pdf:{template}:{context['created']}:{context['fingerprint']}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_template_to_pdf(template, context, archival=False)
        cache.set(key, pdf, CONCEPT_CACHE_SECONDS)
    return pdf


def decision_list_pdf(snapshot: dict, *, created=None) -> bytes:
    return _render("pdf/besluitenlijst.html", snapshot, created=created)


def decision_list_filename(snapshot: dict) -> str:
    return _filename("besluitenlijst", snapshot)


def minutes_pdf(snapshot: dict, *, created=None) -> bytes:
    return _render("pdf/verslag.html", snapshot, created=created)


def minutes_filename(snapshot: dict) -> str:
    return _filename("verslag", snapshot)


def decision_list_freeze(*, session, adopted_at, adopted_by, adopted_in=None) -> dict:
    """Take the snapshots of an adoption — the list and the session's verslag — and store
    both PDFs once; returns the DecisionList fields to save.

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
    minutes = session_minutes_snapshot(session=session, reader=None, at=adopted_at)
    # The verslag is final with its list: it carries the same adoption line.
    minutes["adoption"] = snapshot["adoption"]
    minutes_document = stored_document_create(
        kind="verslag",
        title=minutes_filename(minutes),
        content=minutes_pdf(minutes, created=adopted_at),
    )
    return {
        "snapshot": snapshot,
        "document": document,
        "minutes_snapshot": minutes,
        "minutes_document": minutes_document,
    }


def case_dossier_pdf(snapshot: dict, *, created=None) -> bytes:
    """The dossier of a case (bob.selectors.case_dossier_snapshot) as an archival PDF/A-3a.

    Archival in both states: the closing dossier is the case's record, and a tussenstand
    is stored too. It carries no CONCEPT watermark; a tussenstand says TUSSENSTAND on its
    title page and in the header of every page instead.
    """
    context = {
        **_document_context(snapshot, created=created),
        "is_concept": False,
        "is_interim": snapshot["interim"],
    }
    return render_template_to_pdf("pdf/dossier.html", context, archival=True)


def case_dossier_filename(snapshot: dict) -> str:
    """dossier-<Y-m-d>.pdf, or dossier-tussenstand-<Y-m-d>.pdf; no case title (it is
    user text, and file names travel further than the file)."""
    day = "-".join(reversed(snapshot["date"].split("-")))  # d-m-Y → Y-m-d
    prefix = "dossier-tussenstand" if snapshot["interim"] else "dossier"
    return f"{prefix}-{day}.pdf"
