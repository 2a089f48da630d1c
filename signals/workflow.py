"""Triage statuses of a signal and the transitions the coördinator may make."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    BEKEKEN = "bekeken", _("Bekeken")
    GEKOPPELD = "gekoppeld", _("Gekoppeld aan casus")
    GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")


# from → allowed targets. Linking to a case happens in the kernteam app (later issue),
# through signal_link_to_case; archived signals can be reopened for review.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    SignalStatus.NIEUW: frozenset(
        {SignalStatus.BEKEKEN, SignalStatus.GEKOPPELD, SignalStatus.GEARCHIVEERD}
    ),
    SignalStatus.BEKEKEN: frozenset({SignalStatus.GEKOPPELD, SignalStatus.GEARCHIVEERD}),
    SignalStatus.GEKOPPELD: frozenset({SignalStatus.BEKEKEN}),
    # An archived signal can be reopened, or turn out to belong to a case after all.
    SignalStatus.GEARCHIVEERD: frozenset({SignalStatus.BEKEKEN, SignalStatus.GEKOPPELD}),
}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())
