"""The filters of the reading table (/stukken/)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bob.models import CaseDocument
from bob.workflow import DocumentKind

from . import selectors


def _visible_cases(request):
    return selectors.reading_table_cases(user=request.user) if request else None


class ReadingTableFilter(django_filters.FilterSet):
    case = django_filters.ModelChoiceFilter(
        label=_("Casus"),
        queryset=_visible_cases,
        to_field_name="uuid",
        empty_label=_("Alle casussen"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), choices=DocumentKind.choices, empty_label=_("Alle soorten")
    )
    read = django_filters.ChoiceFilter(
        label=_("Gelezen"),
        choices=[("nee", _("Nog niet gelezen")), ("ja", _("Gelezen"))],
        empty_label=_("Alle stukken"),
        method="filter_read",
    )

    class Meta:
        model = CaseDocument
        fields = []

    def filter_read(self, queryset, name, value):
        # `read_at` is the reader's own first opening (annotated by the selector).
        if value == "nee":
            return queryset.filter(read_at__isnull=True)
        if value == "ja":
            return queryset.filter(~Q(read_at=None))
        return queryset
