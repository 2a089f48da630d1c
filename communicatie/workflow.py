"""Statuses of a message (uiting) and the table of allowed status moves, and the scale
on which the kernteam judges how communication worked."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_GOEDKEURING = "ter_goedkeuring", _("Ter goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    VERSTUURD = "verstuurd", _("Verstuurd")
    GEHOUDEN = "gehouden", _("Gehouden")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


# concept → ter goedkeuring → goedgekeurd → verstuurd / gehouden. The approver may send a
# submitted message back (→ concept); a change to an approved text makes it a concept
# again that needs approval anew. Until it went out a message can be withdrawn. Sent,
# held and withdrawn are final: SAMOS records what happened, it does not undo it.
MESSAGE_TRANSITIONS: dict[str, frozenset[str]] = {
    MessageStatus.CONCEPT: frozenset({MessageStatus.TER_GOEDKEURING, MessageStatus.INGETROKKEN}),
    MessageStatus.TER_GOEDKEURING: frozenset(
        {MessageStatus.GOEDGEKEURD, MessageStatus.CONCEPT, MessageStatus.INGETROKKEN}
    ),
    MessageStatus.GOEDGEKEURD: frozenset(
        {
            MessageStatus.VERSTUURD,
            MessageStatus.GEHOUDEN,
            MessageStatus.CONCEPT,
            MessageStatus.INGETROKKEN,
        }
    ),
    MessageStatus.VERSTUURD: frozenset(),
    MessageStatus.GEHOUDEN: frozenset(),
    MessageStatus.INGETROKKEN: frozenset(),
}

# The text of a message in these statuses is the approved text: it may not change.
APPROVED_STATUSES = frozenset(
    {MessageStatus.GOEDGEKEURD, MessageStatus.VERSTUURD, MessageStatus.GEHOUDEN}
)
WENT_OUT_STATUSES = frozenset({MessageStatus.VERSTUURD, MessageStatus.GEHOUDEN})
# Still to go out: what the overview and the reminders look at.
PENDING_STATUSES = frozenset(
    {MessageStatus.CONCEPT, MessageStatus.TER_GOEDKEURING, MessageStatus.GOEDGEKEURD}
)


def message_can_move(current: str, target: str) -> bool:
    return target in MESSAGE_TRANSITIONS.get(current, frozenset())


class Outcome(models.TextChoices):
    """How the kernteam judges the effect of communication on a goal or a target group."""

    DEESCALEREND = "deescalerend", _("De-escalerend")
    NEUTRAAL = "neutraal", _("Neutraal")
    ESCALEREND = "escalerend", _("Escalerend")
    ONBEKEND = "onbekend", _("Nog niet te zeggen")


class SubjectKind(models.TextChoices):
    DOEL = "doel", _("Doel")
    DOELGROEP = "doelgroep", _("Doelgroep")
