"""Demo hand-over for Gemeente Voorbeeldrade: the windpark case of Brammelo, three
months ago. The signals of the windpark rose around its information evening
(signals/demo_story.py); the kernteam met, the evening got out of hand, the next morning
the kernteam set the phase to escalatie and the burgemeester handed the case over to the
regional crisis organisation. Four days later it came back to SAMOS ("terug naar
SAMOS"), the phase went down to terugkeer naar rust, and a last session closed the case
with its evaluation.

Written directly, like the other demo seeders (the story lies in the past), and in story
order: the situation picture is frozen from what the kernteam had recorded by the moment
of the hand-over, while the case was in escalatie. Every moment lies in the past; nothing
is linked or cited before it was logged, nothing handed over before the escalation, nothing
returned before the hand-over. Runs after the other seeders; idempotent."""

from datetime import timedelta

from django.utils import timezone

from bob.documents import decision_list_freeze
from bob.models import Action, ActionUpdate, Decision, DecisionList, Scenario, StepRecord
from bob.services.case_documents import decision_list_file
from bob.workflow import ActionStatus, DecisionListStatus, Stage
from kernteam.models import Attendee, Case, CaseSignal, PhaseChange, Session
from kernteam.workflow import AttendanceStatus, CaseStatus, Phase, SessionKind, SessionStatus
from samos.accounts.models import User
from signals.models import Area, Signal, Theme
from signals.workflow import SignalStatus

from .documents import situation_snapshot
from .models import Handover, HandoverReturn
from .workflow import Recipient

WINDPARK_CASE = "Onrust rond het windpark bij Brammelo"
WIND_THEME = "Windmolens en energie"
PEOPLE = ("voorzitter", "coordinator", "kernteamlid", "burgemeester")


def _at(days: int, hour: int, minute: int = 0):
    """A local moment DAYS from today (negative: in the past) at HOUR:MINUTE."""
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


# The story's moments, oldest first, as (days, hour, minute) from the seeding day: they
# are made when the seeder runs, not when this module loads.
MOMENTS = {
    "opened": (-97, 10, 0),
    "first_start": (-96, 19, 30),
    "first_phase": (-96, 21, 0),
    "first_end": (-96, 21, 45),
    "evening_security": (-92, 17, 0),
    "follow_up_start": (-91, 8, 30),
    "escalatie": (-91, 9, 40),
    "follow_up_end": (-91, 10, 30),
    "handed_over": (-91, 11, 0),
    "letter_sent": (-90, 16, 0),
    "returned": (-87, 15, 0),
    "return_recorded": (-87, 15, 30),
    "terugkeer": (-87, 16, 0),
    "talk_held": (-84, 20, 0),
    "last_start": (-83, 19, 30),
    "last_end": (-83, 21, 0),
    "closed": (-83, 21, 15),
}


def moment(name: str):
    return _at(*MOMENTS[name])


def seed_handover(stdout=None) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=PEOPLE)}
    brammelo = Area.objects.filter(name="Brammelo").first()
    if len(users) < len(PEOPLE) or brammelo is None:
        return
    if Case.objects.filter(title=WINDPARK_CASE).exists():
        return
    coordinator, mayor = users["coordinator"], users["burgemeester"]
    areas = [brammelo, *brammelo.children.all()]
    case = _open_case(coordinator, brammelo)
    first = _first_session(case, users, areas)
    follow_up = _follow_up(case, users, areas, first)
    handover = Handover.objects.create(
        case=case,
        recipient=Recipient.CRISISORGANISATIE,
        handed_over_at=moment("handed_over"),
        handed_over_by=mayor,
        scope=(
            "De regie over de openbare orde rond de bouwplaats van het windpark en de "
            "aangekondigde blokkade van de toegangsweg, met de crisiscommunicatie. De "
            "gesprekken met de bewonersgroep blijven bij het kernteam."
        ),
        contact_name="M. Verbeek, operationeel leider veiligheidsregio",
        contact_details="088 246 80 00",
        # What the kernteam had recorded by now, while the case is in escalatie.
        snapshot=situation_snapshot(case=case, at=moment("handed_over")),
        created_at=moment("handed_over"),
    )
    _letter_sent(case, coordinator)
    HandoverReturn.objects.create(
        handover=handover,
        returned_at=moment("returned"),
        returned_by="M. Verbeek, operationeel leider veiligheidsregio",
        what_comes_back=(
            "De blokkade is zonder incidenten beëindigd en de veiligheidsregio schaalt af. "
            "Terug bij het kernteam: de nazorg in Brammelo, het gesprek met de bewonersgroep "
            "en het volgen van de online uitingen tegen de wethouder."
        ),
        recorded_by=coordinator,
        recorded_at=moment("return_recorded"),
    )
    _set_phase(
        case,
        Phase.ESCALATIE,
        Phase.TERUGKEER,
        "Terug naar SAMOS: de veiligheidsregio heeft afgeschaald; het kernteam doet de nazorg.",
        users["voorzitter"],
        "terugkeer",
    )
    _last_session(case, users, first, follow_up)
    if stdout:
        stdout.write("Overdracht aan crisisbeheersing (windpark Brammelo) geladen.")


