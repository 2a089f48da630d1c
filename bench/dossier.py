"""Snapshot and render times of the case dossier PDF.

    .venv/bin/python bench/dossier.py [--runs 5] [--sessions 10] [--actions 200]

Builds, next to the demo data, a closed case with SESSIONS sessions whose besluitenlijsten
are adopted through `decision_list_adopt` (each list and verslag frozen and stored as at
adoption), ACTIONS actions spread over the sessions with two progress updates each, an
information request per session, phase changes and an evaluation. Then prints:
- the median time and the SQL query count of `case_dossier_snapshot`;
- the median time of our renderer (`case_dossier_pdf`: template + safe fetcher +
  PDF/A-3a with tags);
- the floor: WeasyPrint writing the very same finished HTML with its defaults (as in
  bench/documents.py), and the ratio of the two; and WeasyPrint writing that HTML with
  our stylesheet but no PDF/A and no tags, the fairer floor, and its ratio;
- pages and size of our PDF.

Database: bench/_database.py (SQLite in a temporary folder by default; with
DATABASE_URL=postgres://… a throwaway database, dropped afterwards).
"""

import argparse
import datetime
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _database import bench_database, setup_demo  # noqa: E402

STEPS = {
    "motivering": {
        "aanleiding": "Onrust na een incident bij de sporthal; bewoners maken zich zorgen.",
        "verwachte_onrust": "Confrontaties tussen groepen jongeren in de avonduren.",
    },
    "beeldvorming": {
        "wat_gebeurd": "Meer meldingen van overlast; online oproepen om 'terug te slaan'.",
    },
}


