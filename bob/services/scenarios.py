"""scenarios"""

__all__: list[str] = []