def _open_case(coordinator, brammelo) -> Case:
    case = Case.objects.create(
        title=WINDPARK_CASE,
        description=(
            "Rond de informatieavond over het windpark bij Brammelo liep de onvrede op: "
            "handtekeningenacties, spandoeken langs de dijk en online aanvallen op de "
            "wethouder. Na de avond werden ruiten van het dorpshuis ingegooid en werd een "
            "blokkade van de bouwplaats aangekondigd."
        ),
        phase=Phase.DREIGENDE_ONRUST,
        opened_by=coordinator,
        opened_at=moment("opened"),
    )
    case.areas.set([brammelo])
    case.themes.set(Theme.objects.filter(name__in=[WIND_THEME, "Polarisatie en online"]))
    PhaseChange.objects.create(
        case=case,
        from_phase="",
        to_phase=Phase.DREIGENDE_ONRUST,
        reason="Casus geopend",
        changed_by=coordinator,
        changed_at=moment("opened"),
    )
    return case


def _set_phase(case, from_phase, to_phase, reason, user, when) -> None:
    PhaseChange.objects.create(
        case=case,
        from_phase=from_phase,
        to_phase=to_phase,
        reason=reason,
        changed_by=user,
        changed_at=moment(when),
    )
    Case.objects.filter(pk=case.pk).update(phase=to_phase)
    case.phase = to_phase


def _link_signals(case, areas, user, *, at, limit) -> list[Signal]:
    """The newest windpark signals logged before AT, linked at AT (never later ones)."""
    signals = list(
        Signal.objects.filter(
            area__in=areas, themes__name=WIND_THEME, is_exercise=False, created_at__lte=at
        )
        .exclude(status=SignalStatus.GEARCHIVEERD)
        .exclude(cases=case)
        .order_by("-created_at")[:limit]
    )
    for signal in signals:
        CaseSignal.objects.create(case=case, signal=signal, linked_by=user, linked_at=at)
        if signal.status != SignalStatus.GEKOPPELD:
            signal.status = SignalStatus.GEKOPPELD
            signal.save(update_fields=["status"])
    return signals


def _session(case, users, kind, start, end, location, agenda, convened) -> Session:
    chair, coordinator = users["voorzitter"], users["coordinator"]
    session = Session.objects.create(
        case=case,
        kind=kind,
        starts_at=moment(start),
        location=location,
        chair=chair,
        secretary=coordinator,
        agenda=agenda,
        status=SessionStatus.AFGEROND,
        current_step="vervolg" if kind != SessionKind.LAATSTE else "afsluiting",
        convened_by=coordinator,
        convened_at=convened,
        started_at=moment(start),
        finished_at=moment(end),
    )
    for name in PEOPLE:
        Attendee.objects.create(
            session=session,
            user=users[name],
            attendance=AttendanceStatus.AANWEZIG,
            invitation_sent_at=convened,
        )
    return session


def _steps(session, user, steps: dict) -> None:
    for step, data in steps.items():
        StepRecord.objects.create(
            session=session, step=step, data=data, updated_by=user, updated_at=session.finished_at
        )