def _build_case(*, sessions: int, actions: int):
    """A closed case with SESSIONS adopted sessions and ACTIONS actions, through the
    services where they exist (adoption freezes and stores each list and verslag)."""
    from django.utils import timezone

    from bob.models import Action, ActionUpdate, StepRecord
    from bob.services import decision_list_adopt, decision_record, information_request_create
    from bob.workflow import ActionStatus
    from kernteam.models import Attendee, Case, Session
    from kernteam.services import case_close, case_set_phase, session_finish
    from kernteam.workflow import AttendanceStatus, SessionKind, SessionStatus
    from samos.accounts.models import User
    from signals.models import Area

    users = {
        u.username: u
        for u in User.objects.filter(username__in=["voorzitter", "coordinator", "kernteamlid"])
    }
    chair, coordinator, member = users["voorzitter"], users["coordinator"], users["kernteamlid"]
    now = timezone.now()
    case = Case.objects.create(
        title="Bench: onrust rond de sporthal",
        description="Een casus met veel bijeenkomsten en acties, voor de benchmark.",
        opened_by=coordinator,
        opened_at=now - datetime.timedelta(days=sessions * 7 + 2),
    )
    case.areas.set([Area.objects.order_by("pk").first()])
    phases = ["dreigende_onrust", "onrust", "escalatie", "onrust"]  # never twice in a row
    session_objects = []
    for number in range(sessions):
        kind = SessionKind.EERSTE if number == 0 else SessionKind.VERVOLG
        session = Session.objects.create(
            case=case,
            kind=kind,
            starts_at=now - datetime.timedelta(days=(sessions - number) * 7),
            location="Gemeentehuis, kamer 2",
            chair=chair,
            secretary=coordinator,
            status=SessionStatus.BEZIG,
            convened_by=coordinator,
        )
        session_objects.append(session)
        for user in (chair, coordinator, member):
            Attendee.objects.create(
                session=session, user=user, attendance=AttendanceStatus.AANWEZIG
            )
        if kind == SessionKind.EERSTE:
            for step, data in STEPS.items():
                StepRecord.objects.create(session=session, step=step, data=data, updated_by=chair)
        for decision in range(4):
            decision_record(
                user=chair,
                session_uuid=session.uuid,
                stage="besluitvorming",
                text=f"Besluit {decision + 1} van bijeenkomst {number + 1}: "
                + "het kernteam spreekt af dat " * 4,
            )
        information_request_create(
            user=chair,
            session_uuid=session.uuid,
            question=f"Hoeveel meldingen kwamen er binnen sinds bijeenkomst {number}?",
            source="Politie, wijkagent",
            requested_by=coordinator,
            deadline=now + datetime.timedelta(days=3),
        )
    per_session = max(1, actions // sessions)
    Action.objects.bulk_create(
        Action(
            case=case,
            session=session_objects[min(n // per_session, sessions - 1)],
            title=f"Actie {n + 1}: gesprekken met bewoners in de wijk",
            intended_result="Bewoners weten waar ze met vragen en zorgen terecht kunnen.",
            due_date=timezone.localdate() + datetime.timedelta(days=n % 30),
            executor=member,
            coordinator=coordinator,
            created_by=coordinator,
        )
        for n in range(actions)
    )
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=action,
            from_status=ActionStatus.OPEN,
            to_status=ActionStatus.IN_UITVOERING if step else ActionStatus.OPEN,
            note=f"Voortgang {step + 1}: " + "gesprek gevoerd en afspraken vastgelegd. " * 2,
            author=coordinator,
        )
        for action in Action.objects.filter(case=case)
        for step in range(2)
    )
    for number, session in enumerate(session_objects):
        session_finish(user=chair, session_uuid=session.uuid)
        decision_list_adopt(user=chair, session_uuid=session.uuid, confirmed=True)
        case_set_phase(
            user=coordinator,
            case_uuid=case.uuid,
            phase=phases[number % len(phases)] if number < sessions - 1 else "terugkeer",
            reason=f"Oordeelsvorming in bijeenkomst {number + 1}",
        )
    return case_close(
        user=coordinator,
        case_uuid=case.uuid,
        evaluation="Vroeg met bewoners praten werkte; de samenwerking met de school kan beter.",
    )


def _median_ms(function, runs: int) -> float:
    function()  # warm-up: fonts, templates, CSS parsing caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def run(*, runs: int, sessions: int, actions: int) -> None:
    setup_demo()

    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext
    from pypdf import PdfReader
    from weasyprint import CSS, HTML  # noqa: TID251 — the floor is plain WeasyPrint

    from bob.documents import case_dossier_pdf
    from bob.selectors import case_dossier_snapshot
    from bob.selectors.documents import snapshot_fingerprint
    from samos.documents.rendering import static_file_bytes

    start = time.perf_counter()
    case = _build_case(sessions=sessions, actions=actions)
    print(
        f"built a case of {sessions} adopted sessions and {actions} actions in "
        f"{time.perf_counter() - start:.1f} s"
    )

    with CaptureQueriesContext(connection) as queries:
        snapshot = case_dossier_snapshot(case=case, interim=False)
    snapshot_ms = _median_ms(lambda: case_dossier_snapshot(case=case, interim=False), runs)
    print(f"snapshot: {snapshot_ms:.1f} ms median, {len(queries)} queries")

    html = render_to_string(
        "pdf/dossier.html",
        {
            "doc": snapshot,
            "municipality": snapshot["municipality"],
            "confidentiality": snapshot["confidentiality"],
            "is_exercise": snapshot["case"]["is_exercise"],
            "is_concept": False,
            "is_interim": snapshot["interim"],
            "fingerprint": snapshot_fingerprint(snapshot),
        },
    )
    css = static_file_bytes("css/pdf.css").decode("utf-8")
    pdf = case_dossier_pdf(snapshot)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    ours = _median_ms(lambda: case_dossier_pdf(snapshot), runs)
    floor = _median_ms(lambda: HTML(string=html).write_pdf(), runs)
    styled = _median_ms(lambda: HTML(string=html).write_pdf(stylesheets=[CSS(string=css)]), runs)

    print(f"runs per figure: {runs} (median)")
    print(
        f"{'document':<34} {'ours ms':>9} {'floor ms':>9} {'ratio':>6} "
        f"{'css ms':>8} {'ratio':>6} {'pages':>6} {'KiB':>6}"
    )
    label = f"dossier, {sessions} bijeenk., {actions} acties"
    print(
        f"{label:<34} {ours:>9.1f} {floor:>9.1f} {ours / floor:>6.2f} "
        f"{styled:>8.1f} {ours / styled:>6.2f} {pages:>6} {len(pdf) / 1024:>6.0f}"
    )
    print(f"bytes: {len(pdf)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--actions", type=int, default=200)
    args = parser.parse_args()
    with bench_database():
        run(runs=args.runs, sessions=args.sessions, actions=args.actions)


if __name__ == "__main__":
    main()
