"""Render and serve times of the besluitenlijst PDF.

    .venv/bin/python bench/documents.py [--runs 7]

Prints, for a besluitenlijst of 10 and of 100 decisions (a synthetic snapshot with 8
attendees and 10 actions), and for the verslag of the demo's filled first session:
- the median time of our renderer (template + safe fetcher + PDF/A-3a with tags for an
  adopted list, a tagged plain PDF with a watermark for a concept);
- the floor: WeasyPrint writing the very same finished HTML with its defaults, and the
  ratio of the two;
- then, on the demo data, the median time to serve a stored adopted list through its
  view (Django test Client, in-process) against rendering that list again.

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


def _snapshot(decisions: int, *, adopted: bool) -> dict:
    return {
        "version": 1,
        "municipality": "Gemeente Voorbeeldrade",
        "confidentiality": "Vertrouwelijk — niet openbaar",
        "case": {"title": "Asielopvang Oldenmere", "is_exercise": False, "phase": "Onrust"},
        "session": {
            "kind": "Vervolgbijeenkomst",
            "starts_at": "01-12-2026 19:30",
            "date": "01-12-2026",
            "location": "Gemeentehuis, kamer 2",
            "chair": "M. de Vries (burgemeester)",
            "secretary": "K. Amrani (OOV-adviseur)",
        },
        "attendance": [
            {
                "name": f"Deelnemer {n}",
                "organisation": "Politie",
                "is_guest": n == 7,
                "status": "aanwezig",
                "status_label": "aanwezig",
            }
            for n in range(8)
        ],
        "decisions": [
            {
                "number": n,
                "stage": "Besluitvorming",
                "text": f"Besluit {n}: " + "het kernteam spreekt af dat " * 6,
                "corrects_number": None,
                "corrects_date": "",
                "signal_count": n % 3,
            }
            for n in range(1, decisions + 1)
        ],
        "actions": [
            {
                "title": f"Actie {n}",
                "intended_result": "Bewoners weten waar ze terecht kunnen.",
                "carried_out_by": "Jongerenwerk",
                "coordinator": "K. Amrani (OOV-adviseur)",
                "due_date": "15-12-2026",
                "status": "Open",
            }
            for n in range(10)
        ],
        "adoption": (
            {"at": "02-12-2026 10:00", "by": "M. de Vries (burgemeester)", "in_session": ""}
            if adopted
            else None
        ),
    }


def _median_ms(function, runs: int) -> float:
    function()  # warm-up: fonts, templates, CSS parsing caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def _verslag(runs: int) -> None:
    """The verslag of the demo's first session (every step filled, with scenarios,
    information requests, decisions and actions), concept and frozen."""
    from django.template.loader import render_to_string
    from weasyprint import HTML  # noqa: TID251 — the floor is plain WeasyPrint

    from bob.documents import _document_context, minutes_pdf
    from bob.selectors import session_minutes_snapshot
    from kernteam.demo import AZC_CASE
    from kernteam.models import Session
    from kernteam.workflow import SessionKind

    session = Session.objects.get(case__title=AZC_CASE, kind=SessionKind.EERSTE)
    filled = sum(
        1
        for step in session_minutes_snapshot(session=session, reader=None)["steps"]
        if not step["is_empty"]
    )
    for adopted in (False, True):
        snapshot = session_minutes_snapshot(session=session, reader=None)
        if adopted:
            snapshot["adoption"] = {
                "at": "02-12-2026 10:00",
                "by": "P. van Dalen",
                "in_session": "",
            }
        html = render_to_string("pdf/verslag.html", _document_context(snapshot, created=None))
        pdf = minutes_pdf(snapshot)
        ours = _median_ms(lambda s=snapshot: minutes_pdf(s), runs)
        floor = _median_ms(lambda h=html: HTML(string=h).write_pdf(), runs)
        pages = len(HTML(string=html).render().pages)
        label = f"verslag eerste ({filled} stappen), {'vastgesteld' if adopted else 'concept'}"
        print(
            f"{label:<28} {ours:>9.1f} {floor:>9.1f} {ours / floor:>6.2f} {pages:>6} "
            f"{len(pdf) / 1024:>6.0f}"
        )
    snapshot_ms = _median_ms(lambda: session_minutes_snapshot(session=session, reader=None), runs)
    print(f"verslag snapshot (database reads): {snapshot_ms:.1f} ms")


def run(*, runs: int) -> None:
    setup_demo()

    from django.template.loader import render_to_string
    from weasyprint import HTML  # noqa: TID251 — the floor is plain WeasyPrint

    from bob.documents import decision_list_pdf
    from bob.models import DecisionList
    from bob.selectors.documents import snapshot_fingerprint

    adopted_render_ms = 0.0
    print(f"runs per figure: {runs} (median)")
    print(f"{'document':<28} {'ours ms':>9} {'floor ms':>9} {'ratio':>6} {'pages':>6} {'KiB':>6}")
    for decisions in (10, 100):
        for adopted in (False, True):
            snapshot = _snapshot(decisions, adopted=adopted)
            html = render_to_string(
                "pdf/besluitenlijst.html",
                {
                    "doc": snapshot,
                    "municipality": snapshot["municipality"],
                    "confidentiality": snapshot["confidentiality"],
                    "is_concept": not adopted,
                    "fingerprint": snapshot_fingerprint(snapshot),
                },
            )
            pdf = decision_list_pdf(snapshot)
            ours = _median_ms(lambda s=snapshot: decision_list_pdf(s), runs)
            floor = _median_ms(lambda h=html: HTML(string=h).write_pdf(), runs)
            pages = len(HTML(string=html).render().pages)
            if adopted:
                adopted_render_ms = ours
            label = f"{decisions} besluiten, {'vastgesteld' if adopted else 'concept'}"
            print(
                f"{label:<28} {ours:>9.1f} {floor:>9.1f} {ours / floor:>6.2f} {pages:>6} "
                f"{len(pdf) / 1024:>6.0f}"
            )

    _verslag(runs)

    decision_list = (
        DecisionList.objects.filter(document__isnull=False).select_related("session").first()
    )
    client = demo_client(username="burgemeester")
    url = f"/bijeenkomsten/{decision_list.session.uuid}/besluitenlijst.pdf"

    def serve():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    served = _median_ms(serve, runs * 5)
    rendered = _median_ms(lambda: decision_list_pdf(decision_list.snapshot), runs)
    print(
        f"stored adopted list (demo): served {served:.1f} ms, rendered again {rendered:.1f} ms, "
        f"{rendered / served:.0f}× faster to serve"
    )
    # The target compares serving with rendering the large list (the file size barely
    # changes the serve time: it is one read and one hash).
    print(
        f"served vs rendering the adopted list of 100 decisions ({adopted_render_ms:.0f} ms): "
        f"{adopted_render_ms / served:.0f}× faster to serve"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with bench_database():
        run(runs=args.runs)


if __name__ == "__main__":
    main()
