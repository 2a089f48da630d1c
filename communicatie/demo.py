"""Demo data of the communicatie app: the plan and messages of the Oldenmere case.

The story: in the first session (ten days ago) the kernteam set out the plan in the
runner; the next morning the adviser added two target groups, wrote a press release
announcing the information evening that the burgemeester approved and that went out that
afternoon. Yesterday, after the evening, the adviser submitted a letter to the residents
with the answers; it waits for the burgemeester. Nothing lies in the future except the
letter's planned moment (tomorrow morning).
"""

from communicatie.default_lists import add_default_lists
from communicatie.models import (
    ChecklistItem,
    ChecklistTick,
    CommunicationPlan,
    Message,
    MessageKind,
    MessageVersion,
    PlanTargetGroup,
    PlanVersion,
    TargetGroup,
)
from communicatie.services.plan import plan_snapshot
from communicatie.workflow import MessageStatus
from kernteam.demo import AZC_CASE, _at
from kernteam.models import Case
from kernteam.workflow import SessionKind
from samos.accounts.models import User

GOALS = (
    "Inwoners van Oldenmere kennen de feiten over de opvang en weten waar ze met vragen "
    "terechtkunnen.\n"
    "Geruchten online worden binnen een dagdeel rechtgezet.\n"
    "De dorpsraad en de school dragen dezelfde boodschap uit als de gemeente."
)
GROUPS_IN_SESSION = {
    "Bewoners van de kern of wijk": (
        "De gemeente neemt de zorgen serieus. Er komt een informatieavond met het COA; "
        "daar krijgt iedereen antwoord.",
        "Rustig, feitelijk, zonder jargon.",
        "Huis-aan-huisbrief, website, dorpsraad",
        "Vóór de informatieavond",
    ),
    "Media": (
        "Feiten over de planning; de burgemeester is het aanspreekpunt.",
        "Zakelijk en open.",
        "Persbericht, woordvoering",
        "De dag na de eerste bijeenkomst",
    ),
    "Partners": (
        "Politie, school en dorpsraad horen het besluit vóór de pers.",
        "Collegiaal.",
        "Telefoon en e-mail",
        "Direct na de bijeenkomst",
    ),
}
GROUPS_ADDED = {
    "Ondernemers": (
        "Wat de opvang betekent voor het dorpscentrum, en waar ondernemers terechtkunnen.",
        "Praktisch.",
        "Ondernemersvereniging",
        "Na de informatieavond",
    ),
    "Online gemeenschappen": (
        "Feiten en een link naar de vragenpagina; geen discussie aangaan.",
        "Kort en vriendelijk.",
        "Facebookgroep Oldenmere",
        "Binnen een dagdeel na een gerucht",
    ),
}
PRESS_RELEASE = (
    "Gemeente en COA organiseren informatieavond over opvang in Oldenmere\n\n"
    "De gemeente Voorbeeldrade en het COA houden op korte termijn een informatieavond in "
    "het dorpshuis van Oldenmere over de geplande opvang. Inwoners kunnen daar hun vragen "
    "stellen. Burgemeester: ‘Ik begrijp dat dit veel vragen oproept. Over de komst van de "
    "opvang beslist het Rijk; over hoe we het hier samen goed regelen, praten we graag "
    "met het dorp.’"
)
RESIDENTS_LETTER = (
    "Beste bewoners van Oldenmere,\n\n"
    "Op de informatieavond in het dorpshuis waren ruim honderd inwoners. Dank voor uw "
    "vragen en uw zorgen. In deze brief zetten we de antwoorden op een rij: wat er gaat "
    "gebeuren, wanneer, en waar de gemeente wel en geen invloed op heeft. Over de komst "
    "van de opvang beslist het Rijk; over toezicht, veiligheid en de afspraken met het COA "
    "praten we met u verder. Met vragen kunt u terecht bij de wijkagent en op de "
    "vragenpagina van de gemeente.\n\n"
    "Met vriendelijke groet,\nde burgemeester van Voorbeeldrade"
)


def _groups(plan, entries) -> None:
    for name, (message, tone, channels, timing) in entries.items():
        PlanTargetGroup.objects.create(
            plan=plan,
            target_group=TargetGroup.objects.get(name=name),
            core_message=message,
            tone=tone,
            channels=channels,
            timing=timing,
        )


