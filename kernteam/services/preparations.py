"""Vooraf per groepslid: each invited member's own short BOB before a session."""

__all__: list[str] = []
