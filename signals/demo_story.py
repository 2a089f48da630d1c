"""Demo signals for Gemeente Voorbeeldrade that tell a story on the start page.

Six months of ordinary background signals across the kernen, plus two building tensions:
a planned asielopvang in Oldenmere (quiet for months, rising fast in the last six weeks)
and a windpark near Brammelo (a peak three months ago around the information evening,
flaring up again in the last fortnight), and a few observations of what goes well
(veerkracht) beside them. Deterministic (fixed random seed) and idempotent:
it does nothing when demo signals exist already.
"""

import random
from datetime import timedelta

from django.utils import timezone

from samos.accounts.models import User
from samos.audit.services import audit_record

from .models import (
    Area,
    AreaAssignment,
    AttentionRequest,
    Confirmation,
    Signal,
    SourceKind,
    Theme,
)
from .workflow import SignalStatus

DEMO_SEED = 2026
BACKGROUND_SIGNALS = 230

BACKGROUND = [
    ("Jongerenoverlast", "Groep van ongeveer tien jongeren bij {place}, harde muziek en vuurwerk."),
    ("Jongerenoverlast", "Vernielingen aan de bushalte bij {place}; bewoners ergeren zich."),
    (
        "Woningbouw",
        "Op de bewonersavond over nieuwbouw bij {place} was veel onvrede over wachtlijsten.",
    ),
    (
        "Polarisatie en online",
        "In een lokale Facebookgroep lopen de reacties over {place} hoog op.",
    ),
    (
        "Desinformatie",
        "Gerucht in de buurt van {place} dat de gemeente huizen gaat onteigenen; klopt niet.",
    ),
    ("Landbouw en stikstof", "Trekkers met spandoeken langs de provinciale weg bij {place}."),
    (
        "Datacenters en hoogspanning",
        "Vragen van bewoners bij {place} over het nieuwe hoogspanningsstation.",
    ),
]
AZC = [
    "Pamfletten tegen de komst van het azc in de brievenbussen in {place}.",
    "Op het dorpsplein van {place} werd luid gesproken over "
    "'het azc dat ons door de strot wordt geduwd'.",
    "Online oproep om naar de raadsvergadering over het azc te komen, met dreigende taal.",
    "Spandoek 'Geen azc in ons dorp' aan een hek bij {place}.",
    "Ouders bij de school in {place} ongerust over veiligheid na geruchten over het azc.",
    "Bekladding met leuzen tegen asielzoekers op de muur van het dorpshuis in {place}.",
]
WIND = [
    "Boze reacties op de informatieavond over het windpark bij {place}.",
    "Bewoners van {place} verzamelen handtekeningen tegen de windmolens.",
    "Online wordt de wethouder persoonlijk aangevallen over het windpark bij {place}.",
    "Spandoeken 'Geen molens in ons landschap' langs de dijk bij {place}.",
]


# (days ago, kern, theme, text): what goes well. Watching only for threat pushes towards
# enforcement; these show where the villages carry themselves.
POSITIVE = [
    (
        6,
        "Oldenmere",
        "Asielopvang",
        "In {place} organiseerden bewoners zelf een koffieochtend om vragen over het azc "
        "rustig te bespreken; ook tegenstanders kwamen en bleven.",
    ),
    (
        9,
        "Brammelo",
        "Windmolens en energie",
        "De dorpsraad van {place} zette voor- en tegenstanders van het windpark aan één "
        "tafel; het gesprek bleef respectvol.",
    ),
    (
        24,
        "Rade-Oost",
        "Jongerenoverlast",
        "Jongeren uit {place} knapten met de buurtsportcoach het trapveld op; "
        "omwonenden brachten koffie.",
    ),
    (
        47,
        "Oldenmere",
        "Woningbouw",
        "Buren in {place} helpen elkaar met de aanvraag voor een huurwoning; de "
        "wachtlijst blijft, de sfeer is goed.",
    ),
]


def _buurten_of(area: Area) -> list[Area]:
    return list(area.children.filter(is_active=True)) or [area]


