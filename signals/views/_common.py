"""Small helpers shared by the views of the signals app."""

import uuid as uuid_lib

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from samos.core.links import links_for

PAGE_SIZE = 50
NOTHING_CHOSEN = _("Kies eerst één of meer signalen.")


def _is_uuid(value: str) -> bool:
    try:
        uuid_lib.UUID(value)
    except ValueError:
        return False
    return True


def case_url_for_selection(user, raw_uuids, choice="1") -> str | None:
    """Where the ticked signals (inbox or list) go: the page of the CHOICE-th link (from 1;
    the button's value) an app above registered for the slot "signals" — a case opened
    from them, a vooraf-afweging. None when nothing valid was ticked."""
    uuids = [uuid_lib.UUID(value) for value in raw_uuids if _is_uuid(value)][:PAGE_SIZE]
    if not uuids:
        return None
    target = links_for("signals", user, uuids)
    if not target:
        raise PermissionDenied
    index = int(choice) - 1 if str(choice).isdigit() else 0
    return target[index if 0 <= index < len(target) else 0]["url"]
