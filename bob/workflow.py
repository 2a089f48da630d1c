"""Statuses and scales of the BOB procedure, with the allowed status moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """What a decision is about: the Handreiking asks to record decisions on every stage."""

    BEELDVORMING = "beeldvorming", _("Beeldvorming")
    OORDEELSVORMING = "oordeelsvorming", _("Oordeelsvorming")
    BESLUITVORMING = "besluitvorming", _("Besluitvorming")
    AFSPRAAK = "afspraak", _("Afspraak")


class DecisionListStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")


class InformationRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ONTVANGEN = "ontvangen", _("Ontvangen")
    VERVALLEN = "vervallen", _("Vervallen")


INFORMATION_REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    InformationRequestStatus.OPEN: frozenset(
        {InformationRequestStatus.ONTVANGEN, InformationRequestStatus.VERVALLEN}
    ),
    InformationRequestStatus.ONTVANGEN: frozenset(),
    InformationRequestStatus.VERVALLEN: frozenset(),
}


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    UITGEVOERD = "uitgevoerd", _("Uitgevoerd")
    VERVALLEN = "vervallen", _("Vervallen")


# open → in uitvoering → uitgevoerd / vervallen (an open action may also be done or
# dropped straight away). Done and dropped are final: a new need is a new action.
ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    ActionStatus.OPEN: frozenset(
        {ActionStatus.IN_UITVOERING, ActionStatus.UITGEVOERD, ActionStatus.VERVALLEN}
    ),
    ActionStatus.IN_UITVOERING: frozenset({ActionStatus.UITGEVOERD, ActionStatus.VERVALLEN}),
    ActionStatus.UITGEVOERD: frozenset(),
    ActionStatus.VERVALLEN: frozenset(),
}
OPEN_ACTION_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_UITVOERING})


def action_can_move(current: str, target: str) -> bool:
    return target in ACTION_TRANSITIONS.get(current, frozenset())


class Likelihood(models.TextChoices):
    KLEIN = "klein", _("Klein")
    REEEL = "reeel", _("Reëel")
    GROOT = "groot", _("Groot")


class ScenarioOutcome(models.TextChoices):
    """A scenario looked at again in a later session."""

    GEBEURD = "gebeurd", _("Is gebeurd")
    NOG_REEEL = "nog_reeel", _("Nog steeds waarschijnlijk")
    NIET_MEER = "niet_meer", _("Niet meer waarschijnlijk")


class Impact(models.TextChoices):
    BEPERKT = "beperkt", _("Beperkt")
    AANZIENLIJK = "aanzienlijk", _("Aanzienlijk")
    ERNSTIG = "ernstig", _("Ernstig")


class EffectJudgement(models.TextChoices):
    """How the team judges the effect of an earlier decision or a finished action."""

    ZICHTBAAR = "zichtbaar", _("Effect zichtbaar")
    DEELS = "deels", _("Deels zichtbaar")
    NIET = "niet", _("Geen effect zichtbaar")
    ONBEKEND = "onbekend", _("Nog niet te zeggen")


class DocumentKind(models.TextChoices):
    """The kinds of stukken on the reading table (/stukken/)."""

    BESLUITENLIJST = "besluitenlijst", _("Besluitenlijst")
    VERSLAG = "verslag", _("Verslag")
    DOSSIER = "dossier", _("Dossier")
    TUSSENSTAND = "tussenstand", _("Dossier (tussenstand)")


class DossierStatus(models.TextChoices):
    """Where the rendering of one case dossier stands (a Celery task does the work)."""

    WACHTEND = "wachtend", _("Wordt voorbereid")
    BEZIG = "bezig", _("Wordt gemaakt")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


PENDING_DOSSIER_STATUSES = frozenset({DossierStatus.WACHTEND, DossierStatus.BEZIG})


class AssessmentOutcome(models.TextChoices):
    """What a member decides after the vooraf questions (Handreiking A2.1, "Vooraf")."""

    BIJEENROEPEN = "bijeenroepen", _("Kernteam bijeenroepen")
    INFORMEREN = "informeren", _("Alleen partners informeren")
    ANDERE_ACTIES = "acties", _("Andere acties")
    GEEN_ACTIE = "geen_actie", _("Geen actie nu")


class PictureSoundness(models.TextChoices):
    """Can we form a sound picture of the situation from these signals?"""

    JA = "ja", _("Ja")
    DEELS = "deels", _("Deels: er ontbreekt nog informatie")
    NEE = "nee", _("Nee, nog niet")