def _make(rng, *, now, days_ago, area, theme, text, authors, source_kinds, urgency=None):
    # Daytime and evening, local time: when people are out and about.
    day = timezone.localtime(now - timedelta(days=days_ago))
    observed = day.replace(hour=rng.randint(8, 22), minute=rng.randint(0, 59), second=0)
    if observed > now:
        observed = now - timedelta(minutes=rng.randint(5, 90))
    author = rng.choice(authors)
    if days_ago > 14:
        status = rng.choice([SignalStatus.BEKEKEN, SignalStatus.BEKEKEN, SignalStatus.GEARCHIVEERD])
    elif days_ago > 3:
        status = rng.choice([SignalStatus.NIEUW, SignalStatus.BEKEKEN])
    else:
        status = SignalStatus.NIEUW
    signal = Signal(
        observation=text.format(place=area.name),
        observed_at=observed,
        # Logged a while after it was seen, but never later than now.
        created_at=max(observed, min(observed + timedelta(minutes=rng.randint(5, 240)), now)),
        area=area,
        source_kind=rng.choice(source_kinds),
        channel=Signal.Channel.ONLINE
        if "online" in text.lower() or "Facebook" in text
        else Signal.Channel.OFFLINE,
        urgency=urgency or rng.choice(["laag", "midden", "midden"]),
        confidentiality=Signal.Confidentiality.VERTROUWELIJK
        if rng.random() < 0.04
        else Signal.Confidentiality.INTERN,
        status=status,
        status_reason="Dubbele melding" if status == SignalStatus.GEARCHIVEERD else "",
        author=author,
        organisation_id=author.organisation_id,
    )
    return signal, theme


def seed_demo_signals(stdout=None) -> None:
    authors = list(
        User.objects.filter(groups__name__in=["signaleerder", "coordinator", "kernteamlid"])
        # The colleague's few signals are written out below; keeping her out of the random
        # draw keeps the rest of the story the same.
        .exclude(username=COLLEAGUE)
        .distinct()
    )
    _colleague_signals()
    _assign_work_areas()
    if not authors or Signal.objects.filter(author__in=authors).exists():
        return
    rng = random.Random(DEMO_SEED)  # noqa: S311  (demo data, not security)
    now = timezone.now()
    themes = {theme.name: theme for theme in Theme.objects.all()}
    source_kinds = list(SourceKind.objects.filter(is_active=True))
    kernen = list(Area.objects.filter(kind__in=[Area.Kind.KERN, Area.Kind.WIJK]))
    oldenmere = Area.objects.get(name="Oldenmere")
    brammelo = Area.objects.get(name="Brammelo")

    planned = []
    for _ in range(BACKGROUND_SIGNALS):
        theme_name, text = rng.choice(BACKGROUND)
        area = rng.choice(_buurten_of(rng.choice(kernen)))
        planned.append(
            _make(
                rng,
                now=now,
                days_ago=rng.randint(0, 182),
                area=area,
                theme=themes[theme_name],
                text=text,
                authors=authors,
                source_kinds=source_kinds,
            )
        )
    # Asielopvang in Oldenmere: a trickle for months, then more every week.
    for week in range(26):
        per_week = 1 if week > 6 else [14, 11, 8, 6, 4, 3, 2][week]
        for _ in range(per_week):
            planned.append(
                _make(
                    rng,
                    now=now,
                    days_ago=week * 7 + rng.randint(0, 6),
                    area=rng.choice(_buurten_of(oldenmere)),
                    theme=themes["Asielopvang"],
                    text=rng.choice(AZC),
                    authors=authors,
                    source_kinds=source_kinds,
                    urgency="hoog" if week < 2 else None,
                )
            )
    # Windpark near Brammelo: a peak three months ago and again in the last two weeks.
    for days_ago in [*range(85, 100, 1), *range(0, 14, 1)]:
        if rng.random() < 0.7:
            planned.append(
                _make(
                    rng,
                    now=now,
                    days_ago=days_ago,
                    area=rng.choice(_buurten_of(brammelo)),
                    theme=themes["Windmolens en energie"],
                    text=rng.choice(WIND),
                    authors=authors,
                    source_kinds=source_kinds,
                )
            )

    # Their own random stream, so the rest of the story stays as it was.
    positive_rng = random.Random(DEMO_SEED + 1)  # noqa: S311  (demo data, not security)
    for days_ago, kern_name, theme_name, text in POSITIVE:
        kern = next((area for area in kernen if area.name == kern_name), None)
        if kern is None:
            continue
        signal, theme = _make(
            positive_rng,
            now=now,
            days_ago=days_ago,
            area=positive_rng.choice(_buurten_of(kern)),
            theme=themes[theme_name],
            text=text,
            authors=authors,
            source_kinds=source_kinds,
            urgency=Signal.Urgency.LAAG,
        )
        signal.nature = Signal.Nature.VEERKRACHT
        planned.append((signal, theme))

    signals = Signal.objects.bulk_create([signal for signal, _ in planned], batch_size=500)
    Signal.themes.through.objects.bulk_create(
        [
            Signal.themes.through(signal_id=signal.pk, theme_id=theme.pk)
            for signal, (_, theme) in zip(signals, planned, strict=True)
        ]
    )
    _confirm_some(rng, signals, authors)
    _attention_requests(
        now=now, oldenmere=oldenmere, brammelo=brammelo, themes=themes, authors=authors
    )
    audit_record(action="demodata.signalen_geladen", details={"aantal": len(signals)})
    if stdout is not None:
        stdout.write(f"  demosignalen: {len(signals)}")


