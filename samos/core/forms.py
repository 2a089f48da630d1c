"""Form helpers shared by all apps."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils.translation import gettext_lazy as _

# Dates outside these years are typing errors (0001, 9999) and would overflow the date
# arithmetic behind reminders, filters and time zones: every date input refuses them.
SENSIBLE_YEARS = (1900, 2100)
SENSIBLE_DATE_MESSAGE = _("Kies een datum tussen %(first)s en %(last)s.")


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, next to the fields it names, so the
    user sees the message where it belongs and keeps what they typed."""
    if hasattr(error, "message_dict"):
        for field, field_messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in field_messages:
                form.add_error(target, message)
    else:
        form.add_error(None, error)


def validate_sensible_date(value) -> None:
    """Refuse a date or datetime outside SENSIBLE_YEARS, with a field error in Dutch."""
    if value is None:
        return
    first, last = SENSIBLE_YEARS
    if not first <= value.year <= last:
        raise ValidationError(
            SENSIBLE_DATE_MESSAGE,
            code="date_out_of_range",
            params={"first": first, "last": last},
        )


class SensibleDateField(forms.DateField):
    """A DateField that accepts only dates between SENSIBLE_YEARS."""

    default_validators = [validate_sensible_date]


class SensibleDateTimeField(forms.DateTimeField):
    """A DateTimeField that accepts only moments between SENSIBLE_YEARS."""

    default_validators = [validate_sensible_date]


class SensibleDateFilter(django_filters.DateFilter):
    """A django-filter DateFilter whose field refuses dates outside SENSIBLE_YEARS."""

    field_class = SensibleDateField


INTEGER_FIELD_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses an id beyond the database's integer range
    as an invalid choice. Django checks the values with `pk__in=[…]`, which SQLite answers
    with an OverflowError (a 500) for `99999999999999999999`."""

    def _check_values(self, value):
        opts = self.queryset.model._meta
        key_field = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
        internal_type = key_field.get_internal_type()
        if internal_type in INTEGER_FIELD_TYPES:
            low, high = connections[self.queryset.db].ops.integer_field_range(internal_type)
            for item in value:
                try:
                    number = int(str(item))
                except ValueError:
                    continue  # Django's own check calls it an invalid id
                if (low is not None and number < low) or (high is not None and number > high):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super()._check_values(value)
