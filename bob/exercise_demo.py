"""Demo exercise of the besluitvorming form (Handreiking: "beeld- en oordeelsvorming
vooraf gegeven"): a facilitator prepared fictitious signals, a given beeld and oordeel
and three injects; the exercise session was held last week, the injects came in during
it, and its evaluation is still to be written. The closed demo exercise of kernteam/demo.py
gets its form and its own evaluation too.

Written directly, like the other demo seeders (the story lies in the past); runs after
bob's demo and is idempotent. Every moment lies in the past and in story order: the
fictitious observations before they were prepared, the preparation before the session,
each inject inside the session."""

from datetime import timedelta

from django.utils import timezone

from kernteam.demo import EXERCISE_CASE
from kernteam.models import (
    Attendee,
    Case,
    CaseSignal,
    Exercise,
    ExerciseForm,
    ExerciseInject,
    PhaseChange,
    Session,
)
from kernteam.workflow import AttendanceStatus, Phase, SessionKind, SessionStatus
from samos.accounts.models import User
from signals.models import Area, Signal, SourceKind, Theme
from signals.workflow import SignalStatus

from .models import Decision, DecisionList, StepRecord
from .workflow import Stage

DEMO_EXERCISE = "Oefening: besluitvorming bij een aangekondigde trekkerblokkade in Kleidijk"

GIVEN = {
    "beeld_wat_gebeurd": (
        "Via een appgroep van boeren uit Kleidijk is een blokkade van de provinciale weg "
        "aangekondigd, uit protest tegen de uitkoopregeling. Op het dorpsplein hangen "
        "spandoeken; een bewoner meldt dat een tegendemonstratie wordt voorbereid."
    ),
    "beeld_voorgeschiedenis": (
        "Twee eerdere informatieavonden over stikstof liepen uit de hand; bij de tweede "
        "werd een wethouder uitgejouwd."
    ),
    "beeld_uitingen": "Spandoeken, harde taal online, een verkeersbord beklad.",
    "oordeel_wat_nog": (
        "Als de blokkade doorgaat op de marktdag, dan botsen boeren en bezoekers; als de "
        "tegendemonstratie komt, dan dreigt een confrontatie op het plein."
    ),
    "oordeel_verwachte_uitingen": "Blokkade, confrontatie op het plein, bedreiging online.",
    "oordeel_groepen": "Boeren uit het buitengebied, marktkooplieden, jongeren uit het dorp.",
}

FICTITIOUS_SIGNALS = [
    # observation, source, hours before the preparation
    (
        "Fictief: in een appgroep wordt opgeroepen om zaterdag met trekkers de N-weg te blokkeren.",
        "Sociale media / online",
        30,
    ),
    (
        "Fictief: op het dorpsplein van Kleidijk hangen drie nieuwe spandoeken tegen de "
        "uitkoopregeling.",
        "Eigen waarneming",
        26,
    ),
    (
        "Fictief: een bewoner vertelt dat jongeren een tegendemonstratie op het plein "
        "voorbereiden.",
        "Bewoner",
        20,
    ),
]

INJECTS = [
    # text, minutes after the start (None: shown by hand), minutes after the start shown
    ("De politie meldt: twintig trekkers staan klaar op een erf aan de Dijkweg.", 0, None),
    ("Een regionale omroep vraagt de burgemeester om een reactie, vóór 17.00 uur.", 25, None),
    ("De marktmeester belt: kooplieden willen weten of de markt zaterdag doorgaat.", None, 50),
]


def _at(days: int, hour: int, minute: int = 0):
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def seed_exercises(stdout=None) -> None:
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["voorzitter", "coordinator", "kernteamlid", "burgemeester"]
        )
    }
    if len(users) < 4:
        return
    _form_for_the_closed_exercise(users)
    if Case.objects.filter(title=DEMO_EXERCISE).exists():
        return
    _seed_besluitvorming_exercise(users)
    if stdout:
        stdout.write("Oefening met injects geladen.")


def _form_for_the_closed_exercise(users) -> None:
    case = Case.objects.filter(title=EXERCISE_CASE).first()
    if case is None or Exercise.objects.filter(case=case).exists():
        return
    Exercise.objects.create(
        case=case,
        form=ExerciseForm.KERNTEAM,
        facilitator=users["coordinator"],
        created_at=case.opened_at,
        evaluation_cooperation=(
            "De snelle eerste bijeenkomst werkte; de burgemeester voerde helder het woord."
        ),
        evaluation_protocol="De informatie van de sportvereniging kwam laat binnen.",
        evaluation_improvements=(
            "Contactpersonen van verenigingen staan voortaan op de netwerkkaart."
        ),
        evaluated_by=users["voorzitter"],
        evaluated_at=case.closed_at,
    )