COLLEAGUE = "collega"
# (hours ago, buurt, theme, text): what the colleague saw in Sanne's area this week.
COLLEAGUE_SIGNALS = [
    (
        30,
        "Merepolder",
        "Asielopvang",
        "Nieuwe stickers tegen het azc op lantaarnpalen langs de dijk.",
    ),
    (
        52,
        "Dorpskern Oldenmere",
        "Asielopvang",
        "Bij de bushalte praten ouders over een protest bij de informatieavond.",
    ),
    (
        75,
        "Merepolder",
        "Polarisatie en online",
        "In een buurtapp wordt opgeroepen om 'zelf te gaan patrouilleren' bij het azc.",
    ),
]


# username → the kernen and wijken the beheerder assigned: both wijkagenten work in
# Oldenmere (so each sees the other's signals at "zie ik ook"), Mehmet also in Rade-Oost.
WORK_AREAS = {"signaleerder": ["Oldenmere"], COLLEAGUE: ["Oldenmere", "Rade-Oost"]}


def _assign_work_areas() -> None:
    for username, names in WORK_AREAS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        for area in Area.objects.filter(name__in=names, parent__isnull=False):
            AreaAssignment.objects.get_or_create(user=user, area=area)


def _colleague_signals() -> None:
    colleague = User.objects.filter(username=COLLEAGUE).first()
    if colleague is None or Signal.objects.filter(author=colleague).exists():
        return
    now = timezone.now()
    source = SourceKind.objects.filter(is_active=True).first()
    for hours, area_name, theme_name, text in COLLEAGUE_SIGNALS:
        area = Area.objects.filter(name=area_name).first()
        theme = Theme.objects.filter(name=theme_name).first()
        if area is None or source is None:
            continue
        observed = now - timedelta(hours=hours)
        signal = Signal.objects.create(
            observation=text,
            observed_at=observed,
            created_at=observed + timedelta(minutes=20),
            area=area,
            source_kind=source,
            author=colleague,
            organisation_id=colleague.organisation_id,
        )
        if theme is not None:
            signal.themes.set([theme])


def _confirm_some(rng, signals, authors) -> None:
    recent = [s for s in signals if s.observed_at > timezone.now() - timedelta(days=21)]
    confirmations = []
    for signal in rng.sample(recent, k=min(25, len(recent))):
        others = [a for a in authors if a.pk != signal.author_id]
        for author in rng.sample(others, k=min(len(others), rng.randint(1, 2))):
            confirmations.append(
                Confirmation(
                    signal=signal,
                    author=author,
                    observation="Zie ik ook: hetzelfde gehoord in de buurt.",
                )
            )
    Confirmation.objects.bulk_create(confirmations)
    counts: dict[int, int] = {}
    for confirmation in confirmations:
        counts[confirmation.signal_id] = counts.get(confirmation.signal_id, 0) + 1
    for signal_id, count in counts.items():
        Signal.objects.filter(pk=signal_id).update(confirmation_count=count)


def _attention_requests(*, now, oldenmere, brammelo, themes, authors) -> None:
    coordinator = User.objects.filter(groups__name="coordinator").first() or authors[0]
    azc = AttentionRequest.objects.create(
        title="Let op uitingen tegen de komst van het azc",
        description=(
            "Pamfletten, spandoeken, online oproepen en gesprekken op straat in en rond Oldenmere."
        ),
        until=timezone.localdate() + timedelta(days=21),
        created_by=coordinator,
    )
    azc.areas.set([oldenmere])
    azc.themes.set([themes["Asielopvang"]])
    wind = AttentionRequest.objects.create(
        title="Reacties op de informatieavond windpark",
        until=timezone.localdate() - timedelta(days=60),
        created_by=coordinator,
    )
    wind.areas.set([brammelo])
    wind.themes.set([themes["Windmolens en energie"]])
