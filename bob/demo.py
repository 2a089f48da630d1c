"""Demo BOB records for the sessions that kernteam/demo.py created: the werkprotocol of
the first asielopvang session filled in, information requests, scenarios, a concept
besluitenlijst (to be adopted at the planned follow-up), actions in every state, and the
adopted lists of the closed exercise. Written directly (the story lies in the past);
idempotent: nothing happens when the first session already has step records."""

from datetime import timedelta

from django.utils import timezone

from kernteam.demo import AZC_CASE, EXERCISE_CASE
from kernteam.models import Case
from kernteam.workflow import SessionKind
from samos.accounts.models import User

from .documents import decision_list_freeze
from .models import (
    Action,
    ActionUpdate,
    CaseDossier,
    Decision,
    DecisionList,
    InformationRequest,
    Scenario,
    StepRecord,
)
from .services.case_documents import decision_list_file
from .services.dossier_requests import dossier_render
from .workflow import ActionStatus, DecisionListStatus, InformationRequestStatus, Stage

FIRST_SESSION_STEPS = {
    "motivering": {
        "aanleiding": "Aankondiging van de opvang voor 150 asielzoekers aan de Dorpsstraat.",
        "incident": "Geen incident; wel een reeks: pamfletten, spandoek, bekladding dorpshuis.",
        "verwachte_onrust": "Protest bij de informatieavond, intimidatie van raadsleden online.",
        "andere_leden": "Jongerenwerk hoort harde woorden op straat; de school krijgt vragen.",
    },
    "informatie": {"toelichting": "Politie en COA leveren vóór de vervolgbijeenkomst aan."},
    "inschatting": {
        "ernst": "2",
        "ernst_toelichting": "Nog geen geweld; wel dreigende taal.",
        "omvang": "3",
        "omvang_toelichting": "Het hele dorp praat erover.",
        "aard": "2",
        "tijd": "2",
        "tijd_toelichting": "De informatieavond is over twee weken.",
    },
    "directe_stappen": {
        "directe_stappen": "Jongerenwerk extra 's avonds; burgemeester belt dorpsraad."
    },
    "onderbreking": {},
    "beeldvorming": {
        "wat_gebeurd": "Aankondiging opvang; sindsdien wekelijks meer signalen van onvrede.",
        "voorgeschiedenis": "In 2016 was er in Oldenmere ook verzet tegen noodopvang.",
        "uitingen": "Pamfletten, spandoek, bekladding, online oproepen.",
    },
    "oordeelsvorming": {
        "wat_nog": "Protest bij de informatieavond; spanning als de eerste bewoners komen.",
        "verwachte_uitingen": "Demonstratie, intimidatie online, mogelijk vernielingen.",
        "groepen": "Omwonenden, ouders van de school, een kleine groep van buiten het dorp.",
    },
    "besluitvorming": {
        "samos_verder": "ja",
        "samos_toelichting": "SAMOS blijft actief tot na de opening.",
        "uitbreiding": "Dorpsraad en school schuiven aan bij de vervolgbijeenkomst.",
    },
    # The plan itself (goals, target groups, spokesperson, timing) is the communicatie
    # app's demo: the runner wrote it into the case's communication plan.
    "communicatie": {
        "afspraken": "Raadsinformatiebrief deze week; de burgemeester belt de dorpsraad vooraf.",
    },
    "vervolg": {"tussentijds": "Coördinator mailt de stand van de acties op vrijdag."},
}


