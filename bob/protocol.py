"""The werkprotocol of the kernteam (Handreiking A2.1) as data: the steps of each kind
of session, the questions each step asks, the free-text and scale fields it records,
and the blocks the runner shows in it (information requests, scenarios, decisions, …).

The runner, the step form and the besluitenlijst all read this one table, so changing
the protocol is a change here only.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kernteam.workflow import SessionKind

from .workflow import Stage


@dataclass(frozen=True)
class StepField:
    """One input of a step, stored in StepRecord.data under NAME."""

    name: str
    label: Promise
    choices: tuple[tuple[str, Promise], ...] = ()
    rows: int = 3

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)


@dataclass(frozen=True)
class Step:
    key: str
    title: Promise
    stage: str  # a Stage, or "" for procedural steps
    questions: tuple[Promise, ...] = ()
    fields: tuple[StepField, ...] = ()
    # Blocks the runner shows in this step, by name (see templates/bob/blocks/).
    blocks: tuple[str, ...] = field(default=())

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label if self.stage else ""


# Scales of the first estimate ("1e inschatting ernst/urgentie"): four steps each.
SEVERITY = (
    ("1", _("beperkt")),
    ("2", _("aanzienlijk")),
    ("3", _("ernstig")),
    ("4", _("zeer ernstig")),
)
SCOPE = (
    ("1", _("enkele personen")),
    ("2", _("een groep")),
    ("3", _("een buurt of kern")),
    ("4", _("de hele gemeente of breder")),
)
NATURE = (
    ("1", _("onvrede en zorgen")),
    ("2", _("protest en verharding")),
    ("3", _("intimidatie en bedreiging")),
    ("4", _("geweld")),
)
TIME = (
    ("1", _("binnen weken")),
    ("2", _("binnen dagen")),
    ("3", _("binnen uren")),
    ("4", _("nu")),
)
YES_NO = (("ja", _("ja")), ("nee", _("nee")))

ESTIMATE_SCALES = {"ernst": SEVERITY, "omvang": SCOPE, "aard": NATURE, "tijd": TIME}


def _text(name, label, rows=3):
    return StepField(name, label, rows=rows)


# The estimate of ernst, omvang, aard and tijd: made in the first session and again in
# every follow-up, so the team (and the case page) sees which way the situation moves.
ESTIMATE_STEP = "inschatting"
ESTIMATE_FIELDS = (
    StepField("ernst", _("Ernst"), SEVERITY),
    _text("ernst_toelichting", _("Toelichting bij de ernst"), rows=2),
    StepField("omvang", _("Omvang"), SCOPE),
    _text("omvang_toelichting", _("Toelichting bij de omvang"), rows=2),
    StepField("aard", _("Aard"), NATURE),
    _text("aard_toelichting", _("Toelichting bij de aard"), rows=2),
    StepField("tijd", _("Tijd"), TIME),
    _text("tijd_toelichting", _("Toelichting bij de tijd"), rows=2),
)


# Besluitvorming asks first whether what already runs is enough (Handreiking A2.1: "Kan
# worden volstaan met bestaande acties en werkzaamheden en wat moet daarnaast worden
# ondernomen?"), so that new actions are an answer, not a reflex.
EXISTING_WORK_QUESTION = _(
    "Kan worden volstaan met de bestaande acties en werkzaamheden? Wat moet daarnaast "
    "worden ondernomen?"
)
EXISTING_WORK_FIELDS = (
    StepField(
        "bestaande_acties_volstaan",
        _("Volstaan de bestaande acties en werkzaamheden?"),
        YES_NO,
    ),
    _text("daarnaast_nodig", _("Wat is daarnaast nodig?"), rows=2),
)


NEXT_SESSION = Step(
    "vervolg",
    _("Afspraken vervolgsessie"),
    Stage.AFSPRAAK,
    questions=(
        _("Wanneer en waar komen we weer bij elkaar?"),
        _("Hoe houden de groepsleden elkaar tussentijds op de hoogte?"),
        _("Wat zijn de belangrijkste bespreekpunten van de volgende keer?"),
    ),
    fields=(_text("tussentijds", _("Tussentijdse communicatie tussen de groepsleden")),),
    blocks=("next_session", "decisions", "finish"),
)

ADOPT_PREVIOUS = Step(
    "besluitenlijst",
    _("Besluitenlijst vorige bijeenkomst"),
    Stage.AFSPRAAK,
    questions=(
        _("Klopt de besluitenlijst van de vorige bijeenkomst? Dan stelt het kernteam haar vast."),
    ),
    blocks=("attendance", "adopt_previous"),
)

EERSTE = (
    Step(
        "motivering",
        _("Motivering"),
        Stage.BEELDVORMING,
        questions=(
            _("Wat is de directe aanleiding?"),
            _("Gaat het om een incident: dreigend of reëel, op zichzelf of in een reeks?"),
            _("Welke gevolgen en welke onrust verwachten we?"),
            _("Op welke signalen rust dit? Wat zien de andere groepsleden?"),
        ),
        fields=(
            _text("aanleiding", _("Directe aanleiding")),
            _text("incident", _("Incident")),
            _text("verwachte_onrust", _("Gevolgen en verwachte onrust")),
            _text("andere_leden", _("Wat de andere groepsleden zien en horen")),
        ),
        blocks=("assessments", "preparations", "case_signals"),
    ),
    Step(
        "informatie",
        _("Naar een gedegen beeldvorming"),
        Stage.BEELDVORMING,
        questions=(
            _("Welke inzichten of signalen ontbreken nog?"),
            _("Bij wie zijn ze te krijgen, en wie neemt daarvoor contact op?"),
            _("Wat is de deadline?"),
        ),
        fields=(_text("toelichting", _("Toelichting"), rows=2),),
        blocks=("information_requests",),
    ),
    Step(
        ESTIMATE_STEP,
        _("Eerste inschatting ernst en urgentie"),
        Stage.OORDEELSVORMING,
        questions=(_("Hoe ernstig, hoe groot, van welke aard en hoe dringend in de tijd?"),),
        fields=ESTIMATE_FIELDS,
    ),
    Step(
        "directe_stappen",
        _("Afspraken over directe stappen"),
        Stage.BESLUITVORMING,
        questions=(
            _("Welke aanpak of actie is direct nodig?"),
            _("Door wie? Wie regelt het als een derde het uitvoert?"),
        ),
        fields=(_text("directe_stappen", _("Directe stappen")),),
        blocks=("actions", "decisions"),
    ),
    Step(
        "onderbreking",
        _("Tijdsonderbreking"),
        "",
        questions=(
            _(
                "Is de beeldvorming nog niet af? Onderbreek dan de bijeenkomst tot de "
                "gevraagde informatie binnen is."
            ),
        ),
        blocks=("pause",),
    ),
    Step(
        "beeldvorming",
        _("Afronding beeldvorming"),
        Stage.BEELDVORMING,
        questions=(
            _("Wat is er gebeurd?"),
            _("Is er een voorgeschiedenis?"),
            _("Welke uitingen van onrust zijn er al geweest?"),
        ),
        fields=(
            _text("wat_gebeurd", _("Wat is er gebeurd?"), rows=4),
            _text("voorgeschiedenis", _("Voorgeschiedenis")),
            _text("uitingen", _("Uitingen van onrust tot nu toe")),
        ),
        blocks=("case_signals", "information_requests", "decisions"),
    ),
    Step(
        "oordeelsvorming",
        _("Oordeelsvorming"),
        Stage.OORDEELSVORMING,
        questions=(
            _("Wat staat er mogelijk nog te gebeuren?"),
            _("Welke uitingen van onrust zijn nog te verwachten, en van welke soort?"),
            _("Welke scenario's zien we: als …, dan …?"),
            _("Welke groepen zijn (mogelijk) betrokken?"),
        ),
        fields=(
            _text("wat_nog", _("Wat staat er mogelijk nog te gebeuren?")),
            _text("verwachte_uitingen", _("Te verwachten uitingen van onrust")),
            _text("groepen", _("Betrokken groepen")),
        ),
        blocks=("scenarios", "phase", "handover", "decisions"),
    ),
    Step(
        "besluitvorming",
        _("Besluitvorming"),
        Stage.BESLUITVORMING,
        questions=(
            _("Activeren we SAMOS verder, of niet?"),
            _("Breiden we het kernteam uit?"),
            EXISTING_WORK_QUESTION,
            _("Welke acties zijn nodig (SMART)?"),
        ),
        fields=(
            StepField("samos_verder", _("SAMOS verder activeren?"), YES_NO),
            _text("samos_toelichting", _("Toelichting"), rows=2),
            _text("uitbreiding", _("Uitbreiding van het kernteam"), rows=2),
            *EXISTING_WORK_FIELDS,
        ),
        blocks=("widen_team", "actions", "decisions"),
    ),
    Step(
        "communicatie",
        _("Communicatie"),
        Stage.BESLUITVORMING,
        questions=(
            _("Wat zijn de doelen en de doelgroepen?"),
            _("Welke inhoud en stijl? Wie is woordvoerder? Wanneer?"),
        ),
        # The five items (goals, target groups, content and style, spokesperson, timing)
        # are the case's communication plan, which the communicatie app's block edits.
        fields=(_text("afspraken", _("Overige afspraken over communicatie"), rows=2),),
        blocks=("communication_plan", "decisions"),
    ),
    NEXT_SESSION,
)

VERVOLG = (
    ADOPT_PREVIOUS,
    Step(
        "nieuw",
        _("Wat is er nieuw?"),
        Stage.BEELDVORMING,
        questions=(
            _("Welke signalen zijn er sinds de vorige bijeenkomst bijgekomen?"),
            _("Is de gevraagde informatie binnen?"),
        ),
        fields=(_text("beeld", _("Het beeld nu"), rows=4),),
        # The members' preparations for this session come first in every kind of session.
        blocks=("assessments", "preparations", "new_signals", "information_requests", "decisions"),
    ),
    Step(
        ESTIMATE_STEP,
        _("Inschatting ernst en urgentie, opnieuw"),
        Stage.OORDEELSVORMING,
        questions=(
            _("Hoe ernstig, hoe groot, van welke aard en hoe dringend is het nu?"),
            _("Wat is er veranderd sinds de vorige inschatting, en waardoor?"),
        ),
        fields=ESTIMATE_FIELDS,
        # Scenarios of earlier sessions are looked at again; new ones can be added.
        blocks=("estimate_history", "scenarios"),
    ),
    Step(
        "acties",
        _("Acties en het effect van besluiten"),
        Stage.OORDEELSVORMING,
        questions=(
            _("Is de actie uitgevoerd? Heeft de derde het gedaan?"),
            _("Is het resultaat zichtbaar, en op welke signalen is dat gebaseerd?"),
            _("Hebben de eerdere besluiten gewerkt? Is bijsturing nodig?"),
        ),
        blocks=("action_review", "decision_review", "phase", "handover"),
    ),
    Step(
        "uitbreiding",
        _("Uitbreiding kernteam"),
        Stage.BESLUITVORMING,
        questions=(_("Is uitbreiding van het kernteam gewenst?"),),
        fields=(_text("uitbreiding", _("Uitbreiding van het kernteam"), rows=2),),
        blocks=("widen_team",),
    ),
    Step(
        "nieuwe_acties",
        _("Andere acties"),
        Stage.BESLUITVORMING,
        questions=(
            EXISTING_WORK_QUESTION,
            _("Pleiten signalen voor andere acties?"),
            _("Welk resultaat, welke activiteit, wie voert uit, wie stuurt aan (SMART)?"),
        ),
        fields=(
            *EXISTING_WORK_FIELDS,
            _text("signalen_acties", _("Signalen die voor andere acties pleiten")),
        ),
        blocks=("actions", "decisions"),
    ),
    Step(
        "communicatie",
        _("Terugkoppeling communicatie"),
        Stage.OORDEELSVORMING,
        questions=(
            _("Hoe gingen de communicatieacties, per doel, doelgroep, inhoud, stijl en moment?"),
        ),
        # Per goal and target group the communicatie app's block records whether it worked.
        fields=(_text("terugkoppeling", _("Overige terugkoppeling"), rows=3),),
        blocks=("communication_feedback", "decisions"),
    ),
    NEXT_SESSION,
)

LAATSTE = (
    ADOPT_PREVIOUS,
    Step(
        "feiten",
        _("Beeldvorming: de feiten"),
        Stage.BEELDVORMING,
        questions=(
            _("Wat zijn de feiten over de aanleiding, de afgesproken acties en de resultaten?"),
            _("Zijn de afspraken uitgevoerd? Hoe is de communicatie verlopen?"),
        ),
        fields=(
            _text("aanleiding", _("Aanleiding")),
            _text("acties", _("Afgesproken acties en wat ervan kwam")),
            _text("resultaten", _("Gewenste en bereikte resultaten")),
            _text("communicatie", _("Verloop van de communicatie")),
        ),
        blocks=("assessments", "preparations", "all_actions"),
    ),
    Step(
        "oordeel",
        _("Oordeelsvorming: werkte het?"),
        Stage.OORDEELSVORMING,
        questions=(
            _("Hebben de activiteiten tot de gewenste resultaten geleid?"),
            _("Waar zaten de knelpunten?"),
            _("Heeft de communicatie bijgedragen aan de-escalatie?"),
            _("Hoe verliep de samenwerking in het kernteam en met derden?"),
        ),
        fields=(
            _text("werkte_het", _("Hebben de activiteiten gewerkt?")),
            _text("knelpunten", _("Knelpunten")),
            _text("deescalatie", _("Bijdrage van de communicatie aan de-escalatie")),
            _text("samenwerking", _("Samenwerking")),
        ),
        blocks=("communication_judgements", "decision_review"),
    ),
    Step(
        "afsluiting",
        _("Besluitvorming: terug naar normaal"),
        Stage.BESLUITVORMING,
        questions=(
            _("Kan worden teruggekeerd naar de situatie van vóór SAMOS?"),
            _("Welke verbeterafspraken maken we?"),
            _("Sluit de casus met een evaluatie, zodat de lessen vindbaar blijven."),
        ),
        fields=(
            StepField("terug_naar_normaal", _("Terug naar de normale situatie?"), YES_NO),
            _text("verbeterafspraken", _("Verbeterafspraken"), rows=4),
        ),
        blocks=("decisions", "close_case", "finish"),
    ),
)

PROTOCOL: dict[str, tuple[Step, ...]] = {
    SessionKind.EERSTE: EERSTE,
    SessionKind.VERVOLG: VERVOLG,
    SessionKind.LAATSTE: LAATSTE,
}


def steps_for(kind: str) -> tuple[Step, ...]:
    return PROTOCOL[kind]


def step_for(kind: str, key: str) -> Step | None:
    return next((step for step in PROTOCOL[kind] if step.key == key), None)


def step_after(kind: str, key: str) -> Step | None:
    steps = PROTOCOL[kind]
    keys = [step.key for step in steps]
    if key not in keys or keys.index(key) == len(keys) - 1:
        return None
    return steps[keys.index(key) + 1]


def step_showing(kind: str, block: str, preferred_key: str = "") -> Step | None:
    """The step of KIND that shows BLOCK: PREFERRED_KEY if it does, else the first that
    does; None when no step of this kind of session shows it. A refused form of a block
    is drawn again in such a step, so its message is never lost."""
    preferred = step_for(kind, preferred_key or "")
    if preferred is not None and block in preferred.blocks:
        return preferred
    return next((step for step in steps_for(kind) if block in step.blocks), None)


def has_block(kind: str, block: str) -> bool:
    """Does any step of the werkprotocol of KIND show BLOCK?"""
    return any(block in step.blocks for step in steps_for(kind))
