"""The data-subject search of the beheerder: search, export, and the audit event of each.

The search term is itself personal data (it is usually someone's name), so the audit
log does not store it: it stores a keyed hash (HMAC-SHA-256 with the SECRET_KEY) of the
normalised term. The log then shows that, when, by whom and with how many results a
search was done, and whether two searches were for the same term; given a term, anyone
with the key can check whether it was searched, but the log alone names nobody.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.crypto import salted_hmac

from samos.accounts.roles import Role
from samos.audit.services import audit_record

from .search import SourceResult, normalise_term, search_everywhere

PAGE_LIMIT = 100
EXPORT_LIMIT = 5000


def term_fingerprint(term: str) -> str:
    return salted_hmac(
        "samos.privacy.subject_search", normalise_term(term).lower(), algorithm="sha256"
    ).hexdigest()


def _check(user) -> None:
    if not (user.is_authenticated and user.has_role(Role.BEHEERDER)):
        raise PermissionDenied


def _audited_search(*, user, term, limit, action, count_name, request) -> list[SourceResult]:
    """Search, and record who searched: the term only as its fingerprint, never itself."""
    _check(user)
    results = search_everywhere(term, limit=limit)
    audit_record(
        action=action,
        actor=user,
        request=request,
        details={
            "zoekterm_hmac": term_fingerprint(term),
            count_name: sum(len(result.matches) for result in results),
        },
    )
    return results


@transaction.atomic
def subject_search(*, user, term: str, request=None) -> list[SourceResult]:
    return _audited_search(
        user=user,
        term=term,
        limit=PAGE_LIMIT,
        action="persoonsgegevens.gezocht",
        count_name="treffers",
        request=request,
    )


@transaction.atomic
def subject_export(*, user, term: str, request=None) -> list[SourceResult]:
    return _audited_search(
        user=user,
        term=term,
        limit=EXPORT_LIMIT,
        action="persoonsgegevens.geexporteerd",
        count_name="rijen",
        request=request,
    )
