"""Forms of the kernteam app: they validate input only; services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from signals.models import Area, Theme

from .workflow import Phase


class CaseForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=150,
        error_messages={"required": _("Geef de casus een korte titel.")},
    )
    description = forms.CharField(
        label=_("Aanleiding"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Gebieden"),
        queryset=Area.objects.filter(is_active=True).exclude(kind=Area.Kind.BUURT),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leeg laten: de gebieden van de gekozen signalen."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    phase = forms.ChoiceField(label=_("Fase bij opening"), choices=Phase.choices)
    is_exercise = forms.BooleanField(
        label=_("Dit is een oefening"),
        required=False,
        help_text=_(
            "Een oefening staat als oefening op elk scherm en telt niet mee in overzichten."
        ),
    )


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Nieuwe fase"), choices=Phase.choices)
    reason = forms.CharField(
        label=_("Waarom?"),
        max_length=300,
        error_messages={"required": _("Geef kort aan waarom de fase verandert.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