def _message(case, *, kind, title, text, groups, author, created, planned=None) -> Message:
    message = Message.objects.create(
        case=case,
        kind=MessageKind.objects.get(name=kind),
        title=title,
        text=text,
        channel="",
        planned_at=planned,
        owner=author,
        created_by=author,
        created_at=created,
        updated_at=created,
    )
    message.target_groups.set(TargetGroup.objects.filter(name__in=groups))
    return message


def seed_communicatie(stdout=None) -> None:
    # The lists come from a data migration; a flushed database (tests) has lost them.
    add_default_lists(TargetGroup, MessageKind, ChecklistItem)
    case = Case.objects.filter(title=AZC_CASE).first()
    if case is None or CommunicationPlan.objects.filter(case=case).exists():
        return
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["voorzitter", "communicatie", "burgemeester"])
    }
    if len(users) < 3:
        return
    chair, adviser, mayor = users["voorzitter"], users["communicatie"], users["burgemeester"]
    first = case.sessions.filter(kind=SessionKind.EERSTE).first()

    # In the first session's communication step (the runner writes into the plan).
    plan = CommunicationPlan.objects.create(
        case=case,
        goals=GOALS,
        spokespersons="De burgemeester; voor de politie de teamchef Rade-Oost.",
        timing=(
            "Partners direct na de bijeenkomst, de pers de volgende ochtend, "
            "bewoners vóór de informatieavond."
        ),
        can_influence=(
            "Hoe de informatieavond verloopt, veiligheid en toezicht in het dorp, "
            "de afspraken met het COA over de omgang met de buurt."
        ),
        cannot_influence="Het besluit van het Rijk dat er opvang komt en het aantal plaatsen.",
        created_at=_at(-10, 21),
    )
    _groups(plan, GROUPS_IN_SESSION)
    PlanVersion.objects.create(
        plan=plan,
        number=1,
        snapshot=plan_snapshot(plan),
        author=chair,
        created_at=_at(-10, 21, 10),
        session=first,
    )
    # The next morning the adviser adds two target groups.
    _groups(plan, GROUPS_ADDED)
    PlanVersion.objects.create(
        plan=plan, number=2, snapshot=plan_snapshot(plan), author=adviser, created_at=_at(-9, 9, 15)
    )
    plan.version, plan.updated_by, plan.updated_at = 2, adviser, _at(-9, 9, 15)
    plan.save(update_fields=["version", "updated_by", "updated_at"])

    press = _message(
        case,
        kind="Persbericht",
        title="Persbericht informatieavond",
        text=PRESS_RELEASE,
        groups=["Media"],
        author=adviser,
        created=_at(-9, 9, 30),
        planned=_at(-9, 15),
    )
    press.channel = "Regionale pers, website"
    press.status = MessageStatus.VERSTUURD
    press.submitted_at = _at(-9, 11)
    press.approved_text, press.approved_by, press.approved_at = press.text, mayor, _at(-9, 12, 30)
    press.sent_at, press.sent_by = _at(-9, 15), adviser
    press.version = 4
    press.save()
    MessageVersion.objects.create(
        message=press,
        number=1,
        title=press.title,
        text=press.text,
        author=adviser,
        created_at=_at(-9, 9, 30),
        submitted_at=_at(-9, 11),
        decision=MessageVersion.Decision.GOEDGEKEURD,
        decided_by=mayor,
        decided_at=_at(-9, 12, 30),
    )

    letter = _message(
        case,
        kind="Bewonersbrief",
        title="Bewonersbrief na de informatieavond",
        text=RESIDENTS_LETTER,
        groups=["Bewoners van de kern of wijk", "Direct betrokken bewoners"],
        author=adviser,
        created=_at(-2, 10),
        planned=_at(2, 10),
    )
    letter.channel = "Huis-aan-huis in Oldenmere"
    letter.status, letter.submitted_at, letter.version = (
        MessageStatus.TER_GOEDKEURING,
        _at(-1, 16),
        2,
    )
    letter.save()
    MessageVersion.objects.create(
        message=letter,
        number=1,
        title=letter.title,
        text=letter.text,
        author=adviser,
        created_at=_at(-2, 10),
        submitted_at=_at(-1, 16),
    )

    for item in ChecklistItem.objects.filter(is_active=True).order_by("order")[:2]:
        ChecklistTick.objects.create(
            case=case, item=item, ticked_by=adviser, ticked_at=_at(-9, 9, 20)
        )
