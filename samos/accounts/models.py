"""The custom user and the organisations people work for."""

import uuid
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A municipality department or partner organisation (police, welfare, school, …)."""

    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        POLITIE = "politie", _("Politie")
        WELZIJN = "welzijn", _("Welzijn / wijkteam")
        JONGERENWERK = "jongerenwerk", _("Jongerenwerk")
        GGD = "ggd", _("GGD")
        ONDERWIJS = "onderwijs", _("Onderwijs")
        WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
        HANDHAVING = "handhaving", _("Handhaving (boa)")
        BEWONERS = "bewoners", _("Bewonersorganisatie")
        OVERIG = "overig", _("Overig")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices, default=Kind.OVERIG)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A SAMOS user. Roles are Django groups named after `samos.accounts.roles.Role`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    job_title = models.CharField(_("functie"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        """The role codes this user holds (one query, cached for the request)."""
        if not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        """True when the user holds at least one of ROLES."""
        return bool(self.roles.intersection(roles))
