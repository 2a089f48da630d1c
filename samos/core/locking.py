"""Optimistic locking: a form carries the version it was opened with; a save with an older
version is refused with a clear message instead of silently overwriting someone else."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

STALE_MESSAGE = _(
    "Iemand anders heeft dit intussen gewijzigd. Bekijk de nieuwe stand en voer uw "
    "wijziging opnieuw in; uw tekst staat hieronder nog."
)


class StaleVersion(ValidationError):
    """Someone else saved the record since this form was opened."""


def check_version(current: int, expected: int | None, message=STALE_MESSAGE) -> None:
    """Raise StaleVersion when EXPECTED (from the form) is not the CURRENT version."""
    if expected is not None and current != expected:
        raise StaleVersion(message, code="stale")
