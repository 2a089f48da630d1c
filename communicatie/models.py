"""Communication per case: the plan (with its versions), its target groups, the messages
(uitingen) with their versions and approvals, the kernteam's judgements of how it worked,
and the checklist for communicating in tense situations."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .workflow import APPROVED_STATUSES, WENT_OUT_STATUSES, MessageStatus, Outcome, SubjectKind


class TargetGroup(models.Model):
    """A doelgroep a plan can address; the list is kept in the admin."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    description = models.CharField(_("toelichting"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=50)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")

    def __str__(self):
        return self.name


class MessageKind(models.Model):
    """A soort uiting (bewonersbrief, persbericht, …); kept in the admin."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    # A bewonersavond is held, not sent: it ends as "gehouden".
    is_event = models.BooleanField(_("is een bijeenkomst"), default=False)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=50)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("soort uiting")
        verbose_name_plural = _("soorten uitingen")

    def __str__(self):
        return self.name


class CommunicationPlan(models.Model):
    """The one communication plan of a case (Handreiking: communication is directed
    centrally from the moment the kernteam meets)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField(
        "kernteam.Case", on_delete=models.CASCADE, related_name="communication_plan"
    )
    goals = models.TextField(
        _("communicatiedoelen"), blank=True, help_text=_("Eén doel per regel.")
    )
    spokespersons = models.CharField(_("woordvoerder(s)"), max_length=300, blank=True)
    timing = models.TextField(_("tijdstippen en volgorde"), blank=True)
    can_influence = models.TextField(_("waar de gemeente invloed op heeft"), blank=True)
    cannot_influence = models.TextField(_("waar de gemeente geen invloed op heeft"), blank=True)
    # Who approves the messages of this case besides the burgemeester (a mandate).
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemandateerde voor goedkeuring"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Optimistic locking, as the runner's steps: the adviser and the chair may edit at once.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("communicatieplan")
        verbose_name_plural = _("communicatieplannen")

    def __str__(self):
        return str(_("Communicatieplan: %(case)s") % {"case": self.case})

    def get_absolute_url(self):
        return reverse("communicatie:plan", kwargs={"uuid": self.case.uuid})

    @property
    def goal_list(self) -> list[str]:
        return [line.strip() for line in self.goals.splitlines() if line.strip()]


class PlanTargetGroup(models.Model):
    """Per target group of a plan: the core message, tone, channels and timing."""

    plan = models.ForeignKey(CommunicationPlan, on_delete=models.CASCADE, related_name="groups")
    target_group = models.ForeignKey(TargetGroup, on_delete=models.PROTECT, related_name="+")
    core_message = models.TextField(_("kernboodschap"), blank=True)
    tone = models.CharField(_("toon en stijl"), max_length=300, blank=True)
    channels = models.CharField(_("kanalen"), max_length=300, blank=True)
    timing = models.CharField(_("moment"), max_length=300, blank=True)

    class Meta:
        ordering = ["target_group__order", "target_group__name"]
        verbose_name = _("doelgroep in een plan")
        verbose_name_plural = _("doelgroepen in een plan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "target_group"], name="plan_target_group_once")
        ]

    def __str__(self):
        return str(self.target_group)


