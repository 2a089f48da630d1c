"""Signal list and start page with many signals: server time, SQL queries, raw-SQL ratio.

    .venv/bin/python bench/signals.py [--signals 100000] [--requests 30] [--explain]
                                      [--sql "CREATE INDEX …"]

Seeds the demo data plus N generated signals (`seed_signals`), then, for the demo
coördinator (demo mode on, so no second factor), measures in-process with Django's test
Client the median and p90 server time and the SQL query count of:
  (a) the first page of the list filtered on kern + theme + period (last 30 days),
  (b) the unfiltered list, (c) the start page `/` with warm panel caches, and
  (c') the start page with the cache cleared before every request (its real work).
It also times the raw SQL of (a)'s main query (the page of rows, captured from the
request and re-run on a bare DB-API cursor) and its COUNT, and prints the ratio page
time / raw SQL time: how much of the page is Python (ORM, filter form, templates).
`--explain` adds each page's slowest queries with their plans; `--sql` runs a statement
after seeding (try an index before writing its migration).

Database: SQLite in a temporary folder (deleted afterwards) unless DATABASE_URL is set.
With DATABASE_URL=postgres://… it never touches the named database: it creates a
throwaway database `samos_bench_<random>` on the same server (the role needs CREATEDB),
runs there, runs ANALYZE after seeding (what autovacuum would do within a minute of a
bulk load), and drops the database at the end, also after an error.
"""

import argparse
import io
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
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


def _prepare_database() -> Callable[[], None]:
    """Point the settings at a database of our own, before Django reads them."""
    url = os.environ.get("DATABASE_URL", "")
    if url:
        os.environ["DATABASE_URL"], cleanup = _throwaway_postgres(url=url)
        return cleanup
    folder = tempfile.mkdtemp(prefix="samos-bench-")
    os.environ["SAMOS_VAR_DIR"] = folder
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def _p90(*, timings: list[float]) -> float:
    return statistics.quantiles(timings, n=10)[-1]


class _Recorder:
    """Every query of a request with its own execution time (CaptureQueriesContext rounds
    to whole milliseconds). The time covers execute(), not the fetching of the rows."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.queries: list[dict] = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(
                {
                    "ms": (time.perf_counter() - start) * 1000,
                    # With the parameters filled in, as the database ran it.
                    "sql": self.connection.ops.last_executed_query(context["cursor"], sql, params),
                }
            )


def _measure(
    *, client, url: str, requests: int, before: Callable[[], None]
) -> tuple[list[float], list[dict]]:
    """Server times in ms of REQUESTS GETs (after one warm-up), and the queries of one more."""
    from django.db import connection

    before()
    client.get(url)  # warm-up: template loading, first connection, lazy imports
    timings = []
    for _ in range(requests):
        before()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    before()
    recorder = _Recorder(connection)
    with connection.execute_wrapper(recorder):
        client.get(url)
    return timings, recorder.queries


def _raw_ms(*, sql: str, requests: int) -> float:
    """Median ms of SQL on the bare DB-API cursor: no ORM, no Django cursor wrapper."""
    from django.db import connection

    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)  # warm-up
        cursor.fetchall()
        timings = []
        for _ in range(requests):
            start = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        cursor.close()
    return statistics.median(timings)


def _main_queries(*, queries: list[dict]) -> tuple[str, str]:
    """The page-of-rows query and the COUNT query on the signals table."""
    on_signals = [q["sql"] for q in queries if 'FROM "signals_signal"' in q["sql"]]
    rows = next(sql for sql in on_signals if "LIMIT" in sql and "COUNT(" not in sql)
    count = next(sql for sql in on_signals if "COUNT(" in sql)
    return rows, count


def _explain(*, title: str, sql: str) -> None:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        plan = cursor.fetchall()
    print(f"\n-- {title}\n{sql[:400]}{' …' if len(sql) > 400 else ''}")
    for row in plan:
        print("   ", row[-1])


def run(*, signals: int, requests: int, explain: bool, statements: list[str]) -> None:
    import django

    django.setup()

    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    # As bench/start_page.py: "testserver" allowed, any mail to memory, never sent.
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    start = time.perf_counter()
    call_command("seed_signals", signals, stdout=out)
    seeding = time.perf_counter() - start
    for statement in statements:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    from samos.accounts.models import User
    from signals.models import Area, Signal, Theme

    settings.DEMO_MODE = True  # measure the pages, not the second factor
    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    kern = Area.objects.get(name="Oldenmere")
    theme = Theme.objects.get(name="Asielopvang")
    since = (timezone.localdate() - timedelta(days=30)).isoformat()
    filtered = f"/signalen/?area={kern.pk}&theme={theme.pk}&observed_from={since}"
    pages = [
        ("(a) list, filtered", filtered, lambda: None),
        ("(b) list, all", "/signalen/", lambda: None),
        ("(c) start page", "/", lambda: None),
        ("(c') start, cold", "/", cache.clear),
    ]

    version = (
        connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
    )
    print(f"database: {connection.vendor} {version}; {os.cpu_count()} CPUs")
    print(f"signals in the database: {Signal.objects.count():,}")
    print(f"seeding {signals:,} signals: {seeding:.1f} s ({out.getvalue().strip()})")
    for statement in statements:
        print(f"extra SQL after seeding: {statement}")
    print(f"filter (a): {filtered}  (kern {kern.name}, theme {theme.name})")
    print(f"\n{'page':<20} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    results = {}
    for name, url, before in pages:
        timings, queries = _measure(client=client, url=url, requests=requests, before=before)
        results[name] = (timings, queries)
        print(
            f"{name:<20} {statistics.median(timings):>10.1f} {_p90(timings=timings):>8.1f}"
            f" {len(queries):>8}"
        )

    timings, queries = results["(a) list, filtered"]
    rows_sql, count_sql = _main_queries(queries=queries)
    raw_rows = _raw_ms(sql=rows_sql, requests=requests)
    raw_count = _raw_ms(sql=count_sql, requests=requests)
    page = statistics.median(timings)
    print(f"\nraw SQL behind (a): page of rows {raw_rows:.2f} ms, its COUNT {raw_count:.2f} ms")
    print(f"ratio page time / raw SQL of the rows query: {page / raw_rows:.1f}")
    print(f"ratio page time / raw SQL of rows + COUNT:   {page / (raw_rows + raw_count):.1f}")

    if explain:
        for name, (_, captured) in results.items():
            slowest = sorted(captured, key=lambda q: q["ms"], reverse=True)[:4]
            total = sum(q["ms"] for q in captured)
            print(f"\n== {name}: {total:.1f} ms in SQL execute; slowest queries (ms) ==")
            for query in slowest:
                print(f"  {query['ms']:7.2f}  {query['sql'][:150]}")
            # EXPLAIN takes SELECTs only (not the DECLARE of a server-side cursor).
            selects = [q for q in slowest if q["sql"].lstrip().upper().startswith("SELECT")]
            for number, query in enumerate(selects[:2], start=1):
                _explain(title=f"{name}, slowest SELECT #{number}", sql=query["sql"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument(
        "--explain", action="store_true", help="also print the slowest queries and plans"
    )
    parser.add_argument(
        "--sql",
        action="append",
        default=[],
        metavar="STATEMENT",
        help="run after seeding, e.g. a candidate CREATE INDEX (repeatable)",
    )
    args = parser.parse_args()
    cleanup = _prepare_database()
    try:
        run(
            signals=args.signals,
            requests=args.requests,
            explain=args.explain,
            statements=args.sql,
        )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
