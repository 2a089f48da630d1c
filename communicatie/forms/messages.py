"""Forms for messages (uitingen): draft or change one, record that it went out."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from communicatie.models import MessageKind, TargetGroup
from communicatie.permissions import PLAN_READ_ROLES
from samos.core.forms import BoundedModelMultipleChoiceField, SensibleDateTimeField

MOMENT_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _people():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=sorted(PLAN_READ_ROLES))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class MessageForm(forms.Form):
    kind = forms.ModelChoiceField(
        label=_("Soort uiting"),
        queryset=MessageKind.objects.filter(is_active=True),
        empty_label=None,
    )
    title = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        help_text=_("Kort, om de uiting te herkennen. Het staat nooit in een e-mail."),
    )
    target_groups = BoundedModelMultipleChoiceField(
        label=_("Doelgroepen"),
        queryset=TargetGroup.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    channel = forms.CharField(
        label=_("Kanaal"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: huis-aan-huis, website, Facebookgroep van het dorp."),
    )
    planned_at = SensibleDateTimeField(
        label=_("Gepland moment"), required=False, widget=MOMENT_WIDGET
    )
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=_people(),
        required=False,
        empty_label=_("— nog niemand —"),
        help_text=_("Wie zorgt dat de uiting op tijd de deur uit gaat."),
    )
    text = forms.CharField(
        label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 12}), max_length=20000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Evaluate per form, not at import: people and lists change in the admin.
        self.fields["owner"].queryset = _people()

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name] for name in ("kind", "title", "channel", "planned_at", "owner", "text")
        }


class MarkSentForm(forms.Form):
    sent_at = SensibleDateTimeField(
        label=_("Wanneer ging het de deur uit?"),
        required=False,
        widget=MOMENT_WIDGET,
        help_text=_("Leeg laten: nu."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionOnlyForm(forms.Form):
    """Submit and withdraw: no input but the version the user looked at."""

    version = forms.IntegerField(widget=forms.HiddenInput)
