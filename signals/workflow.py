"""Triage statuses of a signal and the transitions the coördinator may make."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    BEKEKEN = "bekeken", _("Bekeken")
    GEKOPPELD = "gekoppeld", _("Gekoppeld aan casus")
    GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")
    INGETROKKEN = "ingetrokken", _("Ingetrokken door de melder")


# from → allowed targets. "Gekoppeld" follows from linking to a case (kernteam calls
# signal_mark_linked) and "ingetrokken" from the author's withdrawal (signal_withdraw);
# nobody picks either by hand (MANUAL_TARGETS). Archived and withdrawn signals can be
# reopened for review by the coördinator.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    SignalStatus.NIEUW: frozenset(
        {
            SignalStatus.BEKEKEN,
            SignalStatus.GEKOPPELD,
            SignalStatus.GEARCHIVEERD,
            SignalStatus.INGETROKKEN,
        }
    ),
    SignalStatus.BEKEKEN: frozenset(
        {SignalStatus.GEKOPPELD, SignalStatus.GEARCHIVEERD, SignalStatus.INGETROKKEN}
    ),
    # Back to bekeken only when no case holds it any more (case_unlink_signal).
    SignalStatus.GEKOPPELD: frozenset({SignalStatus.BEKEKEN}),
    # An archived signal can be reopened, or turn out to belong to a case after all.
    SignalStatus.GEARCHIVEERD: frozenset({SignalStatus.BEKEKEN, SignalStatus.GEKOPPELD}),
    SignalStatus.INGETROKKEN: frozenset({SignalStatus.BEKEKEN}),
}

# What a coördinator may choose in the triage form: the consequences are not choices.
CONSEQUENCE_STATUSES = frozenset({SignalStatus.GEKOPPELD, SignalStatus.INGETROKKEN})
MANUAL_TARGETS: dict[str, frozenset[str]] = {
    current: targets - CONSEQUENCE_STATUSES
    for current, targets in ALLOWED_TRANSITIONS.items()
    # A linked signal changes status through its case links only.
    if current != SignalStatus.GEKOPPELD
}


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())


def can_set_by_hand(current: str, target: str) -> bool:
    return target in MANUAL_TARGETS.get(current, frozenset())
