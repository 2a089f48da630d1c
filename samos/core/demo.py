"""Registry of demo-data seeders, run in order by `manage.py seed_demo`.

Each app registers an idempotent function in its AppConfig.ready(); running the command
twice leaves the same data.
"""

from collections.abc import Callable

_SEEDERS: list[tuple[int, Callable]] = []


def register_seeder(func: Callable, *, order: int) -> None:
    if all(existing is not func for _, existing in _SEEDERS):
        _SEEDERS.append((order, func))


def seeders() -> list[Callable]:
    return [func for _, func in sorted(_SEEDERS, key=lambda item: item[0])]
