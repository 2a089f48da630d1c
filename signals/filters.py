"""The filters of the signal list and its exports (one FilterSet, so they always agree)."""

from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samos.core.forms import SensibleDateFilter

from . import forms as signal_forms
from .models import Area, Signal, SourceKind, Theme
from .selectors import area_with_descendant_ids
from .workflow import SignalStatus


def _start_of_local_day(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class SignalFilter(django_filters.FilterSet):
    observed_from = SensibleDateFilter(
        label=_("Waargenomen vanaf"),
        method="filter_observed_from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    observed_to = SensibleDateFilter(
        label=_("Waargenomen tot en met"),
        method="filter_observed_to",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # Each select loads its choices once per request and renders them in Python (see
    # signals.forms): with them the filter form cost more than the page's SQL.
    area = signal_forms.LoadedModelChoiceFilter(
        label=_("Gebied (met onderliggende buurten)"),
        queryset=Area.objects.filter(is_active=True),
        method="filter_area",
        empty_label=_("Alle gebieden"),
    )
    theme = signal_forms.LoadedModelChoiceFilter(
        label=_("Thema"),
        field_name="themes",
        queryset=Theme.objects.filter(is_active=True),
        empty_label=_("Alle thema's"),
    )
    source_kind = signal_forms.LoadedModelChoiceFilter(
        label=_("Bron"),
        queryset=SourceKind.objects.filter(is_active=True),
        empty_label=_("Alle bronnen"),
    )
    urgency = django_filters.ChoiceFilter(
        label=_("Urgentie"),
        choices=Signal.Urgency.choices,
        empty_label=_("Alle"),
        widget=signal_forms.Select,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=SignalStatus.choices,
        empty_label=_("Alle"),
        widget=signal_forms.Select,
    )
    nature = django_filters.ChoiceFilter(
        label=_("Soort waarneming"),
        choices=Signal.Nature.choices,
        empty_label=_("Beide"),
        widget=signal_forms.Select,
    )
    channel = django_filters.ChoiceFilter(
        label=_("Online of offline"),
        choices=Signal.Channel.choices,
        empty_label=_("Beide"),
        widget=signal_forms.Select,
    )
    confirmed = django_filters.BooleanFilter(
        label=_("Bevestigd door anderen"),
        method="filter_confirmed",
        widget=signal_forms.Select(
            choices=[("", _("Maakt niet uit")), ("true", _("Ja")), ("false", _("Nee"))]
        ),
    )
    q = django_filters.CharFilter(label=_("Zoeken in de tekst"), method="filter_text")

    class Meta:
        model = Signal
        fields = []

    def filter_queryset(self, queryset):
        # A filter that cannot be applied (a date in year 9999, an unknown area) shows
        # its field error and no rows: never a list, or an export, that silently ignores
        # part of what was asked.
        if self.form.errors:
            return queryset.none()
        return super().filter_queryset(queryset)

    def filter_observed_from(self, queryset, name, value):
        return queryset.filter(observed_at__gte=_start_of_local_day(value))

    def filter_observed_to(self, queryset, name, value):
        return queryset.filter(observed_at__lt=_start_of_local_day(value + timedelta(days=1)))

    def filter_area(self, queryset, name, value):
        return queryset.filter(area_id__in=area_with_descendant_ids(value))

    def filter_confirmed(self, queryset, name, value):
        return (
            queryset.filter(confirmation_count__gt=0)
            if value
            else queryset.filter(confirmation_count=0)
        )

    def filter_text(self, queryset, name, value):
        words = value.split()[:5]
        condition = Q()
        for word in words:
            condition &= Q(observation__icontains=word) | Q(impression__icontains=word)
        return queryset.filter(condition)