def _seed_besluitvorming_exercise(users) -> None:
    facilitator = users["coordinator"]
    chair = users["voorzitter"]
    kleidijk = Area.objects.get(name="Kleidijk")
    opened = _at(-12, 9)
    prepared = _at(-12, 10)
    case = Case.objects.create(
        title=DEMO_EXERCISE,
        description=(
            "Oefencasus voor het kernteam. Beeld en oordeel zijn gegeven; de oefening gaat "
            "over de besluiten: activeren we SAMOS, wie doet wat, en wat communiceren we?"
        ),
        phase=Phase.DREIGENDE_ONRUST,
        is_exercise=True,
        opened_by=facilitator,
        opened_at=opened,
    )
    case.areas.set([kleidijk])
    case.themes.set(Theme.objects.filter(name="Landbouw en stikstof"))
    PhaseChange.objects.create(
        case=case,
        from_phase="",
        to_phase=Phase.DREIGENDE_ONRUST,
        reason="Casus geopend",
        changed_by=facilitator,
        changed_at=opened,
    )
    exercise = Exercise.objects.create(
        case=case,
        form=ExerciseForm.BESLUITVORMING,
        facilitator=facilitator,
        created_at=opened,
        **GIVEN,
    )
    theme = Theme.objects.filter(name="Landbouw en stikstof").first()
    signals = []
    for observation, source, hours in FICTITIOUS_SIGNALS:
        signal = Signal.objects.create(
            observation=observation,
            observed_at=prepared - timedelta(hours=hours),
            area=kleidijk,
            source_kind=SourceKind.objects.get(name=source),
            urgency=Signal.Urgency.HOOG,
            author=facilitator,
            organisation_id=facilitator.organisation_id,
            is_exercise=True,
            status=SignalStatus.GEKOPPELD,
            created_at=prepared,
        )
        if theme is not None:
            signal.themes.set([theme])
        CaseSignal.objects.create(
            case=case, signal=signal, linked_by=facilitator, linked_at=prepared
        )
        signals.append(signal)

    starts = _at(-7, 14)
    session = Session.objects.create(
        case=case,
        kind=SessionKind.EERSTE,
        starts_at=starts,
        location="Gemeentehuis, raadzaal",
        chair=chair,
        secretary=users["kernteamlid"],
        agenda="Oefening: besluitvorming bij een aangekondigde blokkade.",
        status=SessionStatus.AFGEROND,
        current_step="besluitvorming",
        convened_by=facilitator,
        convened_at=prepared + timedelta(minutes=30),
        started_at=starts,
        finished_at=starts + timedelta(hours=2),
    )
    for name in ("voorzitter", "kernteamlid", "burgemeester"):
        Attendee.objects.create(
            session=session,
            user=users[name],
            attendance=AttendanceStatus.AANWEZIG,
            invited_at=session.convened_at,
            invitation_sent_at=session.convened_at,
        )
    Attendee.objects.create(
        session=session,
        guest_name="Gerrit Bos",
        guest_organisation="LTO-afdeling Kleidijk",
        guest_role="contactpersoon",
        attendance=AttendanceStatus.AANWEZIG,
        invited_at=session.convened_at,
        invitation_sent_at=session.convened_at,
    )
    for text, offset, released_after in INJECTS:
        ExerciseInject.objects.create(
            exercise=exercise,
            text=text,
            offset_minutes=offset,
            released_at=starts + timedelta(minutes=released_after) if released_after else None,
            created_by=facilitator,
            created_at=prepared + timedelta(minutes=10),
        )
    # The given beeld and oordeel, as the start of the session wrote them into the steps.
    StepRecord.objects.create(
        session=session,
        step="beeldvorming",
        data={
            "wat_gebeurd": GIVEN["beeld_wat_gebeurd"],
            "voorgeschiedenis": GIVEN["beeld_voorgeschiedenis"],
            "uitingen": GIVEN["beeld_uitingen"],
        },
        updated_by=chair,
        updated_at=starts,
    )
    StepRecord.objects.create(
        session=session,
        step="oordeelsvorming",
        data={
            "wat_nog": GIVEN["oordeel_wat_nog"],
            "verwachte_uitingen": GIVEN["oordeel_verwachte_uitingen"],
            "groepen": GIVEN["oordeel_groepen"],
        },
        updated_by=chair,
        updated_at=starts,
    )
    StepRecord.objects.create(
        session=session,
        step="besluitvorming",
        data={
            "samos_verder": "ja",
            "samos_toelichting": "De blokkade raakt het hele dorp; het kernteam blijft aan.",
            "uitbreiding": "De marktmeester schuift aan bij de volgende bijeenkomst.",
        },
        updated_by=users["kernteamlid"],
        updated_at=starts + timedelta(minutes=70),
    )
    decision_list = DecisionList.objects.create(session=session)
    decision = Decision.objects.create(
        decision_list=decision_list,
        number=1,
        stage=Stage.BESLUITVORMING,
        text=(
            "SAMOS blijft actief; de politie spreekt de organisatoren van de blokkade vóór "
            "vrijdag aan, de burgemeester reageert om 16.30 uur op de omroep."
        ),
        created_by=users["kernteamlid"],
        created_at=starts + timedelta(minutes=75),
    )
    decision.signals.set(signals[:1])
