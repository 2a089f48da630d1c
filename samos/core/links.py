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


# "Where does this belong?": a higher app names the records of its own that hold an
# object of a lower app (the cases that hold a signal). Unlike SlotLinks these depend on
# the object and on what the user may see, so each provider is a function.
RefProvider = Callable[[object, object], list[dict]]  # (user, obj) → [{"label", "url"}]
_REFS: dict[tuple[str, str], RefProvider] = {}


def register_refs(slot: str, name: str, provider: RefProvider) -> None:
    _REFS[(slot, name)] = provider


def refs_for(slot: str, user, obj) -> list[dict]:
    """Every provider's references for OBJ; a url of "" means: exists, but not for you."""
    refs: list[dict] = []
    for (ref_slot, _name), provider in sorted(_REFS.items()):
        if ref_slot == slot and user.is_authenticated:
            refs.extend(provider(user, obj))
    return refs


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
