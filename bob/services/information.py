"""information"""

__all__: list[str] = []
