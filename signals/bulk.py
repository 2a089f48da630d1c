"""Generate many believable signals at once, for benchmarks, load tests and demos.

This bypasses `signals.services` on purpose: the rows are generated test data, not what
somebody observed, and `signal_create` per row (its own transaction, audit event and
side effects) would take hours for 100,000 signals. Instead the rows go in with
`bulk_create` in batches, their theme links as bulk-created rows of the M2M through
table, and the whole batch gets ONE audit event, `signalen.bulk_aangemaakt`, with the
number created. The caller decides the transaction (the command wraps it in one).

The texts are assembled from a few templates with the names of the (fictional) areas:
no names of people and no personal data, so `contains_personal_data` is always False.
The same seed, configuration (areas, themes, source kinds, authors) and `now` give the
same signals; only the UUIDs differ, because they must stay unique across runs.
"""

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from samos.accounts.models import User
from samos.audit.services import audit_record

from .models import Area, Signal, SourceKind, Theme
from .workflow import SignalStatus

BATCH_SIZE = 5000
# Signals younger than this are still waiting in the coördinator's inbox.
RECENT = timedelta(days=3)

# What was seen, per theme of the demo municipality; other themes use GENERIC.
WHAT_BY_THEME = {
    "Asielopvang": [
        "Pamfletten tegen de geplande opvang in de brievenbussen in {place}.",
        "Spandoek tegen de komst van het azc aan een hek in {place}.",
        "Felle discussie over het azc-plan op het plein in {place}.",
        "Online oproep uit {place} om massaal naar de raadsvergadering over de opvang te gaan.",
    ],
    "Windmolens en energie": [
        "Boze reacties op de plannen voor het windpark bij {place}.",
        "Handtekeningenactie tegen de windmolens in {place}.",
        "Stickers tegen het zonnepark op lantaarnpalen in {place}.",
    ],
    "Landbouw en stikstof": [
        "Trekkers met spandoeken langs de weg bij {place}.",
        "Omgekeerde vlaggen opgehangen langs de wegen rond {place}.",
        "Onrust onder boeren rond {place} na de brief over uitkoop.",
    ],
    "Woningbouw": [
        "Veel onvrede over wachtlijsten op de bewonersavond over nieuwbouw in {place}.",
        "Protestborden bij het bouwterrein in {place}.",
        "Bewoners van {place} boos over de toewijzing van nieuwe woningen.",
    ],
    "Datacenters en hoogspanning": [
        "Vragen van bewoners in {place} over het nieuwe hoogspanningsstation.",
        "Flyers tegen het datacenter uitgedeeld bij de supermarkt in {place}.",
    ],
    "Jongerenoverlast": [
        "Groep jongeren met harde muziek en vuurwerk in {place}.",
        "Vernielingen aan de bushalte in {place}.",
        "Jongeren vallen voorbijgangers lastig bij de winkels in {place}.",
    ],
    "Polarisatie en online": [
        "Reacties in een lokale Facebookgroep over {place} lopen hoog op.",
        "Filmpje van een ruzie in {place} gaat rond in appgroepen.",
    ],
    "Desinformatie": [
        "Gerucht in {place} dat de gemeente huizen gaat onteigenen; dat klopt niet.",
        "Nepbericht over een gemeentelijk besluit over {place} wordt gedeeld.",
    ],
}
GENERIC = [
    "Onrust onder bewoners van {place}.",
    "Gesprekken in {place} over toenemende spanningen.",
    "Sleutelfiguur uit {place} meldt een gespannen sfeer.",
]
DETAILS = [
    "",
    " Bewoners maken zich zorgen.",
    " Meerdere mensen spraken erover.",
    " Lijkt de laatste weken toe te nemen.",
    " Eerder ook al gezien.",
    " Geen directe dreiging, wel veel emotie.",
    " Wijkagent is op de hoogte.",
]


class MissingConfiguration(Exception):
    """Areas, themes, source kinds or authors are missing (run `seed_demo` first)."""


def _observation(rng: random.Random, *, theme: Theme, area: Area) -> str:
    what = rng.choice(WHAT_BY_THEME.get(theme.name, GENERIC)).format(place=area.name)
    return what + rng.choice(DETAILS)


