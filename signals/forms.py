"""Forms of the signals app: they validate input only; services do the writing."""

import uuid
from datetime import datetime, timedelta

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from samos.core.forms import (
    BoundedModelMultipleChoiceField,
    SensibleDateField,
    SensibleDateTimeField,
)

from .models import Area, AttentionRequest, Signal, SourceKind, Theme
from .privacy import find_personal_data, summarise_hits
from .selectors import attention_request_list_visible_for
from .services import CLOCK_SKEW, held_uploads_for
from .uploads import ALLOWED_CONTENT_TYPES, validate_upload
from .uploads.validation import max_bytes_setting
from .workflow import SignalStatus

MAX_ATTACHMENTS = 5
DEFAULT_ATTENTION_PERIOD = timedelta(days=14)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to five photos, screenshots or PDFs, each checked by `signals.uploads`."""

    widget = MultipleFileInput(attrs={"accept": ",".join(sorted(ALLOWED_CONTENT_TYPES))})

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("U kunt maximaal %(max)d bijlagen toevoegen.") % {"max": MAX_ATTACHMENTS}
            )
        validated, errors = [], []
        for uploaded in files:
            try:
                validated.append(validate_upload(uploaded))
            except forms.ValidationError as error:
                errors.extend(f"{uploaded.name}: {message}" for message in error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return validated


def _flat_attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: False leaves out, True is a bare attribute."""
    return mark_safe(  # noqa: S308 - every name and value passes through format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class Select(forms.Select):
    """A <select> with exactly the markup of Django's select.html, select_option.html and
    attrs.html, written out in Python.

    The template version renders two templates for every <option>; with a few dozen
    areas that was the largest single cost of the signal list's filter form. Named
    `Select` like Django's on purpose: crispy-forms turns the widget's class name into a
    CSS class (`select form-select`), which must stay the same.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _flat_attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        _flat_attrs(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")  # Django's form renderer strips the template's newline
        return mark_safe("".join(parts))  # noqa: S308 - built from format_html only


class _LoadedChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """The choices from the objects the field loaded once, not from a new query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.field.loaded_objects():
            yield self.choice(obj)

    def __len__(self):
        extra = (self.field.empty_label is not None) + (self.field.null_label is not None)
        return len(self.field.loaded_objects()) + extra

    def __bool__(self):
        return len(self) > 0


class LoadedModelChoiceField(django_filters.fields.ModelChoiceField):
    """A filter's model choice that runs its queryset once per form.

    A plain ModelChoiceField asks the database twice: `queryset.get()` to validate the
    submitted value and a second query to render the options. This one loads the
    (short) list of choices on first use and answers both from it, with the same
    outcome: a value outside the queryset is an invalid choice.
    """

    iterator = _LoadedChoiceIterator

    def _set_queryset(self, queryset):
        self._loaded = None  # a new queryset (also on the per-form deepcopy): load again
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def loaded_objects(self) -> list:
        if self._loaded is None:
            self._loaded = list(self.queryset)
        return self._loaded

    def to_python(self, value):
        if self.null_label is not None and value == self.null_value:
            return value
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        model = self.queryset.model
        key = self.to_field_name or "pk"
        field = model._meta.pk if key == "pk" else model._meta.get_field(key)
        if isinstance(value, model):
            value = getattr(value, key)
        try:
            # The conversion queryset.get() would make ("16" → 16; "abc" is refused).
            wanted = field.get_prep_value(value)
        except (ValueError, TypeError, ValidationError):
            wanted = None
        for obj in self.loaded_objects() if wanted is not None else ():
            if getattr(obj, key) == wanted:
                return obj
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class LoadedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """ModelChoiceFilter with one query for its choices and options rendered in Python."""

    field_class = LoadedModelChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", Select)
        super().__init__(*args, **kwargs)


def grouped_area_choices() -> list:
    """Areas as <optgroup>s per kern/wijk, so a long list stays easy to scan and type in."""
    areas = list(Area.objects.filter(is_active=True).select_related("parent").order_by("name"))
    children: dict[int, list[Area]] = {}
    for area in areas:
        if area.parent_id:
            children.setdefault(area.parent_id, []).append(area)
    choices: list = [("", _("Kies een gebied"))]
    for area in areas:
        if area.kind == Area.Kind.GEMEENTE:
            choices.append((area.pk, _("%(name)s (hele gemeente)") % {"name": area.name}))
    for area in areas:
        if area.kind in (Area.Kind.KERN, Area.Kind.WIJK):
            group = [
                (
                    area.pk,
                    _("%(name)s (hele %(kind)s)")
                    % {"name": area.name, "kind": area.get_kind_display().lower()},
                )
            ]
            group += [(child.pk, child.name) for child in children.get(area.pk, [])]
            choices.append((area.name, group))
    return choices


class SignalForm(forms.Form):
    nature = forms.ChoiceField(
        label=_("Wat voor waarneming?"),
        choices=Signal.Nature.choices,
        initial=Signal.Nature.ZORG,
        widget=forms.RadioSelect,
        # Not chosen means a concern, as every signal was before this question existed.
        required=False,
        help_text=_(
            "Ook wat goed gaat telt: bewoners die elkaar helpen of een buurt die zelf iets "
            "oplost. Zo ziet het kernteam waar de veerkracht zit."
        ),
    )
    observation = forms.CharField(
        label=_("Wat zag of hoorde u?"),
        help_text=_(
            "Alleen de feiten: wat, waar, wanneer. Liever geen namen of nummers van personen."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Beschrijf wat u zag of hoorde.")},
    )
    observed_at = SensibleDateTimeField(
        label=_("Wanneer?"),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Vul een geldige datum en tijd in.")},
    )
    area = forms.ModelChoiceField(
        label=_("Waar?"),
        queryset=Area.objects.filter(is_active=True),
        error_messages={
            "required": _("Kies het gebied waar het gebeurde."),
            "invalid_choice": _("Dit gebied bestaat niet (meer). Kies een gebied uit de lijst."),
        },
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
    )
    channel = forms.ChoiceField(
        label=_("Online of offline?"),
        choices=Signal.Channel.choices,
        initial=Signal.Channel.OFFLINE,
        widget=forms.RadioSelect,
    )
    urgency = forms.ChoiceField(
        label=_("Hoe urgent schat u het in?"),
        choices=Signal.Urgency.choices,
        initial=Signal.Urgency.MIDDEN,
        widget=forms.RadioSelect,
    )
    impression = forms.CharField(
        label=_("Uw eigen eerste indruk (niet verplicht)"),
        help_text=_("Hier mag uw inschatting staan, los van de feiten hierboven."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    confidentiality = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        choices=Signal.Confidentiality.choices,
        initial=Signal.Confidentiality.INTERN,
        widget=forms.RadioSelect,
        help_text=_(
            "Vertrouwelijk: alleen de coördinator, de voorzitter van het kernteam en u zien het."
        ),
    )
    contains_personal_data = forms.BooleanField(
        label=_("Dit signaal bevat persoonsgegevens"),
        help_text=_(
            "Dan zien alleen de coördinator, de voorzitter en u het, en wordt het eerder "
            "verwijderd."
        ),
        required=False,
    )
    attention_request = forms.ModelChoiceField(
        label=_("Antwoord op een aandachtsverzoek (niet verplicht)"),
        queryset=AttentionRequest.objects.none(),
        required=False,
        empty_label=_("Geen"),
    )
    attachments = AttachmentsField(
        label=_("Foto's of documenten (niet verplicht)"),
        required=False,
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    # Attachments kept from an earlier, refused try of this form (HeldUpload tokens), and
    # the ones the user chose to drop from that list.
    held_attachments = forms.TypedMultipleChoiceField(
        coerce=uuid.UUID, required=False, widget=forms.MultipleHiddenInput
    )
    drop_held = forms.TypedMultipleChoiceField(coerce=uuid.UUID, required=False)

    def __init__(self, *args, user, oversized_files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.oversized_files = list(oversized_files)
        # Tokens are free text to the browser: accept any UUID here, and only the
        # user's own fresh ones in clean_held_attachments.
        posted = self.data.getlist("held_attachments") if hasattr(self.data, "getlist") else []
        tokens = [(value, value) for value in posted[:MAX_ATTACHMENTS]]
        self.fields["held_attachments"].choices = tokens
        self.fields["drop_held"].choices = tokens
        # The limit as configured (SAMOS_UPLOAD_MAX_BYTES), so the form never promises
        # more than the server accepts; the reverse proxy allows all of it at once.
        self.fields["attachments"].help_text = _(
            "JPEG, PNG, WebP of PDF, maximaal %(size)s per bestand, hooguit %(max)d."
        ) % {"size": filesizeformat(settings.SAMOS_UPLOAD_MAX_BYTES), "max": MAX_ATTACHMENTS}
        self.fields["area"].choices = grouped_area_choices()
        open_requests = attention_request_list_visible_for(user=user, only_open=True)
        self.fields["attention_request"].queryset = open_requests
        if not open_requests.exists():
            del self.fields["attention_request"]
        if not self.is_bound:
            self.initial.setdefault(
                "observed_at", timezone.localtime().replace(second=0, microsecond=0)
            )
            self.initial.setdefault("submission_token", uuid.uuid4())
            default_source = SourceKind.objects.filter(is_active=True).first()
            if default_source is not None:
                self.initial.setdefault("source_kind", default_source.pk)

    def clean(self):
        cleaned = super().clean()
        new_files = cleaned.get("attachments") or []
        if len(self.held_uploads) + len(new_files) > MAX_ATTACHMENTS:
            self.add_error(
                "attachments",
                _("U kunt maximaal %(max)d bijlagen toevoegen.") % {"max": MAX_ATTACHMENTS},
            )
        text = " ".join(filter(None, [cleaned.get("observation"), cleaned.get("impression")]))
        if text and not cleaned.get("contains_personal_data"):
            hits = find_personal_data(text)
            if hits:
                self.personal_data_hits = hits
                self.add_error("observation", summarise_hits(hits))
        return cleaned

    def clean_held_attachments(self):
        tokens = self.cleaned_data["held_attachments"]
        return held_uploads_for(owner=self.user, tokens=tokens) if tokens else []

    @property
    def held_uploads(self) -> list:
        """The held attachments still chosen (after the user's "verwijderen" ticks)."""
        held = getattr(self, "cleaned_data", {}).get("held_attachments") or []
        dropped = set(getattr(self, "cleaned_data", {}).get("drop_held") or [])
        return [upload for upload in held if upload.token not in dropped]

    def clean_attachments(self):
        if self.oversized_files:
            raise forms.ValidationError(
                [
                    _("%(name)s: het bestand is groter dan %(limit)s.")
                    % {"name": name, "limit": filesizeformat(max_bytes_setting())}
                    for name in self.oversized_files
                ]
            )
        return self.cleaned_data["attachments"]

    def clean_nature(self):
        return self.cleaned_data.get("nature") or Signal.Nature.ZORG

    def clean_observed_at(self):
        value = self.cleaned_data["observed_at"]
        if value > timezone.now() + CLOCK_SKEW:
            raise forms.ValidationError(
                _("Het tijdstip van de waarneming kan niet in de toekomst liggen.")
            )
        return value


class ConfirmationForm(forms.Form):
    observation = forms.CharField(
        label=_("Wat zag of hoorde u zelf?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Beschrijf kort wat u zelf zag of hoorde.")},
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=SignalStatus.choices)
    reason = forms.CharField(label=_("Toelichting (één regel)"), max_length=200, required=False)


class BulkTriageForm(forms.Form):
    ACTIONS = [
        (SignalStatus.BEKEKEN, _("Markeren als bekeken")),
        (SignalStatus.GEARCHIVEERD, _("Archiveren")),
    ]
    signals = forms.TypedMultipleChoiceField(
        coerce=uuid.UUID,
        choices=(),
        required=True,
        error_messages={"required": _("Kies eerst één of meer signalen.")},
    )
    action = forms.ChoiceField(label=_("Actie"), choices=ACTIONS)
    reason = forms.CharField(label=_("Toelichting (één regel)"), max_length=200, required=False)

    def __init__(self, *args, signal_uuids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signals"].choices = [(str(u), str(u)) for u in signal_uuids]


class AttentionRequestForm(forms.Form):
    title = forms.CharField(
        label=_("Waar moet het netwerk op letten?"),
        max_length=150,
        error_messages={"required": _("Beschrijf kort waar het netwerk op moet letten.")},
    )
    description = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    areas = BoundedModelMultipleChoiceField(
        label=_("In welke gebieden?"),
        queryset=Area.objects.filter(is_active=True).exclude(kind=Area.Kind.BUURT),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één gebied.")},
    )
    themes = BoundedModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    organisations = BoundedModelMultipleChoiceField(
        label=_("Gericht aan (leeg: het hele netwerk)"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    until = SensibleDateField(
        label=_("Tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def __init__(self, *args, **kwargs):
        from samos.accounts.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.filter(is_active=True)
        if not self.is_bound:
            self.initial.setdefault("until", timezone.localdate() + DEFAULT_ATTENTION_PERIOD)

    def clean_until(self):
        value = self.cleaned_data["until"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("De einddatum ligt in het verleden."))
        return value


class SignalEditForm(SignalForm):
    """Correcting a logged signal: the same questions, without the attachments, the
    one-time token and the attention request (those belong to the moment of logging)."""

    LOGGING_ONLY = ("attachments", "submission_token", "attention_request", "held_attachments")

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, signal, **kwargs):
        # FormView always passes an (empty) initial: fill it, do not just default it.
        kwargs["initial"] = {
            **{
                "nature": signal.nature,
                "observation": signal.observation,
                "impression": signal.impression,
                "observed_at": timezone.localtime(signal.observed_at),
                "area": signal.area_id,
                "themes": list(signal.themes.values_list("pk", flat=True)),
                "source_kind": signal.source_kind_id,
                "channel": signal.channel,
                "urgency": signal.urgency,
                "confidentiality": signal.confidentiality,
                "contains_personal_data": signal.contains_personal_data,
                "version": signal.updated_at.isoformat(),
            },
            **(kwargs.get("initial") or {}),
        }
        super().__init__(*args, **kwargs)
        for name in (*self.LOGGING_ONLY, "drop_held"):
            self.fields.pop(name, None)
        self.signal = signal

    def clean_version(self):
        value = self.cleaned_data.get("version") or ""
        try:
            return datetime.fromisoformat(value) if value else None
        except ValueError:
            return None


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom trekt u het signaal in?"),
        help_text=_("Bijvoorbeeld: dubbel gemeld, verkeerd begrepen, niet zelf gezien."),
        max_length=200,
        error_messages={"required": _("Geef kort aan waarom u het signaal intrekt.")},
    )
