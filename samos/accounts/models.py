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


class RoleGrant(models.Model):
    """A beheerder asked to give USER a role they do not hold themselves: it waits for a
    second beheerder (four eyes). Removing roles and granting one's own roles need none."""

    class Status(models.TextChoices):
        PENDING = "wacht", _("Wacht op goedkeuring")
        APPROVED = "goedgekeurd", _("Goedgekeurd")
        REJECTED = "afgewezen", _("Afgewezen")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        User, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("rol"), max_length=40)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("aangevraagd door"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("beslist door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)

    class Meta:
        verbose_name = _("roltoekenning (vier ogen)")
        verbose_name_plural = _("roltoekenningen (vier ogen)")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(status="wacht"),
                name="role_grant_pending_once",
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.role}"
