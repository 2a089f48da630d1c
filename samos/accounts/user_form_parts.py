"""Parts that a higher app adds to the beheerder's user form (/beheer/gebruikers/).

The accounts app may not import the apps above it, yet a user's areas live in signals.
So signals registers a part in its AppConfig.ready(): the fields it adds and how to save
them. The form shows the parts' fields after the roles, and the page saves every part
inside the same transaction as the account and its roles.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class UserFormPart:
    key: str
    # fields(subject) → the form fields, with their initial value for SUBJECT (None: new user).
    fields: Callable[[object], dict[str, forms.Field]]
    # save(actor=, user=, cleaned_data=, request=) stores the part; raises ValidationError.
    save: Callable[..., None]
    order: int = 100


_PARTS: dict[str, UserFormPart] = {}


def register(part: UserFormPart) -> None:
    _PARTS[part.key] = part


def registered_parts() -> list[UserFormPart]:
    return sorted(_PARTS.values(), key=lambda part: (part.order, part.key))
