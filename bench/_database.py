"""The database set-up the benchmarks share: a database of their own, removed afterwards.

SQLite in a temporary folder by default (that folder also holds the file cache, mail and
private files, with either database). With DATABASE_URL=postgres://… a throwaway
database `samos_bench_<random>` on the same server (the role needs CREATEDB); the named
database is never touched. Call `bench_database()` before `django.setup()`: it changes
the environment the settings are read from.
"""

import io
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samos.settings")


def _throwaway_postgres(*, url: str) -> tuple[str, Callable[[], None]]:
    """Create an empty database next to the one in URL; return its URL and a dropper."""
    import psycopg2
    from psycopg2 import sql

    name = f"samos_bench_{secrets.token_hex(4)}"

    def run(statement) -> None:
        # CREATE/DROP DATABASE cannot run inside a transaction block.
        admin = psycopg2.connect(url)
        admin.autocommit = True
        try:
            with admin.cursor() as cursor:
                cursor.execute(statement)
        finally:
            admin.close()

    try:
        run(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg2.Error as error:
        raise SystemExit(
            f"Cannot create a throwaway database next to {urlsplit(url).path[1:]!r}: "
            f"{str(error).strip()}. The role in DATABASE_URL needs CREATEDB."
        ) from None

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        # FORCE (PostgreSQL 13+): a connection left open by an error must not keep it.
        run(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        print(f"dropped throwaway database {name}")

    return urlunsplit(urlsplit(url)._replace(path=f"/{name}")), drop


def _temporary_var_dir() -> Callable[[], None]:
    folder = tempfile.mkdtemp(prefix="samos-bench-")
    # The SQLite file, the file cache, mail and private files all live under it: a
    # benchmark neither reads nor clears the cache of a running development server.
    os.environ["SAMOS_VAR_DIR"] = folder

    def remove() -> None:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)

    return remove


@contextmanager
def bench_database() -> Iterator[None]:
    """Point the settings at a database (and var folder) of our own; remove both at the
    end, also after an error or Ctrl-C."""
    cleanups = [_temporary_var_dir()]
    try:
        url = os.environ.get("DATABASE_URL", "")
        if url:
            os.environ["DATABASE_URL"], drop = _throwaway_postgres(url=url)
            cleanups.insert(0, drop)
        yield
    finally:
        for cleanup in cleanups:
            cleanup()


def setup_demo() -> None:
    """django.setup(), the schema and the demo data, with the test Client's host
    allowed and any mail kept in memory (never sent).

    Not `setup_test_environment()`: it also instruments template rendering so that the
    test Client can copy the context of every template rendered, work no server does
    (cProfile put about 15 % of the old signal list's time there: 260 templates a page).
    """
    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # as in production (and no query log kept in memory)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())


def demo_client(*, username: str):
    """A test Client logged in as a demo account, with demo mode on so that no second
    factor is asked: the benchmarks measure the pages, not the login."""
    from django.conf import settings
    from django.test import Client

    from samos.accounts.models import User

    settings.DEMO_MODE = True
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client
