from django import forms
from django.utils.translation import gettext_lazy as _

from .search import normalise_term

MIN_TERM_CHARS = 3
MAX_TERM_CHARS = 100


class SubjectSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Naam, e-mailadres of telefoonnummer"),
        help_text=_(
            "Minstens drie tekens. Een telefoonnummer wordt ook gezocht zoals het vaak "
            "anders geschreven wordt (0612345678, 06-12345678, +31612345678)."
        ),
        min_length=MIN_TERM_CHARS,
        max_length=MAX_TERM_CHARS,
        error_messages={
            "required": _("Vul een naam, e-mailadres of telefoonnummer in."),
            "min_length": _("Vul minstens %(limit_value)d tekens in."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )

    def clean_q(self):
        term = normalise_term(self.cleaned_data["q"])
        if len(term) < MIN_TERM_CHARS:
            raise forms.ValidationError(
                _("Vul minstens %(limit)d tekens in."), params={"limit": MIN_TERM_CHARS}
            )
        return term