class PlanVersion(models.Model):
    """What the plan said after each save, with who and when: the history and its diffs."""

    plan = models.ForeignKey(CommunicationPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Where it was written: "" on the plan page, or the session whose runner saved it.
    session = models.ForeignKey(
        "kernteam.Session", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("versie van een communicatieplan")
        verbose_name_plural = _("versies van communicatieplannen")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_once")]

    def __str__(self):
        return f"{self.plan} v{self.number}"


class Message(models.Model):
    """An uiting: a letter, press release, post, evening … planned, approved and recorded
    as sent. SAMOS publishes nothing itself."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("kernteam.Case", on_delete=models.CASCADE, related_name="messages")
    kind = models.ForeignKey(MessageKind, verbose_name=_("soort"), on_delete=models.PROTECT)
    title = models.CharField(_("onderwerp"), max_length=200)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("doelgroepen"), related_name="+", blank=True
    )
    channel = models.CharField(_("kanaal"), max_length=200, blank=True)
    planned_at = models.DateTimeField(_("gepland moment"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("tekst"))
    status = models.CharField(
        _("status"), max_length=20, choices=MessageStatus.choices, default=MessageStatus.CONCEPT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The frozen approval: the text as approved, by whom, when. The constraint below keeps
    # the text equal to it for as long as the message counts as approved.
    approved_text = models.TextField(blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["planned_at", "created_at"]
        verbose_name = _("uiting")
        verbose_name_plural = _("uitingen")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=sorted(APPROVED_STATUSES))
                | (
                    Q(approved_at__isnull=False)
                    & Q(approved_by__isnull=False)
                    & Q(approved_text=F("text"))
                ),
                name="message_approved_text_frozen",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(WENT_OUT_STATUSES))
                | (Q(sent_at__isnull=False) & Q(sent_by__isnull=False)),
                name="message_went_out_recorded",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Model level, so no code path (admin, shell, a future service) records a message
        # as sent or held, or changes an approved text, without a valid approval.
        self.clean()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("communicatie:message", kwargs={"uuid": self.uuid})

    def clean(self):
        # The same rule as the constraints, with a message instead of an IntegrityError.
        if self.status in APPROVED_STATUSES and (
            self.approved_at is None
            or self.approved_by_id is None
            or self.approved_text != self.text
        ):
            raise ValidationError(
                _(
                    "Een uiting zonder goedgekeurde tekst kan niet goedgekeurd, "
                    "verstuurd of gehouden zijn."
                )
            )

        if self.status in WENT_OUT_STATUSES and (self.sent_at is None or self.sent_by_id is None):
            raise ValidationError(_("Vermeld wanneer en door wie de uiting is verstuurd."))

    @property
    def is_approved(self) -> bool:
        return self.status in APPROVED_STATUSES

    @property
    def went_out(self) -> bool:
        return self.status in WENT_OUT_STATUSES


class MessageVersion(models.Model):
    """Each text a message had, and what the approver decided about it."""

    class Decision(models.TextChoices):
        GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
        TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("versie van een uiting")
        verbose_name_plural = _("versies van uitingen")
        constraints = [
            models.UniqueConstraint(fields=["message", "number"], name="message_version_once")
        ]

    def __str__(self):
        return f"{self.message} v{self.number}"


class Judgement(models.Model):
    """In a follow-up session: did the communication on this goal or target group work?"""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        "kernteam.Session", on_delete=models.CASCADE, related_name="communication_judgements"
    )
    plan = models.ForeignKey(CommunicationPlan, on_delete=models.CASCADE, related_name="judgements")
    subject_kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    # The goal's text or the target group's name as it was judged: the record stays
    # readable when the plan changes later.
    subject = models.CharField(_("onderwerp"), max_length=300)
    target_group = models.ForeignKey(
        TargetGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("oordeel"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("toelichting"), blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    judged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["subject_kind", "subject"]
        verbose_name = _("oordeel over communicatie")
        verbose_name_plural = _("oordelen over communicatie")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "subject_kind", "subject"], name="judgement_once_per_session"
            )
        ]

    def __str__(self):
        return f"{self.subject}: {self.get_outcome_display()}"


class ChecklistItem(models.Model):
    """A point to keep in mind when communicating in a tense situation (admin-editable)."""

    text = models.CharField(_("punt"), max_length=200)
    explanation = models.TextField(_("toelichting"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=50)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("punt van de checklist")
        verbose_name_plural = _("checklist communicatie")

    def __str__(self):
        return self.text


class ChecklistTick(models.Model):
    """A checklist point done for one case."""

    case = models.ForeignKey("kernteam.Case", on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="ticks")
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ticked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("afgevinkt punt")
        verbose_name_plural = _("afgevinkte punten")
        constraints = [models.UniqueConstraint(fields=["case", "item"], name="checklist_tick_once")]

    def __str__(self):
        return f"{self.item} ✓"
