"""A hand-over of a case to crisis management, with the situation picture as it was
handed over, and its way back ("terug naar SAMOS")."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .workflow import Recipient


class Handover(models.Model):
    """Overdracht: to whom, when, by whom, what, and who is the contact person there.

    Recorded once and never changed: `snapshot` freezes the situation picture (beeld,
    oordeel, open actions, key decisions) at the moment of hand-over; its PDF is drawn
    from that snapshot, so it always shows what was handed over."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The case's retention removes its hand-overs with it.
    case = models.ForeignKey("kernteam.Case", on_delete=models.CASCADE, related_name="handovers")
    recipient = models.CharField(_("Overgedragen aan"), max_length=20, choices=Recipient.choices)
    handed_over_at = models.DateTimeField(_("Overgedragen op"))
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overgedragen door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    scope = models.TextField(_("Wat wordt overgedragen?"))
    contact_name = models.CharField(_("Contactpersoon bij de ontvanger"), max_length=150)
    contact_details = models.CharField(_("Bereikbaar via"), max_length=200, blank=True)
    snapshot = models.JSONField(_("situatiebeeld"), default=dict, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["handed_over_at", "id"]
        verbose_name = _("overdracht aan crisisbeheersing")
        verbose_name_plural = _("overdrachten aan crisisbeheersing")

    def __str__(self):
        return f"{self.get_recipient_display()} ({self.handed_over_at:%d-%m-%Y})"

    @property
    def is_returned(self) -> bool:
        # The reverse one-to-one raises when absent; selectors select it along.
        try:
            return self.way_back is not None
        except HandoverReturn.DoesNotExist:
            return False


class HandoverReturn(models.Model):
    """Terug naar SAMOS: crisis management hands the case back to the kernteam."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    handover = models.OneToOneField(Handover, on_delete=models.CASCADE, related_name="way_back")
    returned_at = models.DateTimeField(_("Teruggegeven op"))
    returned_by = models.CharField(
        _("Teruggegeven door"),
        max_length=150,
        help_text=_("Wie bij de crisisorganisatie of de GGD geeft de casus terug?"),
    )
    what_comes_back = models.TextField(_("Wat komt er terug bij het kernteam?"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("teruggave aan SAMOS")
        verbose_name_plural = _("teruggaven aan SAMOS")

    def __str__(self):
        return f"{self.handover} → {self.returned_at:%d-%m-%Y}"
