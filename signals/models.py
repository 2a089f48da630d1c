"""Configuration of the signals app: the area tree and the themes."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """A place in the municipality: gemeente → kern or wijk → buurt."""

    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        KERN = "kern", _("Kern")
        WIJK = "wijk", _("Wijk")
        BUURT = "buurt", _("Buurt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=120)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ligt in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=12,
        blank=True,
        help_text=_("Bijvoorbeeld WK012301 of BU01230105."),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="area_unique_name_per_parent")
        ]

    def __str__(self):
        return self.name


class Theme(models.Model):
    """A subject tension can be about (asielopvang, windmolens, …); configurable."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=80, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self):
        return self.name
