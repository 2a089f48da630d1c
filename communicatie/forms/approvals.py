"""The approver's one-step decision: approve, or send back with a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DecideForm(forms.Form):
    """Two submit buttons name the decision; the comment is needed to send back (the
    service says so, so the rule lives in one place)."""

    decision = forms.ChoiceField(
        choices=[("approve", _("Goedkeuren")), ("send_back", _("Terugsturen"))],
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Kies ‘Goedkeuren’ of ‘Terugsturen’."),
            "invalid_choice": _("Kies ‘Goedkeuren’ of ‘Terugsturen’."),
        },
    )
    comment = forms.CharField(
        label=_("Opmerking"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nodig bij terugsturen: wat moet er anders?"),
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("De pagina was verouderd. Bekijk de uiting en beslis opnieuw."),
            "invalid": _("De pagina was verouderd. Bekijk de uiting en beslis opnieuw."),
        },
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def general_errors(self) -> list:
        """Errors that belong to no visible field: shown above the form."""
        return [
            *self.non_field_errors(),
            *self.errors.get("decision", []),
            *self.errors.get("version", []),
            *self.errors.get("next", []),
        ]
