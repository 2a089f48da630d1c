"""The kernteam, its cases and the history of each case's phase."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .workflow import CaseStatus, Phase


class KernteamMember(models.Model):
    """A seat at the kernteam table: who, from which function, chair or secretary."""

    class Function(models.TextChoices):
        BURGEMEESTER = "burgemeester", _("Burgemeester")
        GEMEENTE = "gemeente", _("Gemeente (OOV)")
        POLITIE = "politie", _("Politie")
        WELZIJN = "welzijn", _("Welzijn")
        GGD = "ggd", _("GGD")
        ONDERWIJS = "onderwijs", _("Onderwijs")
        WONEN = "wonen", _("Woningcorporatie")
        COMMUNICATIE = "communicatie", _("Communicatie")
        OVERIG = "overig", _("Overig")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.PROTECT,
        related_name="kernteam_seat",
    )
    function = models.CharField(_("functie"), max_length=20, choices=Function.choices)
    is_chair = models.BooleanField(_("voorzitter"), default=False)
    is_secretary = models.BooleanField(_("secretaris"), default=False)
    # The ambtelijk kernteam prepares sessions (usually the coördinators).
    prepares_sessions = models.BooleanField(_("ambtelijk kernteam"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["-is_chair", "function", "user__last_name"]
        verbose_name = _("kernteamlid")
        verbose_name_plural = _("kernteam")

    def __str__(self):
        return f"{self.user} ({self.get_function_display()})"


class Case(models.Model):
    """Casus: one situation the kernteam handles."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("titel"), max_length=150)
    description = models.TextField(_("aanleiding"), blank=True)
    areas = models.ManyToManyField("signals.Area", verbose_name=_("gebieden"), related_name="+")
    themes = models.ManyToManyField(
        "signals.Theme", verbose_name=_("thema's"), related_name="+", blank=True
    )
    signals = models.ManyToManyField(
        "signals.Signal",
        through="CaseSignal",
        verbose_name=_("signalen"),
        related_name="cases",
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default=Phase.RUST)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    is_exercise = models.BooleanField(
        _("oefening"), default=False, help_text=_("Een oefening telt niet mee in overzichten.")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geopend door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("geopend op"), default=timezone.now)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    evaluation = models.TextField(_("evaluatie en geleerde lessen"), blank=True)
    # Optimistic locking: two people editing the case must not overwrite each other.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["status", "-opened_at"]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")

    def __str__(self):
        prefix = _("OEFENING — ") if self.is_exercise else ""
        return f"{prefix}{self.title}"

    def get_absolute_url(self):
        return reverse("kernteam:case_detail", kwargs={"uuid": self.uuid})

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN


class CaseSignal(models.Model):
    """A signal linked to a case, with who linked it and when (the audit log keeps unlinks)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="signal_links")
    signal = models.ForeignKey("signals.Signal", on_delete=models.CASCADE, related_name="+")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-linked_at"]
        constraints = [models.UniqueConstraint(fields=["case", "signal"], name="case_signal_once")]

    def __str__(self):
        return f"{self.case} ← {self.signal}"


class PhaseChange(models.Model):
    """One step on the case's "thermometer": from which phase to which, and why."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    reason = models.CharField(_("reden"), max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("fasewijziging")
        verbose_name_plural = _("fasewijzigingen")

    def __str__(self):
        return f"{self.get_from_phase_display() or '—'} → {self.get_to_phase_display()}"
