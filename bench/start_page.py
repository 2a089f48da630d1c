"""Median server time and query count of the start page, per role.

.venv/bin/python bench/start_page.py [--requests 50]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("DATABASE_URL"):
    os.environ["SAMOS_VAR_DIR"] = tempfile.mkdtemp(prefix="samos-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samos.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    from django.conf import settings

    from samos.accounts.models import User

    settings.DEMO_MODE = True  # measure the page, not the second factor
    print(f"database: {connection.vendor}, requests per role: {args.requests}")
    print(f"{'account':<14} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    for user in User.objects.order_by("username"):
        client = Client()
        client.force_login(user)
        client.get("/")  # warm-up
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get("/")
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code  # noqa: S101
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        p90 = statistics.quantiles(timings, n=10)[-1]
        print(
            f"{user.username:<14} {statistics.median(timings):>10.1f} {p90:>8.1f} {len(queries):>8}"
        )


if __name__ == "__main__":
    main()
