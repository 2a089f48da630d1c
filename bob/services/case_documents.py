"""Writes of the reading table: file a stored PDF under its case (and session).

Every stored record a reader may open — adopted besluitenlijst, frozen verslag, dossier —
gets one CaseDocument row, so /stukken/ lists them all from one table.
"""

from django.utils.translation import gettext as _

from bob.models import CaseDocument, DecisionList
from bob.workflow import DocumentKind

__all__ = ["case_document_file", "decision_list_file"]


def case_document_file(*, case, document, kind: str, label: str, session=None, created_at=None):
    """File the stored DOCUMENT under CASE; LABEL names it without any case text."""
    entry = CaseDocument(
        case=case, session=session, kind=kind, document=document, label=label[:200]
    )
    if created_at is not None:
        entry.created_at = created_at
    entry.save()
    return entry


def decision_list_file(decision_list: DecisionList) -> list[CaseDocument]:
    """File an adopted list and its frozen verslag (called right after the adoption)."""
    session = decision_list.session
    when = decision_list.snapshot["session"]
    entries = []
    for kind, document in (
        (DocumentKind.BESLUITENLIJST, decision_list.document),
        (DocumentKind.VERSLAG, decision_list.minutes_document),
    ):
        if document is None:
            continue
        label = _("%(kind)s %(session)s %(date)s") % {
            "kind": DocumentKind(kind).label,
            "session": when["kind"].lower(),
            "date": when["date"],
        }
        entries.append(
            case_document_file(
                case=session.case,
                session=session,
                kind=kind,
                document=document,
                label=label,
                created_at=decision_list.adopted_at,
            )
        )
    return entries
