"""The "Gebieden" part of the beheerder's user form: the kernen and wijken a person works
in (their buurten come with them). Registered in SignalsConfig.ready(), because the
accounts app may not import signals."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samos.accounts.user_form_parts import UserFormPart

from .models import Area, AreaAssignment
from .services import user_set_areas


def _area_fields(subject) -> dict[str, forms.Field]:
    areas = Area.objects.filter(is_active=True, kind__in=[Area.Kind.KERN, Area.Kind.WIJK])
    field = forms.ModelMultipleChoiceField(
        label=_("Werkgebieden"),
        queryset=areas.order_by("kind", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "De kernen en wijken waar deze persoon werkt; de buurten horen erbij. Bij ‘Zie ik "
            "ook?’ ziet een signaleerder recente signalen van anderen in deze gebieden."
        ),
    )
    if subject is not None:
        field.initial = list(
            AreaAssignment.objects.filter(user=subject).values_list("area_id", flat=True)
        )
    return {"areas": field}


def _save_areas(*, actor, user, cleaned_data, request=None) -> None:
    user_set_areas(actor=actor, user=user, areas=cleaned_data["areas"], request=request)


AREAS_PART = UserFormPart(key="areas", fields=_area_fields, save=_save_areas, order=10)
