"""Forms of the kernteam app: they validate input only; services do the writing."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernteam.models import ExerciseForm, Preparation
from kernteam.selectors import PREPARATION_SECTIONS, session_invitable_users
from kernteam.services.preparations import PREPARATION_MAX_ANSWER
from kernteam.workflow import Phase, SessionKind
from samos.core.forms import BoundedModelMultipleChoiceField, SensibleDateField
from signals.models import Area, Theme


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
    areas = BoundedModelMultipleChoiceField(
        label=_("Gebieden"),
        queryset=Area.objects.filter(is_active=True).exclude(kind=Area.Kind.BUURT),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leeg laten: de gebieden van de gekozen signalen."),
    )
    themes = BoundedModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    phase = forms.ChoiceField(label=_("Fase bij opening"), choices=Phase.choices)
    is_confidential = forms.BooleanField(
        label=_("Besloten casus"),
        required=False,
        help_text=_(
            "Alleen wie de casus opent, de deelnemers van de bijeenkomsten, de burgemeester "
            "en de coördinatoren zien de casus, de signalen, stukken en acties ervan. Laat "
            "leeg om het beeld met het hele kernteam te delen (gebruikelijk)."
        ),
    )
    is_exercise = forms.BooleanField(
        label=_("Dit is een oefening"),
        required=False,
        help_text=_(
            "Een oefening staat als oefening op elk scherm en telt niet mee in overzichten."
        ),
    )
    exercise_form = forms.ChoiceField(
        label=_("Oefenvorm (alleen bij een oefening)"),
        choices=ExerciseForm.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "De zes oefenvormen van de Handreiking. U bent de oefenleider: u bereidt "
            "daarna de fictieve signalen en de injects voor."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_exercise") and not cleaned.get("exercise_form"):
            self.add_error("exercise_form", _("Kies de oefenvorm van deze oefening."))
        if cleaned.get("exercise_form") and not cleaned.get("is_exercise"):
            self.add_error(
                "is_exercise", _("Een oefenvorm hoort bij een oefening: vink ‘oefening’ aan.")
            )
        return cleaned


class ConfidentialForm(forms.Form):
    """Make a case besloten, or share it with the whole kernteam again."""

    besloten = forms.TypedChoiceField(
        label=_("Wie ziet deze casus?"),
        choices=(
            ("nee", _("Het hele kernteam (gebruikelijk)")),
            ("ja", _("Besloten: alleen de deelnemers, de burgemeester en de coördinatoren")),
        ),
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie de casus ziet.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Nieuwe fase"), choices=Phase.choices)
    reason = forms.CharField(
        label=_("Waarom?"),
        max_length=300,
        error_messages={"required": _("Geef kort aan waarom de fase verandert.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


# --- convening and preparation -------------------------------------------------------

GUEST_ROWS = 3
_GUEST_PARTS = (
    ("name", _("Naam"), 120),
    ("organisation", _("Organisatie"), 120),
    ("role", _("Rol of functie"), 120),
)


class PersonChoiceMixin:
    """Users shown as 'name (organisation)' in selects and checkbox lists."""

    def label_from_instance(self, obj):
        return f"{obj} ({obj.organisation})" if obj.organisation_id else str(obj)


class PersonChoiceField(PersonChoiceMixin, forms.ModelChoiceField):
    pass


class PeopleChoiceField(PersonChoiceMixin, BoundedModelMultipleChoiceField):
    pass


class ConveneForm(forms.Form):
    """Convene the kernteam: kind, moment, place, chair and secretary, who is invited.

    Date and time are two plain inputs (type=date and type=time: no JavaScript needed),
    read as Europe/Amsterdam time. Three fixed rows for derden; empty rows are ignored.
    """

    kind = forms.ChoiceField(
        label=_("Soort bijeenkomst"),
        choices=SessionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort bijeenkomst.")},
    )
    date = SensibleDateField(
        label=_("Datum"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Kies de datum van de bijeenkomst."),
            "invalid": _("Geef de datum als dd-mm-jjjj."),
        },
    )
    time = forms.TimeField(
        label=_("Tijd"),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Kies de begintijd."),
            "invalid": _("Geef de tijd als uu:mm, bijvoorbeeld 19:30."),
        },
    )
    location = forms.CharField(
        label=_("Plaats"),
        max_length=200,
        required=False,
        help_text=_("Een plaats, een link voor online deelname, of allebei."),
    )
    online_link = forms.URLField(
        label=_("Link voor online deelname"),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Geef een volledige link, beginnend met https://.")},
    )
    chair = PersonChoiceField(
        label=_("Voorzitter"),
        queryset=None,
        required=False,
        empty_label=_("— de voorzitter van het kernteam —"),
    )
    secretary = PersonChoiceField(
        label=_("Secretaris"),
        queryset=None,
        required=False,
        empty_label=_("— de secretaris van het kernteam —"),
    )
    agenda = forms.CharField(
        label=_("Belangrijkste bespreekpunten"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    agenda_for_guests = forms.BooleanField(
        label=_("Bespreekpunten ook in de uitnodiging aan derden"),
        required=False,
        help_text=_(
            "Standaard horen derden alleen wanneer en waar het kernteam bijeenkomt: de "
            "bespreekpunten kunnen namen of gevoelige zaken noemen."
        ),
    )
    members = PeopleChoiceField(
        label=_("Uitnodigen uit het kernteam"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("U zelf, de voorzitter en de secretaris worden altijd uitgenodigd."),
    )

    def __init__(self, *args, people=None, **kwargs):
        """PEOPLE: the users who may be invited (kernteam.selectors.session_invitable_users)."""
        super().__init__(*args, **kwargs)
        if people is None:
            people = session_invitable_users()
        for name in ("chair", "secretary", "members"):
            self.fields[name].queryset = people
        for row in range(GUEST_ROWS):
            for part, label, limit in _GUEST_PARTS:
                self.fields[f"guest_{row}_{part}"] = forms.CharField(
                    label=label, max_length=limit, required=False
                )
            self.fields[f"guest_{row}_email"] = forms.EmailField(
                label=_("E-mailadres"),
                required=False,
                error_messages={"invalid": _("Dit is geen geldig e-mailadres.")},
            )

    @property
    def guest_rows(self):
        """[(number, [bound fields of the row])] for the template."""
        parts = [part for part, _label, _limit in _GUEST_PARTS] + ["email"]
        return [
            (row + 1, [self[f"guest_{row}_{part}"] for part in parts]) for row in range(GUEST_ROWS)
        ]

    @property
    def main_fields(self):
        return [self[name] for name in ("location", "online_link", "chair", "secretary")]

    def clean(self):
        cleaned = super().clean()
        day, moment = cleaned.get("date"), cleaned.get("time")
        if day is not None and moment is not None:
            tz = timezone.get_default_timezone()  # Europe/Amsterdam (settings.TIME_ZONE)
            local = datetime.datetime.combine(day, moment.replace(second=0, microsecond=0))
            aware = timezone.make_aware(local, tz)
            # The hour skipped when summer time starts does not exist on the clock.
            if aware.astimezone(datetime.UTC).astimezone(tz).replace(tzinfo=None) != local:
                self.add_error(
                    "time", _("Dit tijdstip bestaat niet door de overgang naar zomertijd.")
                )
            else:
                cleaned["starts_at"] = aware
        guests = []
        for row in range(GUEST_ROWS):
            values = {
                part: cleaned.get(f"guest_{row}_{part}", "")
                for part in ("name", "organisation", "role", "email")
            }
            if not any(values.values()):
                continue
            if not values["name"]:
                self.add_error(f"guest_{row}_name", _("Geef de naam van deze derde."))
            guests.append(values)
        cleaned["guests"] = guests
        return cleaned

    def service_kwargs(self) -> dict:
        """The cleaned data as session_convene's keyword arguments."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "starts_at": data.get("starts_at"),
            "location": data["location"],
            "online_link": data["online_link"],
            "chair": data["chair"],
            "secretary": data["secretary"],
            "agenda": data["agenda"],
            "agenda_for_guests": data["agenda_for_guests"],
            "members": list(data["members"]),
            "guests": data["guests"],
        }


