"""Parts that apps above bob add to the case dossier, as a registry.

bob draws the dossier's own parts (phases, sessions, actions, information requests,
evaluation); an app above bob (communicatie) registers a part with a function that gives
its content as plain, JSON-ready data — the dossier is stored as a snapshot and rendered
later without the database — and the template under templates/pdf/ that draws it. The
parts are printed before the evaluation, in the order of their `order`. bob imports none
of those apps.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["DossierSection", "register", "registered_sections"]


@dataclass(frozen=True)
class DossierSection:
    key: str
    # Shown in the dossier's table of contents and as the part's heading.
    title: Callable[[], str]
    # (case, reader) → plain data, or None when READER may not see this part at all.
    # READER is None for the stored record, which holds everything.
    content: Callable[[Any, Any], Any]
    # Under templates/pdf/; gets the content as `content`.
    template: str
    order: int = 100


_REGISTRY: dict[str, DossierSection] = {}


def register(section: DossierSection) -> None:
    existing = _REGISTRY.get(section.key)
    if existing is not None and existing != section:
        raise ValueError(f"Dossier section {section.key!r} is already registered.")
    if not section.template.startswith("pdf/"):
        raise ValueError(f"Dossier section {section.key!r}: its template lives under pdf/.")
    _REGISTRY[section.key] = section


def registered_sections() -> list[DossierSection]:
    return sorted(_REGISTRY.values(), key=lambda section: (section.order, section.key))
