"""Blocks that apps above bob add to the verslag, as a registry.

bob's own blocks are drawn by templates/pdf/partials/_minutes_body.html; an app above
bob (communicatie) registers a block under the key a protocol step names, with a
function that gives its recorded content as plain, JSON-ready data (the verslag is
frozen as a snapshot when its list is adopted) and the template that draws it. bob
imports none of those apps; an unregistered key is skipped.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["MinutesBlock", "register", "registered"]


@dataclass(frozen=True)
class MinutesBlock:
    key: str
    # (session, reader) → plain data, or a falsy value when the block recorded nothing.
    content: Callable[[Any, Any], Any]
    # Under templates/pdf/; gets the content as `content`.
    template: str


_REGISTRY: dict[str, MinutesBlock] = {}


def register(block: MinutesBlock) -> None:
    existing = _REGISTRY.get(block.key)
    if existing is not None and existing != block:
        raise ValueError(f"Minutes block {block.key!r} is already registered.")
    if not block.template.startswith("pdf/"):
        raise ValueError(f"Minutes block {block.key!r}: its template lives under pdf/.")
    _REGISTRY[block.key] = block


def registered(key: str) -> MinutesBlock | None:
    return _REGISTRY.get(key)
