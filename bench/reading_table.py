"""Time and SQL queries of the reading table (/stukken/) as it grows.

    .venv/bin/python bench/reading_table.py [--requests 30]

On the demo data, grows the reading table to 20 and then to 2,000 stored records (lists,
verslagen, dossiers spread over the demo cases; a third of them read by the mayor), and
prints for the burgemeester the median/p90 server time and the query count of /stukken/,
of /stukken/?read=nee and of the start page (its "Te lezen (n)" panel). The query count
must be the same at 20 and at 2,000.

Database: bench/_database.py (SQLite in a temporary folder by default; with
DATABASE_URL=postgres://… a throwaway database, dropped afterwards).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _database import bench_database, demo_client, setup_demo  # noqa: E402

PAGES = ("/stukken/", "/stukken/?read=nee", "/")


def _grow_to(total: int) -> None:
    """Add stored records (rows only: the files are never opened by these pages)."""
    from django.utils import timezone

    from bob.models import CaseDocument
    from bob.workflow import DocumentKind
    from kernteam.models import Case
    from samos.accounts.models import User
    from samos.documents.models import DocumentRead, StoredDocument

    missing = total - CaseDocument.objects.count()
    if missing <= 0:
        return
    cases = list(Case.objects.order_by("pk"))
    kinds = list(DocumentKind)
    now = timezone.now()
    stored = StoredDocument.objects.bulk_create(
        StoredDocument(
            kind="besluitenlijst",
            title=f"bench-{n}.pdf",
            file=f"stukken/bench/{n}.pdf",
            sha256="0" * 64,
            size=40_000,
            created_at=now - timezone.timedelta(hours=n),
        )
        for n in range(missing)
    )
    entries = CaseDocument.objects.bulk_create(
        CaseDocument(
            case=cases[n % len(cases)],
            kind=kinds[n % len(kinds)],
            document=document,
            label=f"Stuk {n}",
            created_at=document.created_at,
        )
        for n, document in enumerate(stored)
    )
    mayor = User.objects.get(username="burgemeester")
    DocumentRead.objects.bulk_create(
        DocumentRead(reader=mayor, document_id=entry.document_id, read_at=now)
        for entry in entries[::3]
    )


def _measure(client, url: str, requests: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm-up
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.9) - 1], len(queries)


def run(*, requests: int) -> None:
    setup_demo()
    client = demo_client(username="burgemeester")
    print(f"requests per figure: {requests}")
    print(f"{'records':>8} {'page':<22} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    counts = {}
    for total in (20, 2000):
        _grow_to(total)
        for url in PAGES:
            median, p90, queries = _measure(client, url, requests)
            counts.setdefault(url, []).append(queries)
            print(f"{total:>8} {url:<22} {median:>10.1f} {p90:>8.1f} {queries:>8}")
    for url, (few, many) in counts.items():
        verdict = "same" if few == many else "GROWS"
        print(f"queries {url}: {few} at 20, {many} at 2,000 — {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with bench_database():
        run(requests=args.requests)


if __name__ == "__main__":
    main()