def _at(days, hour, minute=0):
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def seed_bob(stdout=None) -> None:
    case = Case.objects.filter(title=AZC_CASE).first()
    if case is None:
        return
    first = case.sessions.filter(kind=SessionKind.EERSTE).first()
    if first is None or StepRecord.objects.filter(session=first).exists():
        return
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["voorzitter", "coordinator", "kernteamlid", "burgemeester"]
        )
    }
    chair, coordinator, member, mayor = (
        users[n] for n in ("voorzitter", "coordinator", "kernteamlid", "burgemeester")
    )
    for step, data in FIRST_SESSION_STEPS.items():
        StepRecord.objects.create(
            session=first,
            step=step,
            data=data,
            updated_by=coordinator,
            updated_at=first.finished_at,
        )

    InformationRequest.objects.create(
        case=case,
        session=first,
        question="Planning en samenstelling van de eerste bewoners",
        source="COA, locatiemanager",
        requested_by=coordinator,
        deadline=_at(-5, 17),
        status=InformationRequestStatus.ONTVANGEN,
        answer="Eerste 40 bewoners over zes weken, vooral gezinnen.",
        answered_at=_at(-6, 11),
        created_by=coordinator,
        created_at=first.starts_at,
    )
    InformationRequest.objects.create(
        case=case,
        session=first,
        question="Welke online groepen roepen op tot protest?",
        source="Politie, wijkagent en intelligence",
        requested_by=member,
        deadline=_at(2, 17),
        created_by=coordinator,
        created_at=first.starts_at,
    )
    for condition, consequence, likelihood, impact in [
        (
            "de informatieavond uit de hand loopt",
            "volgt een demonstratie bij het gemeentehuis",
            "reeel",
            "aanzienlijk",
        ),
        (
            "groepen van buiten het dorp zich mengen",
            "kan het protest verharden tot intimidatie",
            "klein",
            "ernstig",
        ),
    ]:
        Scenario.objects.create(
            case=case,
            session=first,
            condition=condition,
            consequence=consequence,
            likelihood=likelihood,
            impact=impact,
            created_by=coordinator,
            created_at=first.starts_at,
        )

    decision_list = DecisionList.objects.create(session=first)  # concept: adopted at the follow-up
    decisions = {}
    for number, (stage, text) in enumerate(
        [
            (
                Stage.BEELDVORMING,
                "Het beeld: oplopende onvrede in Oldenmere, vooral online en rond de school.",
            ),
            (
                Stage.OORDEELSVORMING,
                "De casus staat in de fase dreigende onrust; scenario informatieavond is reëel.",
            ),
            (
                Stage.BESLUITVORMING,
                "SAMOS blijft actief; dorpsraad en school komen bij de vervolgbijeenkomst.",
            ),
            (
                Stage.BESLUITVORMING,
                "Er komt een informatieavond met het COA; de burgemeester is woordvoerder.",
            ),
            (Stage.AFSPRAAK, "Vervolgbijeenkomst over twee weken in het dorpshuis."),
        ],
        start=1,
    ):
        decisions[number] = Decision.objects.create(
            decision_list=decision_list,
            number=number,
            stage=stage,
            text=text,
            created_by=coordinator,
            created_at=first.starts_at,
        )
    decisions[1].signals.set(case.signals.all()[:3])

    today = timezone.localdate()
    plan = [
        (
            "Informatieavond met COA en dorpsraad",
            ActionStatus.UITGEVOERD,
            mayor,
            "",
            None,
            -2,
            "Inwoners kennen de feiten en weten waar ze met vragen terecht kunnen.",
        ),
        (
            "Extra jongerenwerk in de avonduren",
            ActionStatus.IN_UITVOERING,
            member,
            "",
            None,
            10,
            "Minder spanning rond het dorpsplein in de avond.",
        ),
        (
            # Overdue on purpose: the kernteamlid's start page shows it under "Mijn werk".
            "Jongeren op het dorpsplein uitnodigen voor een gesprek",
            ActionStatus.OPEN,
            member,
            "",
            None,
            -1,
            "De jongeren weten waar ze met hun zorgen over het azc terecht kunnen.",
        ),
        (
            "Online oproepen volgen en duiden",
            ActionStatus.OPEN,
            None,
            "Politie basisteam Rade-Oost",
            coordinator,
            3,
            "Tijdig zicht op plannen voor protest of intimidatie.",
        ),
        (
            "Gesprek met de ondernemersvereniging",
            ActionStatus.OPEN,
            chair,
            "",
            None,
            -2,
            "Ondernemers dragen de feiten uit in plaats van geruchten.",
        ),
        (
            "Bewonersbrief over de plannen",
            ActionStatus.VERVALLEN,
            coordinator,
            "",
            None,
            -4,
            "Alle huishoudens kennen de plannen.",
        ),
    ]
    for title, status, executor, third_party, arranged_by, due_in, result in plan:
        action = Action.objects.create(
            case=case,
            session=first,
            decision=decisions[4],
            title=title,
            intended_result=result,
            due_date=today + timedelta(days=due_in),
            activity=title,
            executor=executor,
            third_party=third_party,
            arranged_by=arranged_by,
            coordinator=coordinator,
            report_back_on=today + timedelta(days=3),
            status=status,
            created_by=coordinator,
            created_at=first.starts_at,
            judged_result="Goed bezocht, 120 inwoners; vragen beantwoord."
            if status == ActionStatus.UITGEVOERD
            else "",
            judgement="zichtbaar" if status == ActionStatus.UITGEVOERD else "",
            closed_at=_at(-2, 22)
            if status in (ActionStatus.UITGEVOERD, ActionStatus.VERVALLEN)
            else None,
        )
        if status != ActionStatus.OPEN:
            ActionUpdate.objects.create(
                action=action,
                from_status=ActionStatus.OPEN,
                to_status=status,
                author=coordinator,
                note={
                    ActionStatus.UITGEVOERD: "Avond gehouden; rustig verlopen.",
                    ActionStatus.IN_UITVOERING: "Twee extra avonden per week vanaf maandag.",
                    ActionStatus.VERVALLEN: "Vervangen door de informatieavond.",
                }[status],
                created_at=_at(-3, 12),
            )
    _seed_exercise_lists(chair, coordinator)
    if stdout:
        stdout.write("Besluitenlijsten en acties geladen.")


