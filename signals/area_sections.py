"""Registry of the parts of an area page (/gebieden/<uuid>/).

The page belongs to the signals app because areas do; other apps add what they know
about a place (kernteam: the phase over time and the open cases) by registering a
section here from their AppConfig.ready(). A section decides itself, from the reader's
rights, whether it shows: its context function returns None to stay away.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AreaSection:
    key: str
    template: str
    # context(request, area, area_ids) -> dict | None. AREA_IDS: the area and every area
    # below it (a kern with its buurten), which is what "in this area" means.
    context: Callable
    order: int = 50


_SECTIONS: dict[str, AreaSection] = {}


def register(section: AreaSection) -> None:
    _SECTIONS[section.key] = section


def sections_for(request, area, area_ids) -> list[dict]:
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        extra = section.context(request, area, area_ids)
        if extra is not None:
            shown.append({"template": section.template, "key": section.key, **extra})
    return shown
