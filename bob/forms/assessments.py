"""The vooraf-afweging form: three short parts (beeld, oordeel, besluit) and one outcome.

The form parses; bob.services.assessments decides (what each outcome needs is checked
there, so every refusal shows at once next to its field).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from bob.forms.runner import DATETIME_FORMATS, kernteam_users
from bob.protocol import SEVERITY, TIME
from bob.services.information import INFORMATION_REQUEST_MESSAGES
from bob.workflow import AssessmentOutcome, PictureSoundness
from samos.core.forms import SensibleDateField, SensibleDateTimeField

NEW_CASE = "nieuw"
# "Nadere informatievragen? Aan wie?": a few rows; each filled row becomes a tracked
# informatieverzoek on the case (owner, deadline, reminders).
INFO_ROWS = 2
_INFO_PARTS = ("question", "source", "requested_by", "deadline")


def _text(label, *, required=False, rows=3, max_length=4000, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _signal_label(signal) -> str:
    return f"{signal.observed_at:%d-%m-%Y}, {signal.area.name}: {signal.observation[:90]}"


def _person(person) -> str:
    return f"{person} ({person.organisation})" if person.organisation_id else str(person)


class AssessmentForm(forms.Form):
    # Bij welke casus? Only when started from signals; from a case it is fixed.
    case = forms.ChoiceField(
        label=_("Bij welke casus hoort deze afweging?"),
        widget=forms.RadioSelect,
        required=False,
    )
    new_case_title = forms.CharField(
        label=_("Titel van de nieuwe casus"),
        max_length=150,
        required=False,
        help_text=_("Kort en zonder namen, bijvoorbeeld “Onrust rond de sporthal”."),
    )
    # Beeldvorming
    what_happened = _text(_("Wat is er gebeurd?"), rows=4)
    state_of_unrest = _text(_("Hoe is het gesteld met de maatschappelijke (on)rust?"))
    signals = forms.MultipleChoiceField(
        label=_("Welke signalen hebben we ontvangen?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Gekozen signalen worden aan de casus gekoppeld."),
    )
    picture_sound = forms.ChoiceField(
        label=_("Kunnen we op basis van deze signalen een gedegen beeld van de situatie vormen?"),
        choices=PictureSoundness.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    picture_gaps = _text(_("Wat ontbreekt er nog aan het beeld?"), rows=2)
    # Oordeelsvorming
    what_may_happen = _text(_("Wat en wanneer staat er (mogelijk nog) te gebeuren?"))
    consequences = _text(_("Wat zijn de (mogelijke) gevolgen voor maatschappelijke onrust?"))
    supporting_signals = forms.MultipleChoiceField(
        label=_("Welke signalen worden opgevangen om één en ander te staven?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    severity = forms.ChoiceField(
        label=_("Hoe ernstig is de (te verwachten) situatie?"),
        choices=SEVERITY,
        widget=forms.RadioSelect,
        required=False,
    )
    urgency = forms.ChoiceField(
        label=_("Hoe urgent?"), choices=TIME, widget=forms.RadioSelect, required=False
    )
    # Besluitvorming
    outcome = forms.ChoiceField(
        label=_("Wat doet u nu?"),
        choices=AssessmentOutcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    motivation = _text(
        _("Waarom deze uitkomst?"),
        rows=3,
        help_text=_("Bij bijeenroepen wordt dit de motivering in de uitnodiging."),
    )
    informed = forms.MultipleChoiceField(
        label=_("Welke kernteamleden informeert u?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note_to_partners = _text(_("Korte notitie aan die kernteamleden"), rows=3, max_length=2000)
    review_on = SensibleDateField(
        label=_("Wanneer kijkt u opnieuw?"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
        help_text=_("U krijgt die dag een herinnering."),
        error_messages={"invalid": _("Geef de datum als dd-mm-jjjj.")},
    )

    BEELD = ("what_happened", "state_of_unrest", "signals", "picture_sound", "picture_gaps")
    OORDEEL = ("what_may_happen", "consequences", "supporting_signals", "severity", "urgency")
    BESLUIT = ("outcome", "motivation")

    def __init__(self, *args, cases=None, candidates=(), people=(), **kwargs):
        """CASES: the open cases to choose from (None: the case is fixed). CANDIDATES: the
        signals that can be linked. PEOPLE: who may receive a note."""
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        signal_choices = [(str(s.uuid), _signal_label(s)) for s in self.candidates]
        self.fields["signals"].choices = signal_choices
        self.fields["supporting_signals"].choices = signal_choices
        self.fields["informed"].choices = [
            (
                str(person.pk),
                f"{person} ({person.organisation})" if person.organisation_id else str(person),
            )
            for person in people
        ]
        self.choose_case = cases is not None
        if self.choose_case:
            self.fields["case"].choices = [
                *((str(case.uuid), case.title) for case in cases),
                (NEW_CASE, _("Een nieuwe casus")),
            ]
        else:
            del self.fields["case"]
            del self.fields["new_case_title"]
        self._people = {str(person.pk): person for person in people}
        owners = kernteam_users()
        for row in range(1, INFO_ROWS + 1):
            self.fields[f"info_{row}_question"] = forms.CharField(
                label=_("Welke informatie ontbreekt?"), max_length=300, required=False
            )
            self.fields[f"info_{row}_source"] = forms.CharField(
                label=_("Bij wie is die te krijgen?"), max_length=200, required=False
            )
            self.fields[f"info_{row}_requested_by"] = forms.ModelChoiceField(
                label=_("Wie vraagt het op?"),
                queryset=owners,
                required=False,
                empty_label=_("— kies —"),
                error_messages={
                    "invalid_choice": INFORMATION_REQUEST_MESSAGES["requested_by_required"]
                },
            )
            self.fields[f"info_{row}_deadline"] = SensibleDateTimeField(
                label=_("Uiterlijk binnen op"),
                input_formats=DATETIME_FORMATS,
                required=False,
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
            )

    def info_rows(self):
        """(number, bound fields) of each information-question row."""
        return [
            (row, [self[f"info_{row}_{part}"] for part in _INFO_PARTS])
            for row in range(1, INFO_ROWS + 1)
        ]

    def information_requests(self) -> list[dict]:
        """The filled rows as the service's information-request fields."""
        rows = []
        for row in range(1, INFO_ROWS + 1):
            values = {part: self.cleaned_data.get(f"info_{row}_{part}") for part in _INFO_PARTS}
            if any(values.values()):
                rows.append({"row": row, **values})
        return rows

    def sections(self):
        """(legend, bound fields) of the three parts, in the Handreiking's order."""
        return [
            (_("Beeldvorming"), [self[name] for name in self.BEELD]),
            (_("Oordeelsvorming"), [self[name] for name in self.OORDEEL]),
        ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "signal_uuids": data["signals"],
            "supporting_signal_uuids": data["supporting_signals"],
            "what_happened": data["what_happened"],
            "state_of_unrest": data["state_of_unrest"],
            "picture_sound": data["picture_sound"],
            "picture_gaps": data["picture_gaps"],
            "what_may_happen": data["what_may_happen"],
            "consequences": data["consequences"],
            "severity": data["severity"],
            "urgency": data["urgency"],
            "outcome": data["outcome"],
            "motivation": data["motivation"],
            "note_to_partners": data["note_to_partners"],
            "informed": [self._people[pk] for pk in data["informed"]],
            "review_on": data["review_on"],
            "information_requests": self.information_requests(),
        }
        if self.choose_case:
            chosen = data.get("case")
            if chosen and chosen != NEW_CASE:
                kwargs["case_uuid"] = chosen
            elif chosen == NEW_CASE:
                kwargs["new_case_title"] = data["new_case_title"]
        return kwargs