def _seed_exercise_lists(chair, coordinator) -> None:
    case = Case.objects.filter(title=EXERCISE_CASE).first()
    if case is None:
        return
    texts = {
        SessionKind.EERSTE: [
            (
                Stage.BEELDVORMING,
                "Het beeld: onrust onder jongeren na het incident bij de sporthal.",
            ),
            (Stage.BESLUITVORMING, "Jongerenwerk en politie lopen samen op in de avonduren."),
        ],
        SessionKind.LAATSTE: [
            (Stage.OORDEELSVORMING, "De acties hebben gewerkt; de rust is teruggekeerd."),
            (Stage.BESLUITVORMING, "Terug naar de normale situatie; casus gesloten met evaluatie."),
        ],
    }
    for session in case.sessions.order_by("starts_at"):
        decision_list = DecisionList.objects.create(session=session)
        for number, (stage, text) in enumerate(texts[session.kind], start=1):
            Decision.objects.create(
                decision_list=decision_list,
                number=number,
                stage=stage,
                text=text,
                created_by=coordinator,
                created_at=session.starts_at,
            )
        frozen = decision_list_freeze(
            session=session, adopted_at=session.finished_at, adopted_by=chair
        )
        DecisionList.objects.filter(pk=decision_list.pk).update(
            status=DecisionListStatus.VASTGESTELD,
            adopted_at=session.finished_at,
            adopted_by=chair,
            **frozen,
        )
        decision_list_file(DecisionList.objects.get(pk=decision_list.pk))
    # The closed exercise has its closing dossier, made when it closed (no task: the
    # seeder runs in one process, and the story lies in the past).
    dossier = CaseDossier.objects.create(
        case=case, interim=False, requested_at=case.closed_at or timezone.now()
    )
    dossier_render(dossier_id=dossier.pk, at=case.closed_at)