def _status(rng: random.Random, *, age: timedelta) -> str:
    if age < RECENT:
        return SignalStatus.NIEUW if rng.random() < 0.9 else SignalStatus.BEKEKEN
    draw = rng.random()
    if draw < 0.02:  # a few older ones were never reviewed
        return SignalStatus.NIEUW
    return SignalStatus.BEKEKEN if draw < 0.6 else SignalStatus.GEARCHIVEERD


def bulk_create_signals(
    *, count: int, seed: int, months: int, authors: Sequence[User], now: datetime
) -> int:
    """Create COUNT signals observed in the MONTHS months before NOW; returns how many.

    Spread over the active kernen, wijken and buurten, the active themes (one to three
    each) and source kinds; authored by AUTHORS, each signal in its author's
    organisation. Raises MissingConfiguration naming what is missing.
    """
    # Ordered by pk, so the same seed picks the same rows whatever the models' ordering.
    areas = list(
        Area.objects.filter(
            is_active=True, kind__in=[Area.Kind.KERN, Area.Kind.WIJK, Area.Kind.BUURT]
        ).order_by("pk")
    )
    themes = list(Theme.objects.filter(is_active=True).order_by("pk"))
    sources = list(SourceKind.objects.filter(is_active=True).order_by("pk"))
    missing = [
        label
        for label, rows in [
            ("gebieden (kernen/buurten)", areas),
            ("thema's", themes),
            ("soorten bron", sources),
            ("melders", authors),
        ]
        if not rows
    ]
    if missing:
        raise MissingConfiguration(", ".join(missing))

    rng = random.Random(seed)  # noqa: S311  (generated test data, not security)
    authors = sorted(authors, key=lambda user: user.pk)
    span_seconds = max(1, int(timedelta(days=30.44 * months).total_seconds()))
    theme_counts, theme_weights = [1, 2, 3], [70, 25, 5]
    urgencies = [Signal.Urgency.LAAG, Signal.Urgency.MIDDEN, Signal.Urgency.HOOG]
    urgency_weights = [35, 50, 15]
    through = Signal.themes.through

    created = 0
    while created < count:
        size = min(BATCH_SIZE, count - created)
        signals: list[Signal] = []
        chosen_themes: list[list[Theme]] = []
        for _ in range(size):
            area = rng.choice(areas)
            author = rng.choice(authors)
            source = rng.choice(sources)
            picked = rng.sample(
                themes, k=min(len(themes), rng.choices(theme_counts, theme_weights)[0])
            )
            age = timedelta(seconds=rng.randrange(span_seconds))
            observed_at = now - age
            # Logged a few minutes to a day after it was seen, never in the future.
            created_at = min(now, observed_at + timedelta(minutes=rng.randint(5, 24 * 60)))
            online = "online" in source.name.lower() or rng.random() < 0.1
            signals.append(
                Signal(
                    observation=_observation(rng, theme=picked[0], area=area),
                    observed_at=observed_at,
                    created_at=created_at,
                    area_id=area.pk,
                    source_kind_id=source.pk,
                    channel=Signal.Channel.ONLINE if online else Signal.Channel.OFFLINE,
                    urgency=rng.choices(urgencies, urgency_weights)[0],
                    confidentiality=Signal.Confidentiality.VERTROUWELIJK
                    if rng.random() < 0.04
                    else Signal.Confidentiality.INTERN,
                    contains_personal_data=False,
                    status=_status(rng, age=age),
                    author_id=author.pk,
                    organisation_id=author.organisation_id,
                )
            )
            chosen_themes.append(picked)
        # SQLite (3.35+) and PostgreSQL return the new primary keys from bulk_create.
        Signal.objects.bulk_create(signals)
        through.objects.bulk_create(
            [
                through(signal_id=signal.pk, theme_id=theme.pk)
                for signal, picked in zip(signals, chosen_themes, strict=True)
                for theme in picked
            ]
        )
        created += size
    audit_record(
        action="signalen.bulk_aangemaakt",
        actor_label="seed_signals",
        details={"aantal": created, "seed": seed, "maanden": months},
    )
    return created
