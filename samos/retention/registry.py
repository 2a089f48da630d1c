"""The registry of retention categories: what is kept how long, and who removes it.

Apps register their categories in ``AppConfig.ready()``; ``samos`` imports no app::

    from samos.retention.registry import register

    class SignalsConfig(AppConfig):
        def ready(self):
            from . import retention

            register(retention.UNLINKED_SIGNALS)

A category's ``enforce(*, now, batch_size)`` anonymises or deletes what is past its
period at ``now`` and returns an ``Outcome``. It must be idempotent (a second run finds
nothing left to do) and work in batches, each in its own transaction
(``samos.retention.services.in_batches``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Handling(models.TextChoices):
    DELETE = "verwijderd", _("verwijderd")
    ANONYMISE = "geanonimiseerd", _("geanonimiseerd")


@dataclass(frozen=True)
class Outcome:
    """What one run did in one category: records handled, files removed, records skipped."""

    count: int = 0
    files: int = 0
    skipped: int = 0

    def __add__(self, other: Outcome) -> Outcome:
        return Outcome(
            self.count + other.count, self.files + other.files, self.skipped + other.skipped
        )


@dataclass(frozen=True)
class Category:
    code: str  # stable: it is written to the audit log
    label: str
    handling: Handling
    setting: str  # the Django setting that holds the period (docs/privacy.md names it)
    enforce: Callable[..., Outcome]
    order: int = 50


_lock = threading.Lock()
_categories: dict[str, Category] = {}


def register(category: Category) -> None:
    """Register CATEGORY. Registering the same one again is a no-op."""
    with _lock:
        current = _categories.get(category.code)
        if current is not None and current != category:
            raise ValueError(f"Retention category {category.code!r} is already registered.")
        _categories[category.code] = category


def unregister(code: str) -> None:
    """Remove the category CODE (tests); unknown codes are ignored."""
    with _lock:
        _categories.pop(code, None)


def registered_categories() -> list[Category]:
    """A snapshot, in the order the nightly job walks them."""
    with _lock:
        return sorted(_categories.values(), key=lambda c: (c.order, c.code))
