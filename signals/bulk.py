"""Many believable signals at once, for benchmarks and load tests.

Bulk creation bypasses the services on purpose (it is generated test data, not what
someone observed): one audit event records the whole batch.
"""

import random
from datetime import datetime, timedelta

from samos.audit.services import audit_record

from .models import Area, Signal, SourceKind, Theme
from .workflow import SignalStatus

BATCH_SIZE = 5000
TEXTS = [
    "Groep jongeren bij {place}, er werd vuurwerk afgestoken.",
    "Pamfletten in de brievenbussen rond {place}.",
    "Onrust op de bewonersavond over plannen bij {place}.",
    "Online oproep om te protesteren bij {place}.",
    "Spandoek aan een hek bij {place}.",
    "Gerucht in de buurt van {place} dat niet klopt.",
]


class MissingConfiguration(Exception):
    """Areas, themes, source kinds or authors are missing: run seed_demo first."""


def bulk_create_signals(*, count: int, seed: int, months: int, authors: list, now: datetime) -> int:
    """Create COUNT signals spread over the last MONTHS months; returns how many."""
    areas = list(Area.objects.filter(is_active=True).exclude(kind=Area.Kind.GEMEENTE))
    themes = list(Theme.objects.filter(is_active=True))
    sources = list(SourceKind.objects.filter(is_active=True))
    if not (areas and themes and sources and authors):
        raise MissingConfiguration
    rng = random.Random(seed)  # noqa: S311  (test data, not security)
    span_minutes = months * 30 * 24 * 60
    created = 0
    while created < count:
        size = min(BATCH_SIZE, count - created)
        planned = []
        for _ in range(size):
            area = rng.choice(areas)
            author = rng.choice(authors)
            observed = now - timedelta(minutes=rng.randint(0, span_minutes))
            recent = now - observed < timedelta(days=3)
            planned.append(
                (
                    Signal(
                        observation=rng.choice(TEXTS).format(place=area.name),
                        observed_at=observed,
                        created_at=observed + timedelta(minutes=rng.randint(1, 120)),
                        area=area,
                        source_kind=rng.choice(sources),
                        channel=rng.choice(["offline", "offline", "online"]),
                        urgency=rng.choice(["laag", "midden", "midden", "hoog"]),
                        confidentiality="vertrouwelijk" if rng.random() < 0.05 else "intern",
                        status=SignalStatus.NIEUW
                        if recent
                        else rng.choice([SignalStatus.BEKEKEN, SignalStatus.GEARCHIVEERD]),
                        author_id=author.pk,
                        organisation_id=author.organisation_id,
                    ),
                    rng.sample(themes, k=rng.choice([1, 1, 2])),
                )
            )
        signals = Signal.objects.bulk_create([signal for signal, _ in planned])
        Signal.themes.through.objects.bulk_create(
            [
                Signal.themes.through(signal_id=signal.pk, theme_id=theme.pk)
                for signal, (_, chosen) in zip(signals, planned, strict=True)
                for theme in chosen
            ]
        )
        created += size
    audit_record(action="signalen.bulk_aangemaakt", details={"aantal": created})
    return created
