"""Signal list and start page with many signals: median/p90 server time, SQL queries, and
the ratio of the list page's time to the raw SQL query behind it.

    .venv/bin/python bench/signals.py [--signals 100000] [--requests 30]

SQLite in a temporary folder by default. With DATABASE_URL set (PostgreSQL) it runs on
that database after `flush`: give it a throwaway database, never a real one.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("DATABASE_URL"):
    os.environ["SAMOS_VAR_DIR"] = tempfile.mkdtemp(prefix="samos-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samos.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402


def timed(client, url, requests):
    client.get(url)  # warm-up
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)  # noqa: S101
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return timings, list(queries)


def raw_sql_ms(sql, requests):
    timings = []
    with connection.cursor() as cursor:
        for _ in range(requests):
            start = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    setup_test_environment()
    call_command("migrate", verbosity=0)
    if os.environ.get("DATABASE_URL"):
        call_command("flush", "--no-input", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    start = time.perf_counter()
    call_command("seed_signals", args.signals, stdout=io.StringIO())
    seeding = time.perf_counter() - start
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
    pages = [("list, filtered", filtered), ("list, all", "/signalen/"), ("start page", "/")]

    total = Signal.objects.count()
    print(
        f"database: {connection.vendor}; signals: {total}; seeding {args.signals}: {seeding:.1f} s"
    )
    print(f"{'page':<16} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    results = {}
    for name, url in pages:
        timings, queries = timed(client, url, args.requests)
        results[name] = (timings, queries)
        p90 = statistics.quantiles(timings, n=10)[-1]
        print(f"{name:<16} {statistics.median(timings):>10.1f} {p90:>8.1f} {len(queries):>8}")

    timings, queries = results["list, filtered"]
    page_sql = max((q["sql"] for q in queries if "signals_signal" in q["sql"]), key=len)
    raw = raw_sql_ms(page_sql, args.requests)
    ratio = statistics.median(timings) / raw if raw else float("inf")
    print(f"raw SQL behind the filtered list: {raw:.2f} ms; page/raw ratio: {ratio:.1f}")


if __name__ == "__main__":
    main()
