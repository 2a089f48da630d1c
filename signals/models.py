"""Signals and their configuration: the area tree, themes, source kinds."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .workflow import SignalStatus


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

    def get_absolute_url(self):
        return reverse("areas:area_detail", kwargs={"uuid": self.uuid})


class AreaAssignment(models.Model):
    """An area a person works in, set by the beheerder on /beheer/gebruikers/. It makes the
    area "theirs" (for "zie ik ook") whether or not they logged a signal there lately."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="area_assignments",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("gebied"), on_delete=models.CASCADE, related_name="assignments"
    )
    created_at = models.DateTimeField(_("toegewezen op"), default=timezone.now)

    class Meta:
        ordering = ["area__name"]
        verbose_name = _("gebied van een gebruiker")
        verbose_name_plural = _("gebieden van gebruikers")
        constraints = [
            models.UniqueConstraint(fields=["user", "area"], name="area_assignment_once")
        ]

    def __str__(self):
        return f"{self.user} — {self.area}"


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


class SourceKind(models.Model):
    """Where an observation comes from (own observation, resident, social media, …)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("soort bron")
        verbose_name_plural = _("soorten bron")

    def __str__(self):
        return self.name


class AttentionRequest(models.Model):
    """Aandachtsverzoek: the kernteam asks the network to watch for something, until a date."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("waar letten we op?"), max_length=150)
    description = models.TextField(_("toelichting"), blank=True)
    areas = models.ManyToManyField(Area, verbose_name=_("gebieden"), related_name="+")
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), related_name="+", blank=True)
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("gericht aan"),
        related_name="+",
        blank=True,
        help_text=_("Leeg: het hele netwerk."),
    )
    until = models.DateField(_("tot en met"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        ordering = ["until", "-created_at"]
        verbose_name = _("aandachtsverzoek")
        verbose_name_plural = _("aandachtsverzoeken")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("signals:attention_detail", kwargs={"uuid": self.uuid})

    @property
    def is_open(self) -> bool:
        """Open until the end date has passed (it closes itself) or someone closed it."""
        return self.closed_at is None and self.until >= timezone.localdate()


class Signal(models.Model):
    """A factual observation: what was seen or heard, where, when, from which source."""

    class Channel(models.TextChoices):
        OFFLINE = "offline", _("Offline (op straat, in de buurt)")
        ONLINE = "online", _("Online (sociale media, internet)")

    class Urgency(models.TextChoices):
        LAAG = "laag", _("Laag")
        MIDDEN = "midden", _("Midden")
        HOOG = "hoog", _("Hoog")

    class Confidentiality(models.TextChoices):
        INTERN = "intern", _("Intern")
        VERTROUWELIJK = "vertrouwelijk", _("Vertrouwelijk")

    class Nature(models.TextChoices):
        # Watching only for threat pushes towards enforcement (the DSP interviews): a
        # village taking care of itself is worth logging too.
        ZORG = "zorg", _("Zorg of spanning")
        VEERKRACHT = "veerkracht", _("Veerkracht: samenhang, vertrouwen, zelfredzaamheid")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nature = models.CharField(
        _("soort waarneming"), max_length=12, choices=Nature.choices, default=Nature.ZORG
    )
    observation = models.TextField(_("waarneming"))
    impression = models.TextField(_("eigen eerste indruk"), blank=True)
    observed_at = models.DateTimeField(_("waargenomen op"), default=timezone.now)
    area = models.ForeignKey(
        Area, verbose_name=_("gebied"), on_delete=models.PROTECT, related_name="signals"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), related_name="signals")
    source_kind = models.ForeignKey(
        SourceKind, verbose_name=_("bron"), on_delete=models.PROTECT, related_name="signals"
    )
    channel = models.CharField(
        _("online of offline"), max_length=10, choices=Channel.choices, default=Channel.OFFLINE
    )
    urgency = models.CharField(
        _("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.MIDDEN
    )
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=15,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERN,
    )
    contains_personal_data = models.BooleanField(_("bevat persoonsgegevens"), default=False)
    attention_request = models.ForeignKey(
        AttentionRequest,
        verbose_name=_("antwoord op aandachtsverzoek"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
    )
    status = models.CharField(
        _("status"), max_length=15, choices=SignalStatus.choices, default=SignalStatus.NIEUW
    )
    status_reason = models.CharField(_("toelichting status"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeld door"),
        on_delete=models.PROTECT,
        related_name="signals",
    )
    # The author's organisation when the signal was logged: visibility follows it.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
    )
    # Exercise material (a fictitious signal of an oefening): never in a real list,
    # count or export; signals.selectors leaves it out unless asked for explicitly.
    is_exercise = models.BooleanField(_("oefensignaal"), default=False, editable=False)
    # Denormalised so lists of 100,000 signals need no aggregate per row.
    confirmation_count = models.PositiveIntegerField(_("bevestigingen"), default=0)
    # A form carries a one-time token: a refresh or double click cannot save twice.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # A default, not auto_now_add: imported and demo signals keep their own moment.
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["-observed_at", "-id"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [
            models.Index(fields=["-observed_at", "-id"], name="signal_observed_idx"),
            models.Index(fields=["area", "-observed_at"], name="signal_area_observed_idx"),
            models.Index(fields=["status", "created_at"], name="signal_status_created_idx"),
            # "Your latest signals" on the start page: without it, every signal of the
            # author is sorted to find five.
            models.Index(fields=["author", "-created_at"], name="signal_author_created_idx"),
        ]

    def __str__(self):
        return _("Signaal %(date)s, %(area)s") % {
            "date": timezone.localtime(self.observed_at).strftime("%d-%m-%Y %H:%M"),
            "area": self.area.name if self.area_id else "?",
        }

    def get_absolute_url(self):
        return reverse("signals:signal_detail", kwargs={"uuid": self.uuid})

    @property
    def is_sensitive(self) -> bool:
        """Confidential or personal data: only coördinators, the chair and the author."""
        return self.contains_personal_data or (
            self.confidentiality == self.Confidentiality.VERTROUWELIJK
        )


class Confirmation(models.Model):
    """ "Zie ik ook": another person's own short observation of the same thing."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    signal = models.ForeignKey(
        Signal, verbose_name=_("signaal"), on_delete=models.CASCADE, related_name="confirmations"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bevestigd door"),
        on_delete=models.PROTECT,
        related_name="confirmations",
    )
    observation = models.TextField(_("eigen waarneming"))
    created_at = models.DateTimeField(_("bevestigd op"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("bevestiging")
        verbose_name_plural = _("bevestigingen")
        constraints = [
            models.UniqueConstraint(fields=["signal", "author"], name="confirmation_once_per_user")
        ]

    def __str__(self):
        return _("Bevestiging door %(user)s") % {"user": self.author}


class Attachment(models.Model):
    """A photo, screenshot or pamphlet with a signal; stored privately, re-encoded."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    signal = models.ForeignKey(
        Signal, verbose_name=_("signaal"), on_delete=models.CASCADE, related_name="attachments"
    )
    # Relative to MEDIA_ROOT, under a random name; never served from a public URL.
    path = models.CharField(max_length=255, unique=True, editable=False)
    download_name = models.CharField(_("bestandsnaam"), max_length=120)
    content_type = models.CharField(_("soort bestand"), max_length=50)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.download_name

    def get_absolute_url(self):
        return reverse(
            "signals:attachment_download",
            kwargs={"uuid": self.signal.uuid, "attachment_uuid": self.uuid},
        )

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class SignalRevision(models.Model):
    """One change to a signal after it was logged: a correction, a withdrawal, a change by
    the coördinator. It names the fields that changed, with the old and new value of the
    short ones; the texts themselves are not copied, because a correction usually removes
    what should not have been written (a name) and the history must not keep it."""

    class Kind(models.TextChoices):
        CORRECTIE = "correctie", _("Gecorrigeerd door de melder")
        WIJZIGING = "wijziging", _("Gewijzigd door de coördinator")
        INTREKKING = "intrekking", _("Ingetrokken door de melder")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("op"), default=timezone.now)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    # [{"field": "Urgentie", "from": "Midden", "to": "Hoog"}]; texts only {"field": …}.
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("wijziging van een signaal")
        verbose_name_plural = _("wijzigingen van signalen")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.signal_id})"


class HeldUpload(models.Model):
    """An attachment that passed every check while the rest of the form did not (the
    personal-data warning, a missing field). It is stored, re-encoded, against a random
    token so that the user need not choose the photo again; it becomes an Attachment when
    the signal is saved, and a sweeper removes what was never used."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=255, unique=True, editable=False)
    download_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("bewaarde bijlage")
        verbose_name_plural = _("bewaarde bijlagen")

    def __str__(self):
        return self.download_name
