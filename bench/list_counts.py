"""List pages and their counts as the table grows: time, queries, share of the COUNT.

    .venv/bin/python bench/list_counts.py [--sizes 10000 100000] [--years 10] [--requests 30]

Seeds the demo data, measures the pages below for the demo coördinator (the floor: the
same page on the demo data alone, a few dozen signals), then grows the table with
`seed_signals --years 10` (years of signals in a realistic rhythm, with bursts) to each
of SIZES generated signals and measures again. Per page and size it prints the median
server time and its ratio to that page's floor, the median CPU time of this process, the
SQL query count, and the share of the request's time spent in its counts of signals
(`SELECT COUNT(*)` on the signals table: the capped "N signalen" of the list and the inbox,
the inbox panel's on the start page; not the panels' statistics, aggregates per group):
  (a) the list filtered on kern + theme, (b) the unfiltered list, (b') its second page
  (the "Volgende" link: a keyset cursor), (c) the coördinator's inbox, and (d) the start
  page with its panel cache cleared before every request (its real work).
Cost that grows with the page and not with the table shows as ratios that stay put.

Database: bench/_database.py (SQLite in a temporary folder by default; with
DATABASE_URL=postgres://… a throwaway database on that server, VACUUM ANALYZE after each
seeding as in bench/signals.py, dropped afterwards).
"""

import argparse
import io
import os
import re
import statistics
import sys
import time
from html import unescape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _database import bench_database, demo_client, setup_demo  # noqa: E402


class _CountTimer:
    """The queries of a request, and the execution time of its counts of signals."""

    def __init__(self) -> None:
        self.queries = 0
        self.count_ms = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries += 1
            # The list counts ("N signalen", the inbox's), capped or not; not the
            # start page's statistics, which aggregate with COUNT(…) FILTER per group.
            if sql.startswith("SELECT COUNT(*)") and '"signals_signal"' in sql:
                self.count_ms += (time.perf_counter() - start) * 1000


def _measure(*, client, url: str, requests: int, before) -> dict:
    """Median ms, CPU ms, queries and COUNT share of REQUESTS GETs (after one warm-up)."""
    from django.db import connection

    before()
    client.get(url)  # warm-up: templates, lazy imports, the database's cache
    timings, cpu, shares, queries = [], [], [], 0
    for _ in range(requests):
        before()
        timer = _CountTimer()
        with connection.execute_wrapper(timer):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            cpu.append((time.process_time() - start_cpu) * 1000)
            elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        timings.append(elapsed)
        shares.append(timer.count_ms / elapsed)
        queries = timer.queries
    return {
        "ms": statistics.median(timings),
        "cpu": statistics.median(cpu),
        "queries": queries,
        "share": statistics.median(shares),
    }


def _next_link(client, url: str) -> str:
    """The "Volgende" link of URL's first page (the keyset cursor of its last row)."""
    content = client.get(url).content.decode()
    found = re.search(r'rel="next" href="([^"]+)"', content)
    return url.split("?")[0] + unescape(found.group(1)) if found else url


def run(*, sizes: list[int], years: int, requests: int) -> None:
    setup_demo()

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    from signals.models import Area, Signal, Theme

    client = demo_client(username="coordinator")
    kern = Area.objects.get(name="Oldenmere")
    theme = Theme.objects.get(name="Asielopvang")
    filtered = f"/signalen/?area={kern.pk}&theme={theme.pk}"
    pages = [
        ("(a) list, filtered", lambda: filtered, lambda: None),
        ("(b) list, all", lambda: "/signalen/", lambda: None),
        ("(b') list, page 2", lambda: _next_link(client, "/signalen/"), lambda: None),
        ("(c) inbox", lambda: "/signalen/inbox/", lambda: None),
        ("(d) start, cold", lambda: "/", cache.clear),
    ]

    version = (
        connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
    )
    print(f"database: {connection.vendor} {version}; {os.cpu_count()} CPUs; load {_load()}")
    print(f"filter (a): {filtered}  (kern {kern.name}, theme {theme.name})")
    print(f"count cap: {_cap()}; {requests} requests per page and size")

    def measure_all() -> dict:
        return {
            name: _measure(client=client, url=url(), requests=requests, before=before)
            for name, url, before in pages
        }

    floor = measure_all()
    floor_signals = Signal.objects.count()
    results = [(f"floor ({floor_signals:,})", floor)]
    seeded = 0
    for number, size in enumerate(sizes, start=1):
        out = io.StringIO()
        start = time.perf_counter()
        call_command(
            "seed_signals", size - seeded, "--years", str(years), "--seed", str(number), stdout=out
        )
        print(
            f"seeding {size - seeded:,} signals over {years} years: "
            f"{time.perf_counter() - start:.1f} s"
        )
        seeded = size
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        results.append((f"{Signal.objects.count():,} signals", measure_all()))

    print(
        f"\n{'page':<20} {'size':>16} {'median ms':>10} {'× floor':>8} {'cpu ms':>8}"
        f" {'× floor':>8} {'queries':>8} {'COUNT share':>12}"
    )
    for name, _url, _before in pages:
        for label, figures in results:
            row, base = figures[name], floor[name]
            print(
                f"{name:<20} {label:>16} {row['ms']:>10.1f} {row['ms'] / base['ms']:>8.2f}"
                f" {row['cpu']:>8.1f} {row['cpu'] / base['cpu']:>8.2f} {row['queries']:>8}"
                f" {row['share']:>11.1%}"
            )
    print(
        "(× floor: against the same page on the demo data alone, the floor measured first in "
        "this run; cpu ms: this process's CPU time, which moves less with other load; COUNT "
        "share: median share of a request's time spent executing its SELECT COUNT(*) on signals)"
    )
    print(f"load after: {_load()}")


def _cap() -> int:
    from django.conf import settings

    return settings.SAMOS_LIST_COUNT_CAP


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    if sorted(args.sizes) != args.sizes:
        parser.error("--sizes must grow")
    with bench_database():
        run(sizes=args.sizes, years=args.years, requests=args.requests)


if __name__ == "__main__":
    main()
