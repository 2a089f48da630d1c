"""Set up the database of the load benchmark and write what the locust users need.

    python bench/load/prepare.py --signals 20000 --sessions 8 --out FIXTURE.json

Run by bench/load/run.py with DATABASE_URL and SAMOS_VAR_DIR pointing at the throwaway
PostgreSQL cluster and folder of that run. Migrates, seeds the demo municipality, adds
N generated signals (`seed_signals`), then opens one case per chair user and starts its
first session through the services (the runner only takes steps of a running session,
and each simulated chair gets a session of its own, as in real life: one chair per
session, so the optimistic lock of a step never sees two editors). Ends with VACUUM
ANALYZE, what autovacuum does within a minute of a bulk load (so it does not start in the
middle of the measurement). Writes a JSON file with the ids the locustfile uses.
"""

import argparse
import io
import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samos.settings")


def _running_sessions(*, count: int) -> list[str]:
    """COUNT open cases, each with a first session the demo chair has started."""
    from django.utils import timezone

    from kernteam.services import case_open, session_convene, session_start
    from kernteam.workflow import SessionKind
    from samos.accounts.models import User
    from signals.models import Area, Theme

    coordinator = User.objects.get(username="coordinator")
    chair = User.objects.get(username="voorzitter")
    areas = list(Area.objects.filter(is_active=True).order_by("pk"))
    themes = list(Theme.objects.filter(is_active=True).order_by("pk"))
    uuids = []
    for number in range(count):
        case = case_open(
            user=coordinator,
            title=f"Belasting {number + 1}: oplopende spanning in {areas[number % len(areas)]}",
            areas=[areas[number % len(areas)]],
            themes=[themes[number % len(themes)]],
            description="Casus voor de belastingstest.",
        )
        session = session_convene(
            user=coordinator,
            case_uuid=case.uuid,
            kind=SessionKind.EERSTE,
            starts_at=timezone.now() + timedelta(hours=1),
            location="Gemeentehuis, raadszaal",
            agenda="Beeld, oordeel, besluiten.",
        )
        session_start(user=chair, session_uuid=session.uuid)
        uuids.append(str(session.uuid))
    return uuids


def _demo_sessions() -> dict[str, list[str]]:
    """Sessions of the demo story whose PDFs the users download."""
    from bob.models import DecisionList
    from kernteam.demo import AZC_CASE
    from kernteam.models import Session
    from kernteam.workflow import SessionKind

    concept = Session.objects.get(case__title=AZC_CASE, kind=SessionKind.EERSTE)
    adopted = (
        DecisionList.objects.filter(document__isnull=False)
        .select_related("session")
        .order_by("session__starts_at")
    )
    return {
        "concept_sessions": [str(concept.uuid)],
        "adopted_sessions": [str(d.session.uuid) for d in adopted],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signals", type=int, default=20_000)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from signals.models import Area, SourceKind, Theme

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    if args.signals:
        out = io.StringIO()
        call_command("seed_signals", args.signals, stdout=out)
        print(out.getvalue().strip())
    with transaction.atomic():
        running = _running_sessions(count=args.sessions)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    fixture = {
        "running_sessions": running,
        **_demo_sessions(),
        "areas": list(Area.objects.filter(is_active=True).values_list("pk", flat=True)),
        "themes": list(Theme.objects.filter(is_active=True).values_list("pk", flat=True)),
        "source_kinds": list(
            SourceKind.objects.filter(is_active=True).values_list("pk", flat=True)
        ),
    }
    Path(args.out).write_text(json.dumps(fixture, indent=2))
    print(
        f"prepared in {time.perf_counter() - started:.1f} s: {len(running)} running sessions, "
        f"{len(fixture['adopted_sessions'])} adopted decision lists"
    )


if __name__ == "__main__":
    main()
