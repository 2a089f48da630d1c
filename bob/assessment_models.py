"""The vooraf-afweging: one member's own beeld-, oordeels- and besluitvorming before the
kernteam meets (Handreiking A2.1, "Vooraf per groepslid"), and what came of it.

An assessment is recorded once and never changes: it is what this member saw and judged
at that moment. What follows from it (a session, a note to partners, actions, a review
date, information requests) points back to it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .protocol import SEVERITY, TIME
from .workflow import AssessmentOutcome, PictureSoundness


class Assessment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("kernteam.Case", on_delete=models.CASCADE, related_name="assessments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    # Beeldvorming
    what_happened = models.TextField(_("Wat is er gebeurd?"))
    state_of_unrest = models.TextField(_("Hoe is het gesteld met de (on)rust?"), blank=True)
    signals = models.ManyToManyField(
        "signals.Signal",
        verbose_name=_("Welke signalen hebben we ontvangen?"),
        related_name="+",
        blank=True,
    )
    picture_sound = models.CharField(
        _("Kunnen we op basis van deze signalen een gedegen beeld van de situatie vormen?"),
        max_length=10,
        choices=PictureSoundness.choices,
    )
    picture_gaps = models.TextField(_("Wat ontbreekt er nog aan het beeld?"), blank=True)

    # Oordeelsvorming
    what_may_happen = models.TextField(
        _("Wat en wanneer staat er (mogelijk nog) te gebeuren?"), blank=True
    )
    consequences = models.TextField(
        _("Wat zijn de (mogelijke) gevolgen voor maatschappelijke onrust?"), blank=True
    )
    supporting_signals = models.ManyToManyField(
        "signals.Signal",
        verbose_name=_("Welke signalen staven dit?"),
        related_name="+",
        blank=True,
    )
    severity = models.CharField(_("Hoe ernstig?"), max_length=1, choices=SEVERITY)
    urgency = models.CharField(_("Hoe urgent?"), max_length=1, choices=TIME)

    # Besluitvorming
    outcome = models.CharField(
        _("Uitkomst"), max_length=12, choices=AssessmentOutcome.choices, db_index=True
    )
    motivation = models.TextField(_("Waarom deze uitkomst?"))
    # Alleen partners informeren: the short note, and to whom it went.
    note_to_partners = models.TextField(_("Korte notitie aan de kernteampartners"), blank=True)
    informed = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Aan welke kernteamleden?"),
        related_name="+",
        blank=True,
    )
    # Geen actie nu: when to look again (a reminder to the author).
    review_on = models.DateField(_("Opnieuw bekijken op"), null=True, blank=True)
    # Kernteam bijeenroepen: the session convened from it.
    session = models.ForeignKey(
        "kernteam.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vooraf-afweging")
        verbose_name_plural = _("vooraf-afwegingen")

    def __str__(self):
        return f"{self.get_outcome_display()} — {self.case}"

    def get_absolute_url(self):
        return reverse("bob:assessment_detail", kwargs={"uuid": self.uuid})
