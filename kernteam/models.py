"""The kernteam, its cases and the history of each case's phase."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .workflow import (
    ATTENDANCE_PRESENT,
    AttendanceStatus,
    CaseStatus,
    Phase,
    SessionKind,
    SessionStatus,
)


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
    # Need-to-know: a besloten case is seen only by its participants, the burgemeester
    # and the coördinators (kernteam.selectors applies it; the default stays one picture).
    is_confidential = models.BooleanField(
        _("besloten"),
        default=False,
        help_text=_(
            "Alleen zichtbaar voor de deelnemers van de bijeenkomsten, de burgemeester "
            "en de coördinatoren."
        ),
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


class Session(models.Model):
    """Bijeenkomst: one meeting of the kernteam about one case, run along the werkprotocol."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(_("soort"), max_length=10, choices=SessionKind.choices)
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    online_link = models.URLField(_("link voor online deelname"), max_length=500, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorzitter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secretaris"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    agenda = models.TextField(_("belangrijkste bespreekpunten"), blank=True)
    # Derden learn the agenda only when the convener chooses so: it can name people.
    agenda_for_guests = models.BooleanField(_("bespreekpunten ook naar derden"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.GEPLAND
    )
    # The werkprotocol step the runner shows when the session is opened again.
    current_step = models.CharField(max_length=40, blank=True)
    # During a pause: when and where the team meets again to finish the beeldvorming.
    resume_at = models.DateTimeField(_("verder op"), null=True, blank=True)
    resume_location = models.CharField(_("verder in"), max_length=200, blank=True)
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bijeengeroepen door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    convened_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.case.title}"

    def get_absolute_url(self):
        # The session's page is the runner, which the bob app serves under /bijeenkomsten/.
        return reverse("bob:session_run", kwargs={"uuid": self.uuid})

    @property
    def is_finished(self) -> bool:
        return self.status in (SessionStatus.AFGEROND, SessionStatus.GEANNULEERD)


class Attendee(models.Model):
    """An invited participant: a kernteam member with an account, or a derde without one."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    guest_name = models.CharField(_("naam"), max_length=120, blank=True)
    guest_organisation = models.CharField(_("organisatie"), max_length=120, blank=True)
    guest_role = models.CharField(_("rol of functie"), max_length=120, blank=True)
    guest_email = models.EmailField(_("e-mailadres"), blank=True)
    attendance = models.CharField(
        _("aanwezigheid"),
        max_length=24,
        choices=AttendanceStatus.choices,
        blank=True,
        default="",
    )
    invited_at = models.DateTimeField(default=timezone.now)
    # When the invitation went out, copied from its claim row in samos.reminders (which is
    # what makes it exactly-once); the sweep only looks at attendees without it.
    invitation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["guest_name", "id"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(user__isnull=False),
                name="attendee_user_once_per_session",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(guest_name=""),
                name="attendee_is_member_or_named_guest",
            ),
        ]

    def __str__(self):
        if self.user_id:
            return str(self.user)
        extra = ", ".join(part for part in (self.guest_role, self.guest_organisation) if part)
        return f"{self.guest_name} ({extra})" if extra else self.guest_name

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def is_present(self) -> bool:
        """At the table: present from the start or later aangeschoven."""
        return self.attendance in ATTENDANCE_PRESENT


class Preparation(models.Model):
    """Vooraf per groepslid: one member's own short BOB before a session ("one A4")."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="preparations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Beeldvorming
    what_happened = models.TextField(_("Wat is er gebeurd?"), blank=True)
    state_of_unrest = models.TextField(_("Hoe is het gesteld met de (on)rust?"), blank=True)
    signals_received = models.TextField(_("Welke signalen heeft u ontvangen?"), blank=True)
    # Oordeelsvorming
    what_may_happen = models.TextField(
        _("Wat staat er mogelijk nog te gebeuren, en wanneer?"), blank=True
    )
    consequences = models.TextField(_("Wat zijn de mogelijke gevolgen voor de onrust?"), blank=True)
    seriousness = models.TextField(_("Hoe ernstig en urgent is het?"), blank=True)
    # Besluitvorming
    advice_convene = models.TextField(
        _("Kernteam bijeenroepen, of partners informeren?"), blank=True
    )
    other_actions = models.TextField(_("Andere acties?"), blank=True)
    information_needed = models.TextField(
        _("Welke informatie ontbreekt nog, en bij wie?"), blank=True
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    TEXT_FIELDS = (
        "what_happened",
        "state_of_unrest",
        "signals_received",
        "what_may_happen",
        "consequences",
        "seriousness",
        "advice_convene",
        "other_actions",
        "information_needed",
    )

    class Meta:
        ordering = ["updated_at"]
        verbose_name = _("voorbereiding")
        verbose_name_plural = _("voorbereidingen")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "author"], name="preparation_once_per_member"
            )
        ]

    def __str__(self):
        return f"{self.author} — {self.session}"


# Exercises live in their own module; imported here so Django registers their models.
from .exercise_models import Exercise, ExerciseForm, ExerciseInject  # noqa: E402, F401
