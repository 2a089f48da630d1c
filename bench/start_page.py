"""Median server time and query count of the start page, per role.

    .venv/bin/python bench/start_page.py [--requests 50]

Seeds the demo data and measures `/` for every demo account (demo mode on, so no second
factor) in-process with Django's test Client: median and p90 server time (panel caches
warm after the first request) and the SQL queries of one more request.

Database (bench/_database.py, shared with bench/signals.py): SQLite in a temporary folder
that is removed afterwards; with DATABASE_URL=postgres://… a throwaway database
`samos_bench_<random>` on that server (the role needs CREATEDB), dropped at the end, also
after an error. The named database is never touched.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _database import bench_database, demo_client, setup_demo  # noqa: E402


def run(*, requests: int) -> None:
    setup_demo()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from samos.accounts.models import User

    print(f"database: {connection.vendor}, requests per role: {requests}")
    print(f"{'account':<14} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    for username in User.objects.order_by("username").values_list("username", flat=True):
        client = demo_client(username=username)
        client.get("/")  # warm-up
        timings = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get("/")
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        p90 = statistics.quantiles(timings, n=10)[-1]
        print(f"{username:<14} {statistics.median(timings):>10.1f} {p90:>8.1f} {len(queries):>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with bench_database():
        run(requests=args.requests)


if __name__ == "__main__":
    main()
