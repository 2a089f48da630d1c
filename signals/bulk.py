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
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

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


# --- a realistic rhythm over years (`seed_signals --years N`) ----------------------------
# Relative number of signals per weekday (Monday first): signallers log at work.
WEEKDAY_WEIGHTS = (1.0, 1.1, 1.1, 1.05, 0.9, 0.35, 0.25)
HOLIDAY_WEIGHT = 0.25  # a public holiday is as quiet as a Sunday
CHRISTMAS_WEIGHT = 0.45  # 24 December to 1 January
SUMMER_WEIGHT = 0.65  # mid-July to mid-August: school holidays
# Hour of the day something is observed (0-23), in local time.
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 9, 9, 10, 10, 9, 8, 7, 7, 6, 5, 3, 2)
# A tension episode in an area: a surge of signals over some days, then it ebbs away.
BURSTS_PER_YEAR = 3
BURST_SHARE = 0.12  # of all signals
BURST_DAYS = (4, 12)


def _easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def dutch_holidays(year: int) -> set[date]:
    """The national public holidays of the Netherlands in YEAR (Bevrijdingsdag yearly)."""
    easter = _easter(year)
    king = date(year, 4, 27)
    if king.weekday() == 6:  # Koningsdag on a Sunday moves to the Saturday before
        king = date(year, 4, 26)
    return {
        date(year, 1, 1),
        easter - timedelta(days=2),
        easter,
        easter + timedelta(days=1),
        king,
        date(year, 5, 5),
        easter + timedelta(days=39),
        easter + timedelta(days=49),
        easter + timedelta(days=50),
        date(year, 12, 25),
        date(year, 12, 26),
    }


def day_weight(day: date, holidays: set[date]) -> float:
    weight = WEEKDAY_WEIGHTS[day.weekday()]
    if day in holidays:
        weight = min(weight, HOLIDAY_WEIGHT)
    if (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1):
        weight *= CHRISTMAS_WEIGHT
    if (day.month == 7 and day.day >= 15) or (day.month == 8 and day.day <= 15):
        weight *= SUMMER_WEIGHT
    return weight


@dataclass(frozen=True)
class Burst:
    """A tension episode: from START, for DAYS days, in these areas, on this theme."""

    start: date
    days: int
    areas: list
    theme: object
    weights: list  # per day: the surge peaks early and ebbs away, in the weekly rhythm


class Rhythm:
    """Moments spread over YEARS years up to NOW in the weekly rhythm above, with a few
    bursts; never a moment after NOW."""

    def __init__(self, rng: random.Random, *, years: int, now: datetime, areas, themes):
        self.rng = rng
        self.now = now
        self.zone = timezone.get_current_timezone()
        today = timezone.localtime(now, self.zone).date()
        first = today - timedelta(days=round(365.25 * years) - 1)
        self.days = [first + timedelta(days=n) for n in range((today - first).days + 1)]
        self.holidays = set().union(*(dutch_holidays(y) for y in range(first.year, today.year + 1)))
        weights = [day_weight(day, self.holidays) for day in self.days]
        # Today has only passed in part.
        midnight = timezone.make_aware(datetime.combine(today, time.min), self.zone)
        self.today_seconds = max(1, int((now - midnight).total_seconds()))
        weights[-1] *= self.today_seconds / 86400
        self.cum_weights = _cumulative(weights)
        self.bursts = self._bursts(years=years, areas=areas, themes=themes)

    def _bursts(self, *, years: int, areas, themes) -> list[Burst]:
        kernen = [area for area in areas if area.kind != Area.Kind.BUURT]
        if not kernen:
            return []
        bursts = []
        for _ in range(max(1, BURSTS_PER_YEAR * years)):
            kern = self.rng.choice(kernen)
            places = [kern] + [area for area in areas if area.parent_id == kern.pk]
            days = self.rng.randint(*BURST_DAYS)
            start = self.rng.choice(self.days[: max(1, len(self.days) - days)])
            peak = self.rng.randint(0, 2)
            # Even in an episode fewer signallers are at work on Sundays and holidays.
            weights = [
                day_weight(start + timedelta(days=n), self.holidays) / (1 + abs(n - peak)) ** 1.5
                for n in range(days)
            ]
            bursts.append(Burst(start, days, places, self.rng.choice(themes), weights))
        return bursts

    def moment(self) -> tuple[datetime, Burst | None]:
        """When the next signal was observed, and the burst it belongs to (if any)."""
        burst = None
        if self.bursts and self.rng.random() < BURST_SHARE:
            burst = self.rng.choice(self.bursts)
            offset = self.rng.choices(range(burst.days), weights=burst.weights)[0]
            day = min(burst.start + timedelta(days=offset), self.days[-1])
        else:
            day = self.rng.choices(self.days, cum_weights=self.cum_weights)[0]
        hour = self.rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
        seconds = hour * 3600 + self.rng.randrange(3600)
        if day == self.days[-1]:
            seconds = seconds % self.today_seconds  # nothing later than now
        local = datetime.combine(day, time.min) + timedelta(seconds=seconds)
        return min(self.now, timezone.make_aware(local, self.zone)), burst


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


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
    *,
    count: int,
    seed: int,
    months: int,
    authors: Sequence[User],
    now: datetime,
    years: int | None = None,
) -> int:
    """Create COUNT signals observed in the MONTHS months before NOW; returns how many.

    Spread over the active kernen, wijken and buurten, the active themes (one to three
    each) and source kinds; authored by AUTHORS, each signal in its author's
    organisation. Raises MissingConfiguration naming what is missing.

    MONTHS spreads them evenly over every hour (a stress test: a few months hold them
    all). With YEARS instead they follow the rhythm of real data over that many years:
    busier on weekdays and during working hours, quieter on holidays and in the summer
    and Christmas weeks, with a few tension episodes in which one area and theme surge
    for some days (`Rhythm`).
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
    rhythm = Rhythm(rng, years=years, now=now, areas=areas, themes=themes) if years else None

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
            if rhythm is None:
                age = timedelta(seconds=rng.randrange(span_seconds))
                observed_at = now - age
            else:
                observed_at, burst = rhythm.moment()
                age = now - observed_at
                if burst is not None:  # the episode's area and theme
                    area = rng.choice(burst.areas)
                    picked = [burst.theme] + [t for t in picked if t != burst.theme][:1]
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
        details={"aantal": created, "seed": seed}
        | ({"jaren": years} if years else {"maanden": months}),
    )
    return created
