"""Forms of the hand-over and of its way back. They validate input only; the rules
(open case, one open hand-over per recipient, no moment in the future) are the
services'. Date and time are two plain inputs, read as Europe/Amsterdam time."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samos.core.forms import SensibleDateField

from .workflow import Recipient


def _date_field(required_message):
    return SensibleDateField(
        label=_("Datum"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": required_message,
            "invalid": _("Geef de datum als dd-mm-jjjj."),
        },
    )


def _time_field():
    return forms.TimeField(
        label=_("Tijd"),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Geef de tijd."),
            "invalid": _("Geef de tijd als uu:mm, bijvoorbeeld 19:30."),
        },
    )


class _MomentForm(forms.Form):
    """A moment from the fields `date` and `time`, as `cleaned_data[moment_name]`."""

    moment_name = "moment"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            now = timezone.localtime()
            self.initial.setdefault("date", now.date())
            self.initial.setdefault("time", now.time().replace(second=0, microsecond=0))

    def clean(self):
        cleaned = super().clean()
        day, moment = cleaned.get("date"), cleaned.get("time")
        if day is not None and moment is not None:
            tz = timezone.get_default_timezone()
            local = datetime.datetime.combine(day, moment.replace(second=0, microsecond=0))
            aware = timezone.make_aware(local, tz)
            # The hour skipped when summer time starts does not exist on the clock.
            if aware.astimezone(datetime.UTC).astimezone(tz).replace(tzinfo=None) != local:
                self.add_error(
                    "time", _("Dit tijdstip bestaat niet door de overgang naar zomertijd.")
                )
            else:
                cleaned[self.moment_name] = aware
        return cleaned


class HandoverForm(_MomentForm):
    moment_name = "handed_over_at"

    recipient = forms.ChoiceField(
        label=_("Aan wie draagt het kernteam de casus over?"),
        choices=Recipient.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies aan wie de casus wordt overgedragen.")},
    )
    date = _date_field(_("Geef de datum van de overdracht."))
    time = _time_field()
    scope = forms.CharField(
        label=_("Wat wordt overgedragen?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_(
            "Bijvoorbeeld: de regie over de openbare orde, de opvang van getroffenen, de "
            "crisiscommunicatie. Wat niet wordt overgedragen, blijft bij het kernteam."
        ),
        error_messages={"required": _("Beschrijf wat er wordt overgedragen.")},
    )
    contact_name = forms.CharField(
        label=_("Contactpersoon bij de ontvanger"),
        max_length=150,
        help_text=_("Naam en functie, bijvoorbeeld: A. de Vries, officier van dienst."),
        error_messages={"required": _("Noem de contactpersoon bij de ontvanger.")},
    )
    contact_details = forms.CharField(
        label=_("Bereikbaar via (niet verplicht)"),
        max_length=200,
        required=False,
        help_text=_("Een zakelijk telefoonnummer of e-mailadres."),
    )


class HandoverReturnForm(_MomentForm):
    moment_name = "returned_at"

    date = _date_field(_("Geef de datum van de teruggave."))
    time = _time_field()
    returned_by = forms.CharField(
        label=_("Teruggegeven door"),
        max_length=150,
        help_text=_("Wie bij de crisisorganisatie of de GGD geeft de casus terug?"),
        error_messages={"required": _("Noem wie de casus teruggeeft.")},
    )
    what_comes_back = forms.CharField(
        label=_("Wat komt er terug bij het kernteam?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_(
            "Bijvoorbeeld: de nazorg in de kern, lopende afspraken met bewoners, wat nog "
            "gevolgd moet worden."
        ),
        error_messages={"required": _("Beschrijf wat er terugkomt bij het kernteam.")},
    )


# Service errors name the moment; the form shows them at its date field.
MOMENT_FIELDS = {"handed_over_at": "date", "returned_at": "date"}
