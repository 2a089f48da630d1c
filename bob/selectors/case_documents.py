"""Reads of the reading table (/stukken/): the stored records a reader may open, whether
they opened them, and who of the burgemeester and the voorzitter read an adopted list.

Every read here costs a fixed number of queries, however many documents a municipality
has kept over the years (bench/reading_table.py).
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery

from bob.models import CaseDocument
from bob.workflow import DocumentKind
from kernteam.models import Case
from kernteam.permissions import can_read_sessions
from kernteam.selectors import case_need_to_know_q
from samos.accounts.permission_table import Can, roles_that
from samos.documents.models import DocumentRead

__all__ = [
    "case_document_get_for",
    "case_documents_for",
    "official_reads",
    "reading_table_cases",
    "unread_documents_for",
]

# Whose reading the table shows for an adopted list (the issue: "who of the burgemeester
# and the voorzitter has read it").
OFFICIAL_READER_ROLES = tuple(roles_that(Can.READ_OFFICIAL_RECORDS))


def case_documents_for(*, user) -> QuerySet[CaseDocument]:
    """Every stored record USER may open, newest first, with `read_at` for USER."""
    if not can_read_sessions(user):
        return CaseDocument.objects.none()
    own_read = DocumentRead.objects.filter(reader=user, document=OuterRef("document_id"))
    return (
        CaseDocument.objects.filter(case_need_to_know_q(user, prefix="case__"))
        .select_related("case", "session", "document")
        .annotate(read_at=Subquery(own_read.values("read_at")[:1]))
        .order_by("-created_at", "-id")
    )


def unread_documents_for(*, user) -> QuerySet[CaseDocument]:
    own_read = DocumentRead.objects.filter(reader=user, document=OuterRef("document_id"))
    return case_documents_for(user=user).filter(~Exists(own_read))


def case_document_get_for(*, user, uuid) -> CaseDocument | None:
    return case_documents_for(user=user).filter(uuid=uuid).first()


def reading_table_cases(*, user) -> QuerySet[Case]:
    """The cases that have stukken, for the filter (one query)."""
    if not can_read_sessions(user):
        return Case.objects.none()
    has_documents = CaseDocument.objects.filter(case=OuterRef("pk"))
    return (
        Case.objects.filter(Exists(has_documents))
        .filter(case_need_to_know_q(user))
        .order_by("-opened_at", "-id")
    )


def official_reads(entries) -> dict[int, list[dict]]:
    """For each adopted besluitenlijst among ENTRIES: every active burgemeester and
    voorzitter, with when they first opened it (None: not yet). Two queries in all."""
    list_ids = [e.document_id for e in entries if e.kind == DocumentKind.BESLUITENLIJST]
    if not list_ids:
        return {}
    officials = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=OFFICIAL_READER_ROLES)
        .prefetch_related(Prefetch("groups"))
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    reads = {
        (read.document_id, read.reader_id): read.read_at
        for read in DocumentRead.objects.filter(
            document_id__in=list_ids, reader__in=officials
        ).only("document_id", "reader_id", "read_at")
    }
    result = {}
    for document_id in list_ids:
        result[document_id] = [
            {
                "name": official.get_full_name() or official.get_username(),
                "role": _official_role(official),
                "read_at": reads.get((document_id, official.pk)),
            }
            for official in officials
        ]
    return result


def _official_role(user) -> str:
    names = {group.name for group in user.groups.all()}
    for role in OFFICIAL_READER_ROLES:
        if role.value in names:
            return str(role.label)
    return ""
