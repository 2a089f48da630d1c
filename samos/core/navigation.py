"""Registry of the main navigation. Apps register their items in AppConfig.ready().

samos.* imports no app; apps plug in here, and the menu shows each user only the items
of their roles.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset
    order: int = 50


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _ITEMS[item.url_name] = item


def items_for(user, current_path: str) -> list[dict]:
    if not user.is_authenticated:
        return []
    entries = []
    for item in sorted(_ITEMS.values(), key=lambda i: (i.order, str(i.label))):
        if not user.has_role(*item.roles):
            continue
        url = reverse(item.url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        entries.append({"label": item.label, "url": url, "active": active})
    return entries
