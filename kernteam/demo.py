"""Demo kernteam for Gemeente Voorbeeldrade: its members, the asielopvang case in
Oldenmere with a finished first session and a planned follow-up, and a closed exercise.

The story lies in the past, which the services refuse by design (no session is convened
for last week), so this seeder writes the rows directly — demo data only. Idempotent:
it does nothing when the demo case exists. The BOB records of these sessions come from
bob/demo.py, which runs after this seeder.
"""

from datetime import timedelta

from django.utils import timezone

from samos.accounts.models import User
from signals.models import Area, Signal, Theme

from .models import Attendee, Case, CaseSignal, KernteamMember, PhaseChange, Preparation, Session
from .workflow import AttendanceStatus, CaseStatus, Phase, SessionKind, SessionStatus

AZC_CASE = "Spanning rond de geplande asielopvang in Oldenmere"
CONFIDENTIAL_CASE = "Bedreiging van een raadslid uit Oldenmere"
EXERCISE_CASE = "Oefening: onrust na een steekpartij bij de sporthal van Brammelo"

MEMBERS = [
    # username, function, chair, secretary, ambtelijk kernteam
    ("voorzitter", KernteamMember.Function.GEMEENTE, True, False, False),
    ("coordinator", KernteamMember.Function.GEMEENTE, False, True, True),
    ("kernteamlid", KernteamMember.Function.WELZIJN, False, False, False),
    ("burgemeester", KernteamMember.Function.BURGEMEESTER, False, False, False),
]


def _at(days: int, hour: int, minute: int = 0):
    """A local moment DAYS from today (negative: in the past) at HOUR:MINUTE."""
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def seed_kernteam(stdout=None) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=[m[0] for m in MEMBERS])}
    if len(users) < len(MEMBERS) or Case.objects.filter(title=AZC_CASE).exists():
        return
    for username, function, chair, secretary, prepares in MEMBERS:
        KernteamMember.objects.get_or_create(
            user=users[username],
            defaults={
                "function": function,
                "is_chair": chair,
                "is_secretary": secretary,
                "prepares_sessions": prepares,
            },
        )
    _seed_azc_case(users)
    _seed_confidential_case(users)
    _seed_exercise(users)
    if stdout:
        stdout.write("Kernteam, casussen en bijeenkomsten geladen.")


def _attend(session, users, *, attendance=AttendanceStatus.AANWEZIG):
    for user in users:
        Attendee.objects.create(
            session=session,
            user=user,
            attendance=attendance,
            invitation_sent_at=session.convened_at,
        )


def _seed_azc_case(users) -> None:
    chair, coordinator = users["voorzitter"], users["coordinator"]
    oldenmere = Area.objects.get(name="Oldenmere")
    case = Case.objects.create(
        title=AZC_CASE,
        description=(
            "Sinds de aankondiging van een opvanglocatie voor 150 asielzoekers in het oude "
            "kantoor aan de Dorpsstraat nemen de signalen in Oldenmere snel toe: pamfletten, "
            "een spandoek, dreigende taal online en ongeruste ouders bij de school."
        ),
        phase=Phase.DREIGENDE_ONRUST,
        opened_by=coordinator,
        opened_at=_at(-12, 9),
    )
    case.areas.set([oldenmere])
    case.themes.set(Theme.objects.filter(name__in=["Asielopvang", "Polarisatie en online"]))
    PhaseChange.objects.create(
        case=case,
        from_phase="",
        to_phase=Phase.RUST,
        reason="Casus geopend",
        changed_by=coordinator,
        changed_at=_at(-12, 9),
    )
    PhaseChange.objects.create(
        case=case,
        from_phase=Phase.RUST,
        to_phase=Phase.DREIGENDE_ONRUST,
        reason="Oordeelsvorming eerste bijeenkomst: oplopende signalen, online dreigende taal.",
        changed_by=chair,
        changed_at=_at(-10, 21),
    )
    # The coördinator links the newest signals there were when the case opened, not the
    # newest there are now: nothing is linked (or cited) before it was logged.
    linked_at = _at(-12, 9)
    signals = Signal.objects.filter(
        area__in=[oldenmere, *oldenmere.children.all()],
        themes__name="Asielopvang",
        created_at__lte=linked_at,
    ).order_by("-observed_at")[:6]
    for signal in signals:
        CaseSignal.objects.create(
            case=case, signal=signal, linked_by=coordinator, linked_at=linked_at
        )
        if signal.status != "gekoppeld":
            signal.status = "gekoppeld"
            signal.save(update_fields=["status"])

    members = [users[name] for name in ("voorzitter", "coordinator", "kernteamlid", "burgemeester")]
    first = Session.objects.create(
        case=case,
        kind=SessionKind.EERSTE,
        starts_at=_at(-10, 19, 30),
        location="Gemeentehuis Voorbeeldrade, raadszaal",
        chair=chair,
        secretary=coordinator,
        agenda="Beeld van de signalen rond het azc; wat staat er te gebeuren; eerste acties.",
        status=SessionStatus.AFGEROND,
        current_step="vervolg",
        convened_by=coordinator,
        convened_at=_at(-12, 9, 30),
        started_at=_at(-10, 19, 30),
        finished_at=_at(-10, 21, 45),
    )
    _attend(first, members)
    Attendee.objects.create(
        session=first,
        guest_name="Hanneke Smit",
        guest_organisation="Dorpsraad Oldenmere",
        guest_role="voorzitter",
        # She came in after the opening: the demo shows a derde who aangeschoven is.
        attendance=AttendanceStatus.TE_LAAT,
    )
    Preparation.objects.create(
        session=first,
        author=coordinator,
        what_happened=(
            "Pamfletten, een spandoek bij de school en een online oproep met dreigende taal."
        ),
        state_of_unrest="Onrustig: veel zorgen, een kleine groep verhardt.",
        signals_received="Zes signalen van wijkagent, jongerenwerk en de school.",
        what_may_happen="Protest bij de informatieavond; mogelijk intimidatie van raadsleden.",
        seriousness="Serieus, urgent vóór de informatieavond.",
        advice_convene="Kernteam bijeenroepen, dorpsraad uitnodigen.",
        information_needed=(
            "Wat weet de politie van de online groepen? Wat zegt het COA over de planning?"
        ),
        updated_at=_at(-11, 16),
    )
    Preparation.objects.create(
        session=first,
        author=users["kernteamlid"],
        what_happened="Jongeren praten op straat veel over het azc, soms met harde woorden.",
        state_of_unrest="Meer spanning dan normaal, vooral 's avonds rond het dorpsplein.",
        what_may_happen="Confrontaties als de eerste bewoners komen.",
        seriousness="Zorgelijk, nog niet acuut.",
        other_actions="Extra jongerenwerk in de avonduren.",
        updated_at=_at(-11, 20),
    )
    follow_up = Session.objects.create(
        case=case,
        kind=SessionKind.VERVOLG,
        starts_at=_at(3, 19, 30),
        location="Dorpshuis Oldenmere, zaal 1",
        chair=chair,
        secretary=coordinator,
        agenda=(
            "Besluitenlijst vaststellen; nieuwe signalen; stand van de acties; "
            "communicatie rond de informatieavond."
        ),
        convened_by=chair,
        convened_at=_at(-10, 21, 40),
    )
    _attend(follow_up, members, attendance=AttendanceStatus.NIET_VASTGELEGD)
    Attendee.objects.create(
        session=follow_up,
        guest_name="Hanneke Smit",
        guest_organisation="Dorpsraad Oldenmere",
        guest_role="voorzitter",
    )


