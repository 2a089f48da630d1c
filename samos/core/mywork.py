""" "Mijn werk" on the start page: what waits for this person, gathered from every app.

Each app registers sections (its own actions, requests, sessions, …) with the roles they
serve and a function that builds the section for one user from the app's selectors. A
section costs a fixed number of queries, whatever the amount of work: it shows its first
few items and the total. The panel shows the sections that have something; with nothing
anywhere it says so.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["WorkItem", "WorkList", "WorkSection", "register", "work_for"]

# How many items a section lists before "alle n bekijken".
SHOWN = 5


@dataclass(frozen=True)
class WorkItem:
    label: str
    url: str
    # One line under the label: a case, a deadline.
    detail: str = ""
    # A short state beside it ("te laat", "voorbereid"); its tone picks the badge colour.
    flag: str = ""
    tone: str = ""  # "danger", "success" or ""


@dataclass(frozen=True)
class WorkList:
    title: str
    items: list[WorkItem] = field(default_factory=list)
    total: int = 0
    # Where the whole list lives, and its link text (already counted and translated).
    more_url: str = ""
    more_label: str = ""
    # A section that only counts (others' overdue actions): one sentence and a link.
    summary: str = ""


@dataclass(frozen=True)
class WorkSection:
    key: str
    roles: frozenset
    # user → WorkList, or None when the section has nothing for this user.
    build: Callable[[Any], WorkList | None]
    order: int = 50


_SECTIONS: dict[str, WorkSection] = {}


def register(section: WorkSection) -> None:
    existing = _SECTIONS.get(section.key)
    if existing is not None and existing != section:
        raise ValueError(f"Work section {section.key!r} is already registered.")
    _SECTIONS[section.key] = section


def has_sections_for(user) -> bool:
    """Whether any section serves one of USER's roles (the beheerder has none: no panel)."""
    return any(user.has_role(*section.roles) for section in _SECTIONS.values())


def work_for(user) -> list[WorkList]:
    """The sections with work for USER, in their order."""
    result = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        if not user.has_role(*section.roles):
            continue
        work = section.build(user)
        if work is not None and (work.total or work.summary):
            result.append(work)
    return result


def panel_context(request) -> dict:
    user = request.user
    if not has_sections_for(user):
        return {"has_sections": False, "sections": []}
    return {"has_sections": True, "sections": work_for(user)}
