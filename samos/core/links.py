"""Registry of links that a higher app adds to a lower app's page ("slots").

The signal page offers "Casus openen met dit signaal", but the signals app must not know
the kernteam app (dependency direction). So kernteam registers a link for the slot
"signal" in its AppConfig.ready(), and the signal template asks for the slot's links:

    {% load samos_tags %}{% slot_links "signal" signal as links %}
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SlotLink:
    slot: str
    label: str
    roles: frozenset
    # Builds the URL for the object shown (or, for list slots, for the list of objects).
    url: Callable[[object], str]
    order: int = 50


_LINKS: dict[tuple[str, str], SlotLink] = {}


def register(link: SlotLink) -> None:
    _LINKS[(link.slot, str(link.label))] = link


def links_for(slot: str, user, obj) -> list[dict]:
    links = sorted((lk for (s, _), lk in _LINKS.items() if s == slot), key=lambda lk: lk.order)
    return [
        {"label": link.label, "url": link.url(obj)}
        for link in links
        if user.is_authenticated and user.has_role(*link.roles)
    ]


def safe_next_url(request, fallback: str) -> str:
    """The request's `next` (POST, then GET) when it is a path on this site, else FALLBACK.

    Only an absolute path counts ("/acties/…"): `redirect()` would take a bare word such as
    "0001-01-01" for a URL name and fail, and another host is an open redirect.
    """
    from django.utils.http import url_has_allowed_host_and_scheme

    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if (
        wanted.startswith("/")
        and not wanted.startswith("//")
        and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return wanted
    return fallback