class PreparationForm(forms.Form):
    """One member's preparation: the Handreiking's questions in three fieldsets."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for _title, questions in PREPARATION_SECTIONS:
            for field, label in questions:
                self.fields[field] = forms.CharField(
                    label=label,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=PREPARATION_MAX_ANSWER,
                    required=False,
                )

    @property
    def sections(self):
        """[(title, [bound fields])] for the fieldsets of the template."""
        return [
            (title, [self[field] for field, _label in questions])
            for title, questions in PREPARATION_SECTIONS
        ]

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(field) or "").strip() for field in Preparation.TEXT_FIELDS):
            raise forms.ValidationError(_("Beantwoord ten minste één vraag."), code="empty")
        return cleaned

    def answers(self) -> dict:
        return {field: self.cleaned_data.get(field, "") for field in Preparation.TEXT_FIELDS}


class AddGuestForm(forms.Form):
    """A derde (no account) invited to a session later on."""

    name = forms.CharField(
        label=_("Naam"),
        max_length=120,
        error_messages={"required": _("Geef de naam van de derde.")},
    )
    organisation = forms.CharField(label=_("Organisatie"), max_length=120, required=False)
    role = forms.CharField(label=_("Rol of functie"), max_length=120, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        help_text=_("Met een e-mailadres krijgt de derde een uitnodiging."),
        error_messages={"invalid": _("Dit is geen geldig e-mailadres.")},
    )