def _decisions(session, user, texts) -> list[Decision]:
    decision_list = DecisionList.objects.create(session=session)
    return [
        Decision.objects.create(
            decision_list=decision_list,
            number=number,
            stage=stage,
            text=text,
            created_by=user,
            created_at=session.finished_at,
        )
        for number, (stage, text) in enumerate(texts, start=1)
    ]


def _adopt(session, chair, *, at, adopted_in=None) -> None:
    """Adopt SESSION's list AT (in the next session, or at the last one's end)."""
    decision_list = DecisionList.objects.get(session=session)
    frozen = decision_list_freeze(
        session=session, adopted_at=at, adopted_by=chair, adopted_in=adopted_in
    )
    DecisionList.objects.filter(pk=decision_list.pk).update(
        status=DecisionListStatus.VASTGESTELD,
        adopted_at=at,
        adopted_by=chair,
        adopted_in=adopted_in,
        **frozen,
    )
    decision_list_file(DecisionList.objects.get(pk=decision_list.pk))


def _first_session(case, users, areas) -> Session:
    chair, coordinator, member = users["voorzitter"], users["coordinator"], users["kernteamlid"]
    signals = _link_signals(case, areas, coordinator, at=moment("opened"), limit=5)
    first = _session(
        case,
        users,
        SessionKind.EERSTE,
        "first_start",
        "first_end",
        "Gemeentehuis Voorbeeldrade, raadszaal",
        "Beeld van de onvrede over het windpark; de informatieavond; eerste acties.",
        moment("opened") + timedelta(minutes=30),
    )
    _steps(
        first,
        coordinator,
        {
            "motivering": {
                "aanleiding": "De informatieavond over het windpark is over vier dagen.",
                "incident": "Geen incident; wel handtekeningenacties en spandoeken.",
                "verwachte_onrust": "Protest op de informatieavond; aanvallen op de wethouder.",
                "andere_leden": "Het jongerenwerk hoort dat jongeren 'iets gaan doen'.",
            },
            "inschatting": {
                "ernst": "2",
                "ernst_toelichting": "Nog geen geweld; wel persoonlijke aanvallen online.",
                "omvang": "2",
                "aard": "2",
                "tijd": "2",
                "tijd_toelichting": "De informatieavond is over vier dagen.",
            },
            "beeldvorming": {
                "wat_gebeurd": (
                    "Sinds de keuze voor de locatie bij de dijk groeit het verzet: "
                    "handtekeningen, spandoeken en persoonlijke aanvallen op de wethouder."
                ),
                "voorgeschiedenis": "Eerdere plannen voor molens bij Brammelo stuitten op verzet.",
                "uitingen": "Spandoeken, een petitie, scheldpartijen online.",
            },
            "oordeelsvorming": {
                "wat_nog": "Als de informatieavond uit de hand loopt, dan volgen acties bij de "
                "bouwplaats.",
                "verwachte_uitingen": "Verstoring van de avond, intimidatie van de wethouder.",
                "groepen": "Omwonenden bij de dijk, een actiegroep, enkele jongeren.",
            },
            "besluitvorming": {
                "samos_verder": "ja",
                "samos_toelichting": "SAMOS blijft actief tot na de informatieavond.",
            },
        },
    )
    Scenario.objects.create(
        case=case,
        session=first,
        condition="de informatieavond uit de hand loopt",
        consequence="volgen acties bij de bouwplaats van het windpark",
        likelihood="reeel",
        impact="ernstig",
        created_by=coordinator,
        created_at=first.starts_at,
    )
    _set_phase(
        case,
        Phase.DREIGENDE_ONRUST,
        Phase.ONRUST,
        "Oordeelsvorming eerste bijeenkomst: petitie, spandoeken en aanvallen op de wethouder.",
        chair,
        "first_phase",
    )
    decisions = _decisions(
        first,
        coordinator,
        [
            (Stage.BEELDVORMING, "Het beeld: groeiend verzet tegen het windpark, ook online."),
            (Stage.BESLUITVORMING, "De informatieavond gaat door, met extra beveiliging."),
            (Stage.AFSPRAAK, "Het kernteam komt na de informatieavond opnieuw bijeen."),
        ],
    )
    decisions[0].signals.set(signals[:3])
    today = timezone.localdate()
    for title, executor, third_party, due, result in [
        (
            "Beveiliging van de informatieavond afstemmen",
            chair,
            "",
            -92,
            "De avond verloopt ordelijk; er is politie in de buurt.",
        ),
        (
            "Gesprek met de bewonersgroep Tegenwind",
            member,
            "",
            -84,
            "De bewonersgroep weet waar ze met haar bezwaren terecht kan.",
        ),
        (
            "Online uitingen tegen de wethouder volgen",
            None,
            "Politie basisteam Rade-Oost",
            -83,
            "Tijdig zicht op bedreiging van de wethouder.",
        ),
    ]:
        Action.objects.create(
            case=case,
            session=first,
            decision=decisions[1],
            title=title,
            intended_result=result,
            due_date=today + timedelta(days=due),
            activity=title,
            executor=executor,
            third_party=third_party,
            arranged_by=coordinator if third_party else None,
            coordinator=coordinator,
            status=ActionStatus.OPEN,
            created_by=coordinator,
            created_at=first.finished_at,
        )
    _close_action(
        case,
        "Beveiliging van de informatieavond afstemmen",
        coordinator,
        "Afgestemd met politie en beveiliging; twee agenten bij de ingang.",
        "Afspraken gemaakt; de avond zelf liep toch uit de hand.",
        "deels",
        "evening_security",
    )
    return first


