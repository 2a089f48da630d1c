"""decisions"""

__all__: list[str] = []
