"""The documents SAMOS complements: the crisis plan and the GGD's psychosocial protocol,
linked from the case page. Their addresses are settings; an empty or odd value shows
where to configure it instead of a dead link."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _


def _usable(url: str) -> str:
    """URL when it is an absolute http(s) address; "" otherwise (no javascript: links)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def reference_links() -> list[dict]:
    return [
        {
            "label": _("Regionaal crisisplan"),
            "url": _usable(settings.SAMOS_CRISIS_PLAN_URL),
            "setting": "SAMOS_CRISIS_PLAN_URL",
        },
        {
            "label": _("Psychosociaal protocol van de GGD"),
            "url": _usable(settings.SAMOS_GGD_PROTOCOL_URL),
            "setting": "SAMOS_GGD_PROTOCOL_URL",
        },
    ]
