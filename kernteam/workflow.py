"""The phases of the Handreiking's wave, and the statuses of a case."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    RUST = "rust", _("Rust")
    DREIGENDE_ONRUST = "dreigende_onrust", _("Dreigende onrust")
    ONRUST = "onrust", _("Onrust")
    ESCALATIE = "escalatie", _("Escalatie")
    TERUGKEER = "terugkeer", _("Terugkeer naar rust")


# The kind of action that belongs to each phase (SAMOS.md, "Phase").
PHASE_ACTION_KIND = {
    Phase.RUST: _("proactie en signalering"),
    Phase.DREIGENDE_ONRUST: _("preventie"),
    Phase.ONRUST: _("interventie"),
    Phase.ESCALATIE: _("repressie"),
    Phase.TERUGKEER: _("nazorg"),
}


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "gesloten", _("Gesloten")
