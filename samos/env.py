"""The one way settings read the environment: every variable has a default and a help text.

Each call registers the variable, so the README's configuration table can be checked
against the code (tests/samos/test_settings.py) and `manage.py settings_doc` prints it.
"""

from dataclasses import dataclass
from typing import Any

import environ

_env = environ.Env()


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: Any
    help: str


REGISTRY: dict[str, EnvVar] = {}

_MISSING = object()


def env_setting(name: str, *, default: Any = _MISSING, cast: type = str, help: str) -> Any:
    """Read NAME from the environment, cast it, and record it with its documentation.

    `default=None` with `required` semantics is left to the caller: production checks
    refuse to start when a needed value is absent (see samos/settings.py).
    """
    REGISTRY[name] = EnvVar(name=name, default=None if default is _MISSING else default, help=help)
    if cast is bool:
        return _env.bool(name, default=default if default is not _MISSING else False)
    if cast is int:
        return _env.int(name, default=default if default is not _MISSING else 0)
    if cast is list:
        return _env.list(name, default=default if default is not _MISSING else [])
    if cast is float:
        return _env.float(name, default=default if default is not _MISSING else 0.0)
    return _env.str(name, default=default if default is not _MISSING else "")


def database_config(url: str) -> dict:
    return _env.db_url_config(url)


def email_config(url: str) -> dict:
    return _env.email_url_config(url)


def cache_config(url: str) -> dict:
    return _env.cache_url_config(url)