def _seed_confidential_case(users) -> None:
    """A besloten case (need-to-know): the coördinator who opened it, the burgemeester and
    the coördinators see it; the rest of the kernteam does not."""
    coordinator = users["coordinator"]
    case = Case.objects.create(
        title=CONFIDENTIAL_CASE,
        description=(
            "Sinds het raadsdebat over de opvanglocatie krijgt een raadslid uit Oldenmere "
            "dreigende berichten, thuis en online. Besloten: alleen wie het moet weten, tot "
            "de politie en de burgemeester anders besluiten."
        ),
        phase=Phase.DREIGENDE_ONRUST,
        is_confidential=True,
        opened_by=coordinator,
        opened_at=_at(-2, 16),
    )
    case.areas.set([Area.objects.get(name="Oldenmere")])
    PhaseChange.objects.create(
        case=case,
        from_phase="",
        to_phase=Phase.DREIGENDE_ONRUST,
        reason="Casus geopend",
        changed_by=coordinator,
        changed_at=_at(-2, 16),
    )


def _seed_exercise(users) -> None:
    chair, coordinator = users["voorzitter"], users["coordinator"]
    brammelo = Area.objects.get(name="Brammelo")
    case = Case.objects.create(
        title=EXERCISE_CASE,
        description="Oefencasus voor het kernteam: een gefingeerd incident bij de sporthal.",
        phase=Phase.TERUGKEER,
        status=CaseStatus.CLOSED,
        is_exercise=True,
        opened_by=coordinator,
        opened_at=_at(-60, 10),
        closed_at=_at(-45, 12),
        evaluation=(
            "Wat werkte: de snelle eerste bijeenkomst en de heldere woordvoering door de "
            "burgemeester. Knelpunt: de informatie van de sportvereniging kwam laat binnen. "
            "Verbeterafspraak: contactpersonen van verenigingen staan voortaan op de netwerkkaart."
        ),
    )
    case.areas.set([brammelo])
    case.themes.set(Theme.objects.filter(name="Jongerenoverlast"))
    for from_phase, to_phase, days, reason in [
        ("", Phase.ONRUST, -60, "Casus geopend"),
        (Phase.ONRUST, Phase.TERUGKEER, -45, "Laatste bijeenkomst: rust keert terug."),
    ]:
        PhaseChange.objects.create(
            case=case,
            from_phase=from_phase,
            to_phase=to_phase,
            reason=reason,
            changed_by=chair,
            changed_at=_at(days, 12),
        )
    members = [users[name] for name in ("voorzitter", "coordinator", "kernteamlid")]
    for kind, days in [(SessionKind.EERSTE, -59), (SessionKind.LAATSTE, -45)]:
        session = Session.objects.create(
            case=case,
            kind=kind,
            starts_at=_at(days, 10),
            location="Gemeentehuis, kamer 2",
            chair=chair,
            secretary=coordinator,
            status=SessionStatus.AFGEROND,
            convened_by=coordinator,
            convened_at=_at(days - 1, 9),
            started_at=_at(days, 10),
            finished_at=_at(days, 11, 30),
        )
        _attend(session, members)
