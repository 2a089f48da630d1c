"""Form helpers shared by all apps."""

from django.core.exceptions import ValidationError


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
