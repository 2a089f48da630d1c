"""Searching every registered source for one term; helpers the sources share."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from .registry import Match, Source, registered_sources

EXCERPT_CHARS = 60
_SPACES = re.compile(r"\s+")
_PHONE_LIKE = re.compile(r"^\+?[0-9][0-9 ()./-]{7,}$")


def normalise_term(term: str) -> str:
    return _SPACES.sub(" ", term).strip()


def term_variants(term: str) -> list[str]:
    """The term in lower case, and for a phone number the ways it is usually written.

    "06-12345678", "0612345678", "06 12345678" and "+31612345678" are the same number;
    a text search finds only the spelling it is given, so each is tried.
    """
    term = normalise_term(term).lower()
    variants = [term]
    if _PHONE_LIKE.match(term):
        digits = re.sub(r"[^0-9]", "", term)
        if term.startswith("+31") or digits.startswith("0031"):
            digits = "0" + digits[4 if digits.startswith("0031") else 2 :]
        if digits.startswith("0") and len(digits) == 10:
            national = digits[1:]
            variants += [
                digits,
                f"{digits[:2]}-{digits[2:]}",
                f"{digits[:2]} {digits[2:]}",
                f"{digits[:3]}-{digits[3:]}",
                f"{digits[:3]} {digits[3:]}",
                f"{digits[:4]}-{digits[4:]}",
                f"+31{national}",
                f"+31 {national}",
                f"+31 (0){national}",
            ]
    return list(dict.fromkeys(variants))


def excerpt(text: str, terms: Iterable[str], *, width: int = EXCERPT_CHARS) -> str:
    """TEXT around its first mention of one of TERMS, on one line."""
    flat = _SPACES.sub(" ", text)
    lower = flat.lower()
    positions = [(lower.find(term), term) for term in terms if term and term in lower]
    if not positions:
        return flat[: 2 * width]
    start, term = min(positions)
    begin, end = max(0, start - width), min(len(flat), start + len(term) + width)
    return ("…" if begin else "") + flat[begin:end] + ("…" if end < len(flat) else "")


def _text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _value(obj, path: str):
    for part in path.split("__"):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def field_matches(
    queryset: QuerySet,
    fields: dict[str, str],
    *,
    terms: list[str],
    limit: int,
    kind: str | Callable[[object], str],
    describe: Callable[[object], str],
    moment: Callable[[object], datetime | None] = lambda obj: None,
    json_fields: Iterable[str] = (),
) -> list[Match]:
    """Records of QUERYSET where one of FIELDS (path → Dutch label) contains a term.

    JSON fields are searched as their text. One Match per record and field; at most
    LIMIT + 1 records are read.
    """
    json_fields = set(json_fields)
    annotations = {f"_{name}_text": Cast(name, TextField()) for name in json_fields}
    lookups = [
        Q(**{f"{f'_{name}_text' if name in json_fields else name}__icontains": term})
        for name in fields
        for term in terms
    ]
    rows = queryset.annotate(**annotations).filter(reduce(or_, lookups))[: limit + 1]
    matches = []
    for obj in rows:
        for name, label in fields.items():
            text = _text_of(_value(obj, name))
            if any(term in text.lower() for term in terms):
                matches.append(
                    Match(
                        kind=kind(obj) if callable(kind) else str(kind),
                        reference=str(getattr(obj, "uuid", None) or obj.pk),
                        description=describe(obj),
                        field=str(label),
                        excerpt=excerpt(text, terms),
                        moment=moment(obj),
                    )
                )
    return matches


@dataclass(frozen=True)
class SourceResult:
    source: Source
    matches: list[Match]
    truncated: bool


def search_everywhere(term: str, *, limit: int) -> list[SourceResult]:
    """Each source's matches for TERM (at most LIMIT per source, and whether it had more)."""
    terms = term_variants(term)
    results = []
    for source in registered_sources():
        matches = list(source.search(terms=terms, limit=limit))
        references = list(dict.fromkeys((m.kind, m.reference) for m in matches))
        truncated = len(references) > limit
        if truncated:
            keep = set(references[:limit])
            matches = [m for m in matches if (m.kind, m.reference) in keep]
        results.append(SourceResult(source=source, matches=matches, truncated=truncated))
    return results