def _close_action(case, title, user, note, judged, judgement, when, session=None, signals=()):
    action = Action.objects.get(case=case, title=title)
    update = ActionUpdate.objects.create(
        action=action,
        session=session,
        from_status=action.status,
        to_status=ActionStatus.UITGEVOERD,
        note=note,
        result_visible=judgement,
        author=user,
        created_at=moment(when),
    )
    if signals:
        update.signals.set(signals)
    Action.objects.filter(pk=action.pk).update(
        status=ActionStatus.UITGEVOERD,
        judged_result=judged,
        judgement=judgement,
        closed_at=moment(when),
        version=action.version + 1,
    )


def _follow_up(case, users, areas, first) -> Session:
    """The morning after the information evening: the kernteam sets the phase to
    escalatie; the burgemeester hands over right after the session."""
    chair, coordinator = users["voorzitter"], users["coordinator"]
    new = _link_signals(case, areas, coordinator, at=moment("follow_up_start"), limit=4)
    follow_up = _session(
        case,
        users,
        SessionKind.VERVOLG,
        "follow_up_start",
        "follow_up_end",
        "Gemeentehuis Voorbeeldrade, kamer van de burgemeester",
        "Wat gebeurde er op de informatieavond; de aangekondigde blokkade; opschalen?",
        moment("follow_up_start") - timedelta(hours=10),
    )
    _adopt(first, chair, at=moment("follow_up_start"), adopted_in=follow_up)
    _steps(
        follow_up,
        coordinator,
        {
            "nieuw": {
                "beeld": (
                    "Op de informatieavond werd de wethouder belaagd en na afloop zijn ruiten "
                    "van het dorpshuis ingegooid. Online wordt opgeroepen om zaterdag de "
                    "toegangsweg naar de bouwplaats te blokkeren."
                )
            },
            "inschatting": {
                "ernst": "3",
                "ernst_toelichting": "Vernielingen en intimidatie; een blokkade is aangekondigd.",
                "omvang": "3",
                "aard": "4",
                "tijd": "2",
                "tijd_toelichting": "De blokkade is over twee dagen.",
            },
        },
    )
    _set_phase(
        case,
        Phase.ONRUST,
        Phase.ESCALATIE,
        "Na de informatieavond: ruiten ingegooid, de wethouder belaagd; een blokkade van de "
        "bouwplaats is aangekondigd.",
        chair,
        "escalatie",
    )
    decisions = _decisions(
        follow_up,
        coordinator,
        [
            (
                Stage.BEELDVORMING,
                "Het beeld: vernielingen en intimidatie na de informatieavond.",
            ),
            (
                Stage.BESLUITVORMING,
                "De burgemeester draagt de openbare orde over aan de veiligheidsregio.",
            ),
            (Stage.BESLUITVORMING, "Een bewonersbrief legt uit wat er rond de bouwplaats gebeurt."),
        ],
    )
    decisions[0].signals.set(new[:3])
    Action.objects.create(
        case=case,
        session=follow_up,
        decision=decisions[2],
        title="Bewonersbrief over de blokkade en de bouwplaats",
        intended_result="Omwonenden weten wat er gebeurt en waar ze terecht kunnen.",
        due_date=timezone.localdate() + timedelta(days=-90),
        activity="Brief aan alle huishoudens langs de dijk.",
        executor=coordinator,
        coordinator=coordinator,
        status=ActionStatus.OPEN,
        created_by=coordinator,
        created_at=follow_up.finished_at,
    )
    return follow_up


