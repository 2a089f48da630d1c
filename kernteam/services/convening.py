"""Convening a session and inviting its participants (filled in by the convening work)."""

__all__: list[str] = []
