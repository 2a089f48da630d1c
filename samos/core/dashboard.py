"""Registry of start-page panels. Apps contribute panels for the roles they serve."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    roles: frozenset
    order: int = 50
    # Builds the panel's own context from the request; it must use the app's selectors.
    context: Callable | None = None


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _PANELS[panel.template] = panel


def panels_for(request) -> list[dict]:
    user = request.user
    result = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.template)):
        if user.has_role(*panel.roles):
            extra = panel.context(request) if panel.context else {}
            result.append({"template": panel.template, **extra})
    return result