def _letter_sent(case, coordinator) -> None:
    _close_action(
        case,
        "Bewonersbrief over de blokkade en de bouwplaats",
        coordinator,
        "De brief is huis aan huis bezorgd.",
        "Bezorgd bij 420 huishoudens; minder telefoontjes bij de gemeente.",
        "zichtbaar",
        "letter_sent",
    )


def _last_session(case, users, first, follow_up) -> None:
    chair, coordinator, member = users["voorzitter"], users["coordinator"], users["kernteamlid"]
    _close_action(
        case,
        "Gesprek met de bewonersgroep Tegenwind",
        member,
        "Gesprek gevoerd met zes leden van de bewonersgroep en de wethouder.",
        "De bewonersgroep praat mee over de inpassing; geen nieuwe acties aangekondigd.",
        "zichtbaar",
        "talk_held",
    )
    last = _session(
        case,
        users,
        SessionKind.LAATSTE,
        "last_start",
        "last_end",
        "Dorpshuis Brammelo",
        "Besluitenlijst vaststellen; terugblik; casus afsluiten.",
        moment("terugkeer"),
    )
    _adopt(follow_up, chair, at=moment("last_start"), adopted_in=last)
    _close_action(
        case,
        "Online uitingen tegen de wethouder volgen",
        coordinator,
        "De politie ziet geen nieuwe bedreigingen meer.",
        "De aanvallen online zijn gestopt; de wethouder voelt zich weer veilig.",
        "zichtbaar",
        "last_start",
        session=last,
    )
    _steps(
        last,
        coordinator,
        {
            "feiten": {
                "aanleiding": "Verzet tegen het windpark, dat na de informatieavond escaleerde.",
                "acties": "Beveiliging, bewonersbrief, gesprek met de bewonersgroep.",
                "resultaten": "Na de overdracht en de teruggave aan SAMOS keerde de rust terug.",
            },
            "oordeel": {
                "werkte_het": "De snelle overdracht aan de veiligheidsregio werkte.",
                "knelpunten": "De beveiliging van de informatieavond was te licht.",
                "samenwerking": "Kernteam en veiligheidsregio wisselden het situatiebeeld vlot.",
            },
            "afsluiting": {
                "terug_naar_normaal": "ja",
                "verbeterafspraken": "Bij beladen informatieavonden vooraf een scenario maken.",
            },
        },
    )
    _decisions(
        last,
        coordinator,
        [
            (Stage.OORDEELSVORMING, "De rust in Brammelo is teruggekeerd."),
            (Stage.BESLUITVORMING, "De casus wordt gesloten met de evaluatie."),
        ],
    )
    _adopt(last, chair, at=moment("last_end"))
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED,
        closed_at=moment("closed"),
        evaluation=(
            "Wat werkte: de snelle overdracht aan de veiligheidsregio met een situatiebeeld "
            "van één pagina, en de teruggave aan SAMOS met heldere afspraken over de nazorg. "
            "Knelpunt: de beveiliging van de informatieavond was te licht. Verbeterafspraak: "
            "bij beladen informatieavonden maakt het kernteam vooraf een scenario."
        ),
    )
