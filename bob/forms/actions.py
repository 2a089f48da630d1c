"""Forms for SMART actions and their progress. They parse and validate input; the
services in bob.services.actions decide and write (the SMART check is shared, so the form
shows every refusal at once, next to its field)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from bob.models import Action, Decision
from bob.permissions import ACTION_ROLES
from bob.selectors.actions import action_assignable_users
from bob.services.actions import (
    ACTION_EDITABLE_FIELDS,
    ACTION_MESSAGES,
    action_move_refused_message,
    action_smart_errors,
)
from bob.workflow import ACTION_TRANSITIONS, ActionStatus, EffectJudgement, action_can_move
from samos.accounts.models import User
from samos.core.forms import BoundedModelMultipleChoiceField, SensibleDateField

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
_INVALID_DATE = _("Vul een geldige datum in, bijvoorbeeld 24-11-2026.")


def _date_field(label, **kwargs):
    return SensibleDateField(
        label=label,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


class PersonChoiceField(forms.ModelChoiceField):
    """A kernteam member, shown with their organisation so namesakes can be told apart."""

    def label_from_instance(self, obj: User) -> str:
        return f"{obj} ({obj.organisation})" if obj.organisation_id else str(obj)


def _person_field(label, *, required=False, empty_label, **kwargs):
    return PersonChoiceField(
        label=label,
        queryset=User.objects.none(),
        required=required,
        empty_label=empty_label,
        error_messages={"invalid_choice": ACTION_MESSAGES["not_kernteam"]},
        **kwargs,
    )


class ActionForm(forms.Form):
    """Agree a SMART action (the Handreiking's "Acties" questions, in its order)."""

    title = forms.CharField(
        label=_("Wat moet er worden aangepakt?"),
        max_length=200,
        error_messages={"required": ACTION_MESSAGES["title_required"]},
    )
    intended_result = forms.CharField(
        label=_("Welk resultaat moet het opleveren?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": ACTION_MESSAGES["result_required"]},
    )
    due_date = _date_field(
        _("Wanneer moet het resultaat bereikt zijn?"),
        error_messages={"required": ACTION_MESSAGES["due_required"], "invalid": _INVALID_DATE},
    )
    activity = forms.CharField(
        label=_("Welke activiteit leidt daartoe?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    alternatives = forms.CharField(
        label=_("Eventuele alternatieven"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target_group = forms.CharField(
        label=_("Op wie is de activiteit gericht?"), max_length=200, required=False
    )
    executor = _person_field(
        _("Wie voert de actie uit? (kernteamlid)"),
        empty_label=_("— geen kernteamlid: een derde partij voert uit —"),
    )
    third_party = forms.CharField(
        label=_("Of: welke derde partij voert de actie uit?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld de woningcorporatie of het jongerenwerk."),
    )
    arranged_by = _person_field(
        _("Wie regelt het met de derde partij?"),
        empty_label=_("— niemand (geen derde partij) —"),
    )
    coordinator = _person_field(
        _("Wie coördineert de actie vanuit het kernteam?"),
        required=True,
        empty_label=_("— kies —"),
    )
    report_back_on = _date_field(
        _("Wanneer wordt er in het kernteam teruggekoppeld?"),
        required=False,
        help_text=_("Leeg laten als dat in de volgende bijeenkomst gebeurt."),
        error_messages={"invalid": _INVALID_DATE},
    )
    decision = forms.ModelChoiceField(
        label=_("Volgt uit besluit"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("— geen besluit —"),
    )

    def __init__(self, *args, user=None, session=None, action: Action | None = None, **kwargs):
        kwargs.setdefault("auto_id", "actie_%s")
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["coordinator"].error_messages["required"] = ACTION_MESSAGES[
            "coordinator_required"
        ]
        people = action_assignable_users()
        for name in ("executor", "arranged_by", "coordinator"):
            self.fields[name].queryset = people
        decisions = (
            Decision.objects.filter(decision_list__session=session) if session is not None else None
        )
        if decisions is not None and decisions.exists():
            self.fields["decision"].queryset = decisions
            self.fields["decision"].label_from_instance = lambda d: f"{d.number}. {d.text[:80]}"
        else:
            del self.fields["decision"]
        if (
            not self.is_bound
            and action is None
            and user is not None
            and user.is_active
            and user.has_role(*ACTION_ROLES)
        ):
            self.initial.setdefault("coordinator", user.pk)

        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(
                _("Wat en waartoe"),
                "title",
                "intended_result",
                "activity",
                "alternatives",
                "target_group",
                *(["decision"] if "decision" in self.fields else []),
            ),
            Fieldset(_("Wie"), "executor", "third_party", "arranged_by", "coordinator"),
            Fieldset(_("Wanneer"), "due_date", "report_back_on"),
        )

    def clean(self):
        cleaned = super().clean()
        values = {field: cleaned.get(field) for field in ACTION_EDITABLE_FIELDS}
        for field, messages in action_smart_errors(values=values, previous=self.action).items():
            # A field that already failed (empty, not a date) keeps its own message only.
            if field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        return cleaned

    def action_fields(self) -> dict:
        """The cleaned SMART fields, as the services take them."""
        return {field: self.cleaned_data.get(field) for field in ACTION_EDITABLE_FIELDS}


class ActionEditForm(ActionForm):
    """Edit an open action; carries the version it was opened with (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, action: Action, **kwargs):
        if (args[0] if args else kwargs.get("data")) is None:
            kwargs.setdefault(
                "initial",
                {
                    **{field: getattr(action, field) for field in ACTION_EDITABLE_FIELDS},
                    "executor": action.executor_id,
                    "arranged_by": action.arranged_by_id,
                    "coordinator": action.coordinator_id,
                    "version": action.version,
                },
            )
        super().__init__(*args, action=action, **kwargs)
        self.helper.layout.append("version")


def citable_signal_label(signal, *, length: int = 80) -> str:
    """A signal offered to cite: when, where, what; an exercise's fictitious signal says
    so in words."""
    label = f"{signal.observed_at:%d-%m-%Y}, {signal.area.name}: {signal.observation[:length]}"
    return f"{_('Oefensignaal')} — {label}" if signal.is_exercise else label


THIRD_PARTY_DONE_CHOICES = [("", _("Nog niet bekend")), ("ja", _("Ja")), ("nee", _("Nee"))]


def _yes_no(value: str) -> bool | None:
    return {"ja": True, "nee": False}.get(value)


def progress_status_choices(status: str) -> list[tuple[str, str]]:
    """The moves the workflow allows from STATUS, after 'keep the status'."""
    keep = _("Status blijft “%(status)s”") % {"status": ActionStatus(status).label}
    allowed = ACTION_TRANSITIONS.get(status, frozenset())
    return [("", keep)] + [
        (value, label) for value, label in ActionStatus.choices if value in allowed
    ]


class ActionProgressForm(forms.Form):
    """Progress on an action, as a follow-up session asks it (Handreiking A2.1)."""

    note = forms.CharField(
        label=_("Hoe staat het met de actie?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": ACTION_MESSAGES["note_required"]},
    )
    to_status = forms.ChoiceField(
        label=_("Nieuwe status"),
        required=False,
        error_messages={"invalid_choice": ACTION_MESSAGES["status_unknown"]},
    )
    third_party_done = forms.TypedChoiceField(
        label=_("Heeft de derde partij de actie uitgevoerd?"),
        choices=THIRD_PARTY_DONE_CHOICES,
        coerce=_yes_no,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    result_visible = forms.ChoiceField(
        label=_("Is het gewenste resultaat (al) zichtbaar?"),
        choices=[("", _("— niet ingevuld —")), *EffectJudgement.choices],
        required=False,
    )
    judged_result = forms.CharField(
        label=_("Beoordeeld resultaat"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij “Uitgevoerd”: wat heeft de actie opgeleverd?"),
    )
    signals = BoundedModelMultipleChoiceField(
        label=_("Op welke signalen is dit gebaseerd?"),
        queryset=None,
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    sessie = forms.UUIDField(widget=forms.HiddenInput, required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)

    def __init__(self, *args, action: Action, signals=None, **kwargs):
        kwargs.setdefault("auto_id", "voortgang_%s")
        super().__init__(*args, **kwargs)
        self.action = action
        # Any known status passes the field, so a refused move gets the workflow's own
        # message naming both statuses; the list offers only the allowed ones.
        to_status = self.fields["to_status"]
        to_status.choices = [("", ""), *ActionStatus.choices]
        to_status.widget.choices = progress_status_choices(action.status)
        if not self.is_bound:
            self.initial.setdefault("version", action.version)
        if not action.third_party:
            del self.fields["third_party_done"]
        if signals is not None and signals.exists():
            self.fields["signals"].queryset = signals
            self.fields["signals"].label_from_instance = citable_signal_label
        else:
            del self.fields["signals"]

        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        judged = [
            name
            for name in ("third_party_done", "result_visible", "judged_result", "signals")
            if name in self.fields
        ]
        self.helper.layout = Layout(
            Fieldset(_("Voortgang"), "note", "to_status"),
            Fieldset(_("Oordeel"), *judged),
            "version",
            "sessie",
            "next",
        )

    def clean(self):
        cleaned = super().clean()
        to_status = cleaned.get("to_status")
        if to_status and to_status != self.action.status:
            if not action_can_move(self.action.status, to_status):
                self.add_error(
                    "to_status", action_move_refused_message(self.action.status, to_status)
                )
        if to_status == ActionStatus.VERVALLEN and "note" in self.errors:
            self.errors["note"] = self.error_class([ACTION_MESSAGES["note_required_dropped"]])
        if to_status == ActionStatus.UITGEVOERD and not (cleaned.get("judged_result") or ""):
            self.add_error("judged_result", ACTION_MESSAGES["judged_result_required"])
        return cleaned
