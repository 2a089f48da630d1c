"""Signal list and start page with many signals: server time, SQL queries, raw-SQL ratio.

    .venv/bin/python bench/signals.py [--signals 100000] [--requests 30] [--explain]
                                      [--sql "CREATE INDEX …"]

Seeds the demo data plus N generated signals (`seed_signals`), then, for the demo
coördinator (demo mode on, so no second factor), measures in-process with Django's test
Client the median and p90 server time, the median CPU time of this process and the SQL
query count of:
  (a) the first page of the list filtered on kern + theme + period (last 30 days),
  (b) the unfiltered list, (c) the start page `/` with warm panel caches, and
  (c') the start page with the cache cleared before every request (its real work).
It also times the raw SQL of (a)'s main query (the page of rows, captured from the
request and re-run on a bare DB-API cursor) and its COUNT, and prints the ratio page
time / raw SQL time: how much of the page is Python (ORM, filter form, templates).
`--explain` adds each page's slowest queries with their plans; `--sql` runs a statement
after seeding (try an index before writing its migration).

Database (set up by bench/_database.py, shared with bench/start_page.py): SQLite in a
temporary folder (deleted afterwards) unless DATABASE_URL is set. With
DATABASE_URL=postgres://… it never touches the named database: it creates a throwaway
database `samos_bench_<random>` on the same server (the role needs CREATEDB), runs there,
runs VACUUM ANALYZE after seeding (what autovacuum does within a minute of a bulk load:
since PostgreSQL 13 it vacuums after many inserts too, which sets the visibility map that
index-only scans use; doing it first keeps autovacuum from starting mid-measurement), and
drops the database at the end, also after an error.
"""

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _database import bench_database, demo_client, setup_demo  # noqa: E402


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
) -> tuple[list[float], list[float], list[dict]]:
    """Server times and this process's CPU times in ms of REQUESTS GETs (after one
    warm-up), and the queries of one more."""
    from django.db import connection

    before()
    client.get(url)  # warm-up: template loading, first connection, lazy imports
    timings, cpu = [], []
    for _ in range(requests):
        before()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        cpu.append((time.process_time() - start_cpu) * 1000)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    before()
    recorder = _Recorder(connection)
    with connection.execute_wrapper(recorder):
        client.get(url)
    return timings, cpu, recorder.queries


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
    setup_demo()

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    out = io.StringIO()
    start = time.perf_counter()
    call_command("seed_signals", signals, stdout=out)
    seeding = time.perf_counter() - start
    for statement in statements:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # see the module docstring

    from signals.models import Area, Signal, Theme

    client = demo_client(username="coordinator")
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
    print(f"\n{'page':<20} {'median ms':>10} {'p90 ms':>8} {'cpu ms':>8} {'queries':>8}")
    results = {}
    for name, url, before in pages:
        timings, cpu, queries = _measure(client=client, url=url, requests=requests, before=before)
        results[name] = (timings, queries)
        print(
            f"{name:<20} {statistics.median(timings):>10.1f} {_p90(timings=timings):>8.1f}"
            f" {statistics.median(cpu):>8.1f} {len(queries):>8}"
        )
    print(
        "(cpu ms: median CPU time of this process per request — Python and, on SQLite, the "
        "database; it moves less than wall-clock time with the load of other processes)"
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
    with bench_database():
        run(
            signals=args.signals,
            requests=args.requests,
            explain=args.explain,
            statements=args.sql,
        )


if __name__ == "__main__":
    main()
