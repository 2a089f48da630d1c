"""The registry of data-subject search sources: where a name, e-mail or phone number can be.

Apps register a source in their ``AppConfig.ready()``; ``samos`` itself imports no app::

    from samos.privacy.registry import register_source

    register_source(datasubject.SOURCE)

A source is ``search(*, terms, limit) -> Iterable[Match]``: every record of the app that
mentions one of TERMS (the term as typed and its variants, lower case), at most LIMIT + 1
(one more tells the page that there are more). ``samos.privacy.search.field_matches``
does the usual work: OR-ed ``icontains`` over named fields, one Match per field hit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Match:
    """One field of one record that mentions the term."""

    kind: str  # what the record is: "Signaal", "Deelnemer (derde)", …
    reference: str  # its uuid (or id): enough to find it again in the admin or the app
    description: str  # a short label without free text ("Signaal 03-02-2026, Kern Noord")
    field: str  # the field that mentions the term ("waarneming")
    excerpt: str  # the text around the first mention
    moment: datetime | None = None


@dataclass(frozen=True)
class Source:
    code: str
    label: str  # shown as the heading of its group of results
    search: Callable[..., Iterable[Match]]
    order: int = 50


_lock = threading.Lock()
_sources: dict[str, Source] = {}


def register_source(source: Source) -> None:
    with _lock:
        current = _sources.get(source.code)
        if current is not None and current != source:
            raise ValueError(f"Data-subject source {source.code!r} is already registered.")
        _sources[source.code] = source


def registered_sources() -> list[Source]:
    with _lock:
        return sorted(_sources.values(), key=lambda s: (s.order, s.code))
