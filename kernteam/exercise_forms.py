"""Forms of the exercise page: the form of the exercise, a fictitious signal, an inject,
the given beeld and oordeel, and the exercise's own evaluation. They only validate input;
kernteam.exercises does the rest."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samos.core.forms import BoundedModelMultipleChoiceField, SensibleDateTimeField
from signals.models import Area, Signal, SourceKind, Theme

from .exercise_models import Exercise, ExerciseForm
from .exercises import MAX_OFFSET_MINUTES

_TEXT = 4000


class ExerciseFormChoiceForm(forms.Form):
    exercise_form = forms.ChoiceField(
        label=_("Oefenvorm"),
        choices=ExerciseForm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de oefenvorm van deze oefening.")},
    )


class ExerciseSignalForm(forms.Form):
    """A fictitious signal: marked as exercise material, never a real observation."""

    observation = forms.CharField(
        label=_("Wat is er (fictief) gezien of gehoord?"),
        help_text=_("Verzin het: geen echte namen, adressen of personen."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=_TEXT,
        error_messages={"required": _("Beschrijf wat er (fictief) gezien of gehoord is.")},
    )
    observed_at = SensibleDateTimeField(
        label=_("Wanneer (in het oefenverhaal)?"),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Vul een datum en tijd in."),
            "invalid": _("Vul een geldige datum en tijd in."),
        },
    )
    area = forms.ModelChoiceField(
        label=_("Waar?"),
        queryset=Area.objects.filter(is_active=True),
        error_messages={"required": _("Kies een gebied.")},
    )
    themes = BoundedModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    source_kind = forms.ModelChoiceField(
        label=_("Bron"),
        queryset=SourceKind.objects.filter(is_active=True),
        empty_label=None,
        error_messages={"required": _("Kies een bron.")},
    )
    urgency = forms.ChoiceField(
        label=_("Urgentie"),
        choices=Signal.Urgency.choices,
        initial=Signal.Urgency.MIDDEN,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(
                "observed_at", timezone.localtime().replace(second=0, microsecond=0)
            )


class InjectForm(forms.Form):
    text = forms.CharField(
        label=_("Wat komt er binnen?"),
        help_text=_("Bijvoorbeeld: “De wijkagent belt: er staan twintig mensen bij de sporthal.”"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=_TEXT,
        error_messages={"required": _("Schrijf wat er binnenkomt.")},
    )
    offset_minutes = forms.IntegerField(
        label=_("Na hoeveel minuten (vanaf de start van de bijeenkomst)?"),
        help_text=_("Leeg laten: u toont de inject zelf, met “Nu tonen”."),
        min_value=0,
        max_value=MAX_OFFSET_MINUTES,
        required=False,
        error_messages={
            "invalid": _("Vul een heel aantal minuten in."),
            "min_value": _("Kies 0 minuten of meer."),
            "max_value": _("Ten hoogste %(limit_value)s minuten."),
        },
    )


class GivenForm(forms.ModelForm):
    """The beeld and oordeel the besluitvorming form gives in advance."""

    class Meta:
        model = Exercise
        fields = [*Exercise.GIVEN_BEELD, *Exercise.GIVEN_OORDEEL]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class EvaluationForm(forms.Form):
    cooperation = forms.CharField(
        label=_("Hoe verliep de samenwerking in het kernteam en met derden?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=_TEXT,
        error_messages={"required": _("Vul dit deel van de evaluatie in.")},
    )
    protocol = forms.CharField(
        label=_("Hoe is het werkprotocol gevolgd?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=_TEXT,
        error_messages={"required": _("Vul dit deel van de evaluatie in.")},
    )
    improvements = forms.CharField(
        label=_("Wat verbeteren we?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=_TEXT,
        error_messages={"required": _("Vul dit deel van de evaluatie in.")},
    )
