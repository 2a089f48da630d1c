"""Small helpers shared by the views of the signals app."""

import uuid as uuid_lib

from django.core.exceptions import ValidationError

PAGE_SIZE = 50


def _is_uuid(value: str) -> bool:
    try:
        uuid_lib.UUID(value)
    except ValueError:
        return False
    return True


def _form_errors_from(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, next to the fields it names."""
    if hasattr(error, "message_dict"):
        for field, field_messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in field_messages:
                form.add_error(target, message)
    else:
        form.add_error(None, error)
