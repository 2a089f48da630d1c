"""Forms of the session runner. They validate input; the services enforce the rules."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bob import protocol
from bob.permissions import ACTION_ROLES
from bob.services.information import INFORMATION_REQUEST_MESSAGES
from bob.workflow import (
    EffectJudgement,
    Impact,
    InformationRequestStatus,
    Likelihood,
    ScenarioOutcome,
    Stage,
)
from kernteam.forms import PeopleChoiceField, PersonChoiceField
from kernteam.workflow import SessionKind
from samos.accounts.models import User
from samos.core.forms import SensibleDateField, SensibleDateTimeField

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"]


def _datetime_field(label, **kwargs):
    return SensibleDateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        **kwargs,
    )


def kernteam_users():
    return (
        User.objects.filter(is_active=True, groups__name__in=[str(r) for r in ACTION_ROLES])
        .distinct()
        .order_by("first_name", "last_name")
    )


def step_form_class(step: protocol.Step) -> type[forms.Form]:
    """A form with the step's fields (from the protocol table) plus the version it shows."""
    fields = {"version": forms.IntegerField(widget=forms.HiddenInput, min_value=0)}
    for step_field in step.fields:
        if step_field.is_choice:
            fields[step_field.name] = forms.ChoiceField(
                label=step_field.label,
                choices=[("", _("— nog niet ingeschat —")), *step_field.choices],
                required=False,
                widget=forms.RadioSelect if len(step_field.choices) <= 4 else forms.Select,
            )
        else:
            fields[step_field.name] = forms.CharField(
                label=step_field.label,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": step_field.rows}),
            )
    return type(f"{step.key.title()}StepForm", (forms.Form,), fields)


class InformationRequestForm(forms.Form):
    """A new information request, in the runner or on the case page. The refusals read as
    the service's (bob.services.information), and all of them show at once."""

    question = forms.CharField(
        label=_("Welke informatie ontbreekt?"),
        max_length=300,
        error_messages={"required": INFORMATION_REQUEST_MESSAGES["question_required"]},
    )
    source = forms.CharField(
        label=_("Bij wie is die te krijgen?"),
        max_length=200,
        error_messages={"required": INFORMATION_REQUEST_MESSAGES["source_required"]},
    )
    requested_by = forms.ModelChoiceField(
        label=_("Wie vraagt het op?"),
        queryset=User.objects.none(),
        empty_label=None,
        error_messages={
            "required": INFORMATION_REQUEST_MESSAGES["requested_by_required"],
            "invalid_choice": INFORMATION_REQUEST_MESSAGES["requested_by_required"],
        },
    )
    deadline = _datetime_field(
        _("Uiterlijk binnen op"),
        error_messages={"required": INFORMATION_REQUEST_MESSAGES["deadline_required"]},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_by"].queryset = kernteam_users()

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline is not None and deadline <= timezone.now():
            raise forms.ValidationError(INFORMATION_REQUEST_MESSAGES["deadline_past"])
        return deadline


class InformationAnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (InformationRequestStatus.ONTVANGEN, _("Ontvangen")),
            (InformationRequestStatus.VERVALLEN, _("Niet meer nodig")),
        ],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Wat kwam er binnen?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ScenarioForm(forms.Form):
    condition = forms.CharField(label=_("Als …"), max_length=300)
    consequence = forms.CharField(label=_("dan …"), max_length=300)
    likelihood = forms.ChoiceField(label=_("Kans"), choices=Likelihood.choices)
    impact = forms.ChoiceField(label=_("Impact"), choices=Impact.choices)


class ScenarioReviewForm(forms.Form):
    """A scenario of an earlier session, looked at again."""

    outcome = forms.ChoiceField(
        label=_("Wat is ervan geworden?"),
        choices=ScenarioOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er van het scenario is geworden.")},
    )
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)


# How long an aandachtsverzoek from a decision runs unless the chair says otherwise.
ATTENTION_DAYS = timedelta(days=14)


class DecisionForm(forms.Form):
    stage = forms.ChoiceField(label=_("Soort besluit"), choices=Stage.choices)
    text = forms.CharField(
        label=_("Besluit of afspraak"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Schrijf het besluit op.")},
    )
    signals = forms.MultipleChoiceField(
        label=_("Onderbouwd met signalen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    corrects = forms.ChoiceField(label=_("Corrigeert besluit"), required=False)
    attention = forms.BooleanField(
        label=_("Ook het netwerk vragen hierop te letten (aandachtsverzoek)"),
        required=False,
        help_text=_("Voor de gebieden en thema's van de casus, met het besluit als vraag."),
    )
    attention_until = SensibleDateField(
        label=_("Aandachtsverzoek loopt tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, signal_choices=(), correctable=(), may_ask_network=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_ask_network:
            del self.fields["attention"]
            del self.fields["attention_until"]
        elif not self.is_bound:
            self.initial.setdefault("attention_until", timezone.localdate() + ATTENTION_DAYS)
        self.fields["signals"].choices = list(signal_choices)
        self.fields["corrects"].choices = [("", _("— geen correctie —")), *correctable]
        if not signal_choices:
            del self.fields["signals"]
        if not correctable:
            del self.fields["corrects"]


class AdoptForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("Ik stel deze besluitenlijst vast. Daarna verandert ze niet meer."),
        error_messages={"required": _("Bevestig dat u de besluitenlijst vaststelt.")},
    )


class DecisionReviewForm(forms.Form):
    judgement = forms.ChoiceField(
        label=_("Effect"), choices=EffectJudgement.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Toelichting (op welke signalen rust dit?)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PauseForm(forms.Form):
    resume_at = _datetime_field(
        _("Verder op"),
        error_messages={"required": _("Spreek af wanneer het kernteam verder gaat.")},
    )
    resume_location = forms.CharField(label=_("Waar"), max_length=200, required=False)


class AddMemberForm(forms.Form):
    """Widen the kernteam from the runner: one more person at the table for this session."""

    member = PersonChoiceField(
        label=_("Wie komt erbij?"),
        queryset=User.objects.none(),
        empty_label=_("— kies —"),
        error_messages={"required": _("Kies wie erbij komt.")},
    )

    def __init__(self, *args, candidates=None, **kwargs):
        kwargs.setdefault("auto_id", "lid_%s")
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["member"].queryset = candidates


class NextSessionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=[
            (SessionKind.VERVOLG, SessionKind.VERVOLG.label),
            (SessionKind.LAATSTE, SessionKind.LAATSTE.label),
        ],
        widget=forms.RadioSelect,
        initial=SessionKind.VERVOLG,
    )
    starts_at = _datetime_field(_("Wanneer"))
    location = forms.CharField(label=_("Waar"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Belangrijkste bespreekpunten"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    members = PeopleChoiceField(
        label=_("Wie nodigen we uit?"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aangevinkt: wie nu deelneemt. Vink aan wie erbij komt, uit wie niet meer."),
    )
    invite_guests = forms.BooleanField(
        label=_("De derden van deze bijeenkomst opnieuw uitnodigen"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, candidates=None, current=(), **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["members"].queryset = candidates
            self.fields["members"].initial = [user.pk for user in current]


class CloseCaseForm(forms.Form):
    evaluation = forms.CharField(
        label=_("Evaluatie en geleerde lessen"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat werkte, wat niet, wat nemen we mee naar een volgende keer?"),
        error_messages={"required": _("Schrijf de evaluatie: wat werkte, wat niet, wat leren we?")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
