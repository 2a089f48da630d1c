"""Exercises (oefeningen): the form of an exercise case, the material its facilitator
prepares (timed injects, and for the besluitvorming form the given beeld and oordeel),
and its own evaluation. Fictitious signals are Signal rows marked is_exercise, linked to
the exercise case like any signal. Imported by kernteam.models."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExerciseForm(models.TextChoices):
    """The six forms of exercise of the Handreiking (section "Oefening")."""

    KERNTEAM = "kernteam", _("Oefening met het kernteam: samenwerking en het werkprotocol")
    BEELD_OORDEEL = "beeld_oordeel", _("Beeld- en oordeelsvorming centraal, met scenario's")
    BESLUITVORMING = (
        "besluitvorming",
        _("Besluitvorming centraal: beeld en oordeel zijn vooraf gegeven"),
    )
    EEN_EXTERNE = "een_externe", _("Met één externe betrokkene (bijvoorbeeld een school)")
    MEERDERE_EXTERNEN = (
        "meerdere_externen",
        _("Met meerdere externe betrokkenen uit verschillende sectoren"),
    )
    CRISIS = (
        "crisis",
        _("Overgang naar de crisisbeheersing of het GGD-protocol maatschappelijke onrust"),
    )


class Exercise(models.Model):
    """The exercise side of an exercise case (Case.is_exercise): one per case."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField("kernteam.Case", on_delete=models.CASCADE, related_name="exercise")
    form = models.CharField(_("oefenvorm"), max_length=20, choices=ExerciseForm.choices)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oefenleider"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Given beeld and oordeel (the besluitvorming form): the runner's steps start from them.
    beeld_wat_gebeurd = models.TextField(_("Wat is er gebeurd?"), blank=True)
    beeld_voorgeschiedenis = models.TextField(_("Voorgeschiedenis"), blank=True)
    beeld_uitingen = models.TextField(_("Uitingen van onrust tot nu toe"), blank=True)
    oordeel_wat_nog = models.TextField(_("Wat staat er mogelijk nog te gebeuren?"), blank=True)
    oordeel_verwachte_uitingen = models.TextField(
        _("Te verwachten uitingen van onrust"), blank=True
    )
    oordeel_groepen = models.TextField(_("Betrokken groepen"), blank=True)
    # The exercise's own evaluation (Handreiking: monitoring and evaluation of each one).
    evaluation_cooperation = models.TextField(_("Hoe verliep de samenwerking?"), blank=True)
    evaluation_protocol = models.TextField(_("Hoe is het werkprotocol gevolgd?"), blank=True)
    evaluation_improvements = models.TextField(_("Verbeterpunten"), blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geëvalueerd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    evaluated_at = models.DateTimeField(_("geëvalueerd op"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    GIVEN_BEELD = ("beeld_wat_gebeurd", "beeld_voorgeschiedenis", "beeld_uitingen")
    GIVEN_OORDEEL = ("oordeel_wat_nog", "oordeel_verwachte_uitingen", "oordeel_groepen")

    class Meta:
        verbose_name = _("oefening")
        verbose_name_plural = _("oefeningen")

    def __str__(self):
        return f"OEFENING — {self.case.title}"

    @property
    def is_evaluated(self) -> bool:
        return self.evaluated_at is not None

    @property
    def gives_beeld_and_oordeel(self) -> bool:
        return self.form == ExerciseForm.BESLUITVORMING


class ExerciseInject(models.Model):
    """An inject: a piece of news the facilitator brings into the exercise session, at a
    minute offset from the session's start or by hand ("nu tonen")."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="injects")
    text = models.TextField(_("tekst van de inject"))
    offset_minutes = models.PositiveIntegerField(
        _("minuten na de start van de bijeenkomst"), null=True, blank=True
    )
    released_at = models.DateTimeField(_("getoond op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # Timed injects in their order, then the ones shown by hand.
        ordering = [models.F("offset_minutes").asc(nulls_last=True), "created_at", "id"]
        verbose_name = _("inject")
        verbose_name_plural = _("injects")

    def __str__(self):
        return self.text[:60]
