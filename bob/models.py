"""The BOB procedure's records: step notes, information requests, scenarios, decisions,
the besluitenlijst, actions and their updates.

Adopted besluitenlijsten never change: `Decision` and `DecisionList` refuse a save or a
bulk update once adopted (the services check first and give a clear message; this layer
makes sure nothing slips past them).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samos.reminders.registry import is_missed, is_missed_day

from .workflow import (
    ActionStatus,
    DecisionListStatus,
    DocumentKind,
    DossierStatus,
    EffectJudgement,
    Impact,
    InformationRequestStatus,
    Likelihood,
    ScenarioOutcome,
    Stage,
)

ADOPTED_IS_FINAL = _(
    "Een vastgestelde besluitenlijst verandert niet meer. Leg een correctie vast als nieuw besluit."
)


class ImmutableRecord(ValidationError):
    """An attempt to change an adopted besluitenlijst or one of its decisions."""


class StepRecord(models.Model):
    """What was written in one werkprotocol step of one session (free-text fields)."""

    session = models.ForeignKey(
        "kernteam.Session", on_delete=models.CASCADE, related_name="step_records"
    )
    step = models.CharField(max_length=40)
    data = models.JSONField(default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    # Optimistic locking: two people editing the same step must not overwrite each other.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("verslag van een stap")
        verbose_name_plural = _("verslagen van stappen")
        constraints = [models.UniqueConstraint(fields=["session", "step"], name="step_record_once")]

    def __str__(self):
        return f"{self.session} — {self.step}"


class InformationRequest(models.Model):
    """Informatieverzoek: missing information, who gets it from whom, by when."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "kernteam.Case", on_delete=models.CASCADE, related_name="information_requests"
    )
    # Empty for a request set out from the case page, before (or between) sessions.
    session = models.ForeignKey(
        "kernteam.Session",
        on_delete=models.PROTECT,
        related_name="information_requests",
        null=True,
        blank=True,
    )
    # Asked in a vooraf-afweging, before any session ("Nadere informatievragen? Aan wie?").
    assessment = models.ForeignKey(
        "bob.Assessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="information_requests",
    )
    question = models.CharField(_("Welke informatie ontbreekt?"), max_length=300)
    source = models.CharField(_("Bij wie is die te krijgen?"), max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Wie vraagt het op?"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateTimeField(_("Uiterlijk"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InformationRequestStatus.choices,
        default=InformationRequestStatus.OPEN,
    )
    answer = models.TextField(_("antwoord"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("informatieverzoek")
        verbose_name_plural = _("informatieverzoeken")

    def __str__(self):
        return self.question

    @property
    def is_open(self) -> bool:
        return self.status == InformationRequestStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.now()

    @property
    def is_missed(self) -> bool:
        """Overdue for so long that no reminder follows any more: shown as "gemist"."""
        return self.is_open and is_missed(self.deadline)


class Scenario(models.Model):
    """Oordeelsvorming: "als …, dan …" with how likely and how serious it would be."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("kernteam.Case", on_delete=models.CASCADE, related_name="scenarios")
    session = models.ForeignKey(
        "kernteam.Session", on_delete=models.PROTECT, related_name="scenarios"
    )
    condition = models.CharField(_("Als …"), max_length=300)
    consequence = models.CharField(_("dan …"), max_length=300)
    likelihood = models.CharField(_("kans"), max_length=10, choices=Likelihood.choices)
    impact = models.CharField(_("impact"), max_length=12, choices=Impact.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenario's")

    def __str__(self):
        return f"Als {self.condition}, dan {self.consequence}"


class ScenarioReview(models.Model):
    """A scenario looked at again in a later session: did it happen, is it still likely?"""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="reviews")
    session = models.ForeignKey(
        "kernteam.Session", on_delete=models.PROTECT, related_name="scenario_reviews"
    )
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=ScenarioOutcome.choices)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["reviewed_at", "id"]
        verbose_name = _("herziening van een scenario")
        verbose_name_plural = _("herzieningen van scenario's")
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "session"], name="scenario_review_once_per_session"
            )
        ]

    def __str__(self):
        return f"{self.scenario} — {self.get_outcome_display()}"


class DecisionListQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.filter(status=DecisionListStatus.VASTGESTELD).exists():
            raise ImmutableRecord(ADOPTED_IS_FINAL, code="immutable")
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=DecisionListStatus.VASTGESTELD).exists():
            raise ImmutableRecord(ADOPTED_IS_FINAL, code="immutable")
        return super().delete()


class DecisionList(models.Model):
    """Besluitenlijst of one session: concept until adopted, then final."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.OneToOneField(
        "kernteam.Session", on_delete=models.PROTECT, related_name="decision_list"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DecisionListStatus.choices,
        default=DecisionListStatus.CONCEPT,
    )
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgesteld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The session in which it was adopted (normally the next one); empty when the chair
    # adopted it on their own.
    adopted_in = models.ForeignKey(
        "kernteam.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_decision_lists",
    )
    # Taken at adoption: everything the list prints, as it was then (bob.selectors.documents),
    # and the PDF rendered once from it. Every later download serves that exact file.
    snapshot = models.JSONField(_("momentopname"), null=True, blank=True, editable=False)
    document = models.OneToOneField(
        "documents.StoredDocument",
        verbose_name=_("vastgesteld stuk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # The chair's choice: does the verslag summarise the members' preparations?
    include_preparations = models.BooleanField(_("voorbereidingen in het verslag"), default=False)
    # The session's verslag, frozen with the list: its snapshot and its stored PDF.
    minutes_snapshot = models.JSONField(
        _("momentopname verslag"), null=True, blank=True, editable=False
    )
    minutes_document = models.OneToOneField(
        "documents.StoredDocument",
        verbose_name=_("vastgesteld verslag"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = DecisionListQuerySet.as_manager()

    class Meta:
        verbose_name = _("besluitenlijst")
        verbose_name_plural = _("besluitenlijsten")

    def __str__(self):
        return f"Besluitenlijst — {self.session}"

    def save(self, *args, **kwargs):
        if (
            self.pk
            and DecisionList.objects.filter(
                pk=self.pk, status=DecisionListStatus.VASTGESTELD
            ).exists()
        ):
            raise ImmutableRecord(ADOPTED_IS_FINAL, code="immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_adopted:
            raise ImmutableRecord(ADOPTED_IS_FINAL, code="immutable")
        return super().delete(*args, **kwargs)

    @property
    def is_adopted(self) -> bool:
        return self.status == DecisionListStatus.VASTGESTELD


class DecisionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.filter(decision_list__status=DecisionListStatus.VASTGESTELD).exists():
            raise ImmutableRecord(ADOPTED_IS_FINAL, code="immutable")
        return super().update(**kwargs)

    def delete(self):
        if self.filter(decision_list__status=DecisionListStatus.VASTGESTELD).exists():
            raise ImmutableRecord(ADOPTED_IS_FINAL, code="immutable")
        return super().delete()


class Decision(models.Model):
    """One line of the besluitenlijst, numbered per session, citing its signals."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decision_list = models.ForeignKey(
        DecisionList, on_delete=models.PROTECT, related_name="decisions"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    stage = models.CharField(_("soort besluit"), max_length=16, choices=Stage.choices)
    text = models.TextField(_("besluit"))
    signals = models.ManyToManyField(
        "signals.Signal", verbose_name=_("onderbouwd met signalen"), related_name="+", blank=True
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrigeert besluit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["decision_list", "number"]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        constraints = [
            models.UniqueConstraint(
                fields=["decision_list", "number"], name="decision_number_per_list"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"

    def save(self, *args, **kwargs):
        if DecisionList.objects.filter(
            pk=self.decision_list_id, status=DecisionListStatus.VASTGESTELD
        ).exists():
            raise ImmutableRecord(ADOPTED_IS_FINAL, code="immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.decision_list.is_adopted:
            raise ImmutableRecord(ADOPTED_IS_FINAL, code="immutable")
        return super().delete(*args, **kwargs)


class DecisionReview(models.Model):
    """A later session's look at the effect of an earlier decision (BOB as a cycle)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="reviews")
    session = models.ForeignKey(
        "kernteam.Session", on_delete=models.PROTECT, related_name="decision_reviews"
    )
    judgement = models.CharField(_("effect"), max_length=10, choices=EffectJudgement.choices)
    note = models.TextField(_("toelichting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("beoordeling van een besluit")
        verbose_name_plural = _("beoordelingen van besluiten")
        constraints = [
            models.UniqueConstraint(fields=["decision", "session"], name="review_once_per_session")
        ]

    def __str__(self):
        return f"{self.decision} — {self.get_judgement_display()}"


class Action(models.Model):
    """Actie, SMART: what, intended result, by when, by whom, coordinated by whom."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("kernteam.Case", on_delete=models.PROTECT, related_name="actions")
    session = models.ForeignKey(
        "kernteam.Session",
        verbose_name=_("afgesproken in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("volgt uit besluit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )
    # An action agreed outside a session as the outcome of a vooraf-afweging.
    assessment = models.ForeignKey(
        "bob.Assessment",
        verbose_name=_("volgt uit vooraf-afweging"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    title = models.CharField(_("Wat moet er worden aangepakt?"), max_length=200)
    intended_result = models.TextField(_("Welk resultaat moet het opleveren?"))
    due_date = models.DateField(_("Resultaat bereikt op"))
    activity = models.TextField(_("Welke activiteit leidt daartoe?"), blank=True)
    alternatives = models.TextField(_("Alternatieven"), blank=True)
    target_group = models.CharField(_("Op wie is het gericht?"), max_length=200, blank=True)
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Uitvoerder (kernteamlid)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="executed_actions",
    )
    third_party = models.CharField(_("Of: uitvoerende partij (derde)"), max_length=200, blank=True)
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Wie regelt het met de derde?"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arranged_actions",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Coördinatie vanuit het kernteam"),
        on_delete=models.PROTECT,
        related_name="coordinated_actions",
    )
    report_back_on = models.DateField(_("Terugkoppeling in het kernteam op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    judged_result = models.TextField(_("beoordeeld resultaat"), blank=True)
    judgement = models.CharField(
        _("effect"), max_length=10, choices=EffectJudgement.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bob:action_detail", kwargs={"uuid": self.uuid})

    @property
    def is_open(self) -> bool:
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_UITVOERING)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    @property
    def is_missed(self) -> bool:
        """Overdue for so long that no reminder follows any more: shown as "gemist"."""
        return self.is_open and is_missed_day(self.due_date)

    @property
    def carried_out_by(self) -> str:
        return self.third_party or (str(self.executor) if self.executor_id else "")


class ActionUpdate(models.Model):
    """Progress on an action: a note, possibly a status move, possibly in a session."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    session = models.ForeignKey(
        "kernteam.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_updates",
    )
    from_status = models.CharField(max_length=14, choices=ActionStatus.choices)
    to_status = models.CharField(max_length=14, choices=ActionStatus.choices)
    note = models.TextField(_("voortgang"))
    third_party_done = models.BooleanField(_("door de derde uitgevoerd"), null=True, blank=True)
    result_visible = models.CharField(
        _("resultaat zichtbaar"), max_length=10, choices=EffectJudgement.choices, blank=True
    )
    signals = models.ManyToManyField(
        "signals.Signal", verbose_name=_("op grond van signalen"), related_name="+", blank=True
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")

    def __str__(self):
        return f"{self.action} — {self.get_to_status_display()}"


class CaseDocument(models.Model):
    """One stuk on the reading table: a stored PDF (adopted besluitenlijst, frozen
    verslag, dossier) with the case and session it belongs to.

    The stored file is the record; this row only says where it belongs, so /stukken/ can
    list, filter and authorise every kind in one query.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("kernteam.Case", on_delete=models.PROTECT, related_name="documents")
    session = models.ForeignKey(
        "kernteam.Session", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=DocumentKind.choices)
    document = models.OneToOneField(
        "documents.StoredDocument", on_delete=models.PROTECT, related_name="case_entry"
    )
    # What the table calls it ("Besluitenlijst vervolgbijeenkomst 2-12-2026"): no case text.
    label = models.CharField(_("omschrijving"), max_length=200)
    created_at = models.DateTimeField(_("datum"), default=timezone.now)

    class Meta:
        verbose_name = _("stuk van een casus")
        verbose_name_plural = _("stukken van casussen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="casedocument_newest")]

    def __str__(self):
        return self.label


class CaseDossier(models.Model):
    """One request for a case dossier and how its rendering went.

    A closing dossier is requested when the case closes; a tussenstand whenever a reader
    asks for one while the case is open. A Celery task renders it (bob.tasks).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("kernteam.Case", on_delete=models.PROTECT, related_name="dossiers")
    interim = models.BooleanField(_("tussenstand"), default=True)
    status = models.CharField(
        _("status"), max_length=12, choices=DossierStatus.choices, default=DossierStatus.WACHTEND
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    # The exception's class name only: the message could quote case content.
    failure = models.CharField(_("fout"), max_length=100, blank=True)
    document = models.OneToOneField(
        "bob.CaseDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"Dossier — {self.case}"


from .assessment_models import Assessment  # noqa: E402, F401
