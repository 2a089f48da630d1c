"""Journeys of issue 4 in real Chromium: a follow-up session adopts the previous
besluitenlijst, reviews actions and agrees a new one; a closing session closes the case
with an evaluation. Both start from the demo story of the asielopvang in Oldenmere."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bob.models import Action, ActionUpdate, Decision, DecisionList, DecisionReview
from kernteam import services as kernteam_services
from kernteam.demo import AZC_CASE
from kernteam.models import Case, Session
from kernteam.workflow import CaseStatus, SessionKind, SessionStatus
from samos.accounts.models import User
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ADOPT_LABEL = "Ik stel deze besluitenlijst vast. Daarna verandert ze niet meer."


def expect_step(page, number, total, title):
    expect(
        page.get_by_role("heading", name=f"Stap {number} van {total}: {title}", exact=True)
    ).to_be_visible()


def open_and_adopt_previous_list(page, total):
    """The planned session on screen: open it, adopt the previous list, go to step 2."""
    expect(page.get_by_text("Deze bijeenkomst is gepland.")).to_be_visible()
    page.get_by_role("button", name="Bijeenkomst openen").click()
    expect(page.get_by_text("De bijeenkomst is geopend.")).to_be_visible()
    expect_step(page, 1, total, "Besluitenlijst vorige bijeenkomst")
    page.get_by_label(ADOPT_LABEL).check()
    page.get_by_role("button", name="Besluitenlijst vaststellen").click()
    expect(
        page.get_by_text("De besluitenlijst van de vorige bijeenkomst is vastgesteld.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Besluitenlijst vaststellen")).to_have_count(0)


def test_next_session_adopts_the_list_reviews_actions_and_adds_one(
    live_server, page, demo_world, assert_accessible
):
    case = Case.objects.get(title=AZC_CASE)
    session = Session.objects.get(case=case, kind=SessionKind.VERVOLG)
    first = Session.objects.get(case=case, kind=SessionKind.EERSTE)
    executor = User.objects.get(username="kernteamlid")
    coordinator = User.objects.get(username="coordinator")
    due = timezone.localdate() + timedelta(days=14)

    log_in(page, live_server, "voorzitter")
    page.get_by_role("link", name="Casussen", exact=True).click()
    expect(page.get_by_role("heading", name="Casussen", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=AZC_CASE).click()
    expect(page.get_by_role("heading", name=AZC_CASE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("region", name="Bijeenkomsten").get_by_role(
        "link", name="Vervolgbijeenkomst"
    ).click()

    # Step 1: open the session and adopt the besluitenlijst of the first one.
    open_and_adopt_previous_list(page, 8)
    assert_accessible(page)
    page.get_by_role("button", name="Verder", exact=True).click()

    # Step 2: what is new since the first session (signals, or the empty state).
    expect_step(page, 2, 8, "Wat is er nieuw?")
    new = page.get_by_role("region", name="Nieuw sinds de vorige bijeenkomst")
    expect(new.get_by_role("listitem").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Het beeld nu").fill(
        "De informatieavond is rustig verlopen; online blijft de toon grimmig."
    )
    page.get_by_role("button", name="Opslaan en verder").click()

    # Step 3: the estimate again, beside the first session's.
    expect_step(page, 3, 8, "Inschatting ernst en urgentie, opnieuw")
    expect(page.get_by_role("heading", name="Vergeleken met de vorige inschatting")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan en verder").click()

    # Step 4: progress on an open action, and the effect of an earlier decision.
    expect_step(page, 4, 8, "Acties en het effect van besluiten")
    assert_accessible(page)
    review = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name="Extra jongerenwerk in de avonduren")
    )
    review.get_by_label("Hoe staat het met de actie?").fill(
        "Drie weken lang twee extra avonden gedraaid; de groep op het dorpsplein is kleiner."
    )
    review.get_by_label("Nieuwe status").select_option(label="Uitgevoerd")
    review.get_by_label("Is het gewenste resultaat (al) zichtbaar?").select_option(
        label="Effect zichtbaar"
    )
    review.get_by_label("Beoordeeld resultaat").fill(
        "Minder spanning in de avond; geen meldingen meer van de buurtbewoners."
    )
    review.get_by_role("button", name="Voortgang vastleggen").click()
    expect(page.get_by_text("De voortgang is vastgelegd.")).to_be_visible()
    expect_step(page, 4, 8, "Acties en het effect van besluiten")
    expect(page.get_by_role("heading", name="Extra jongerenwerk in de avonduren")).to_have_count(
        0
    )  # done: no longer among the open actions

    effect = page.locator("#effect-besluiten > div").filter(
        has_text="Er komt een informatieavond met het COA"
    )
    effect.get_by_label("Effect zichtbaar", exact=True).check()
    effect.get_by_label("Toelichting (op welke signalen rust dit?)").fill(
        "120 inwoners kwamen; de vragen zijn beantwoord."
    )
    effect.get_by_role("button", name="Effect vastleggen").click()
    expect(page.get_by_text("Het effect van het besluit is vastgelegd.")).to_be_visible()
    expect(
        page.locator("#effect-besluiten > div")
        .filter(has_text="Er komt een informatieavond met het COA")
        .get_by_text("Beoordeeld: Effect zichtbaar")
    ).to_be_visible()
    page.get_by_role("button", name="Verder", exact=True).click()

    # Step 5: no extension of the team this time.
    expect_step(page, 5, 8, "Uitbreiding kernteam")
    page.get_by_label("Uitbreiding van het kernteam").fill("Niet nodig.")
    page.get_by_role("button", name="Opslaan en verder").click()

    # Step 6: a new SMART action through the action form.
    expect_step(page, 6, 8, "Andere acties")
    assert_accessible(page)
    form = page.get_by_role("form", name="Nieuwe actie afspreken")
    form.get_by_label("Wat moet er worden aangepakt?").fill("Sleutelfiguren in de buurt spreken")
    form.get_by_label("Welk resultaat moet het opleveren?").fill(
        "Sleutelfiguren kennen de feiten en melden nieuwe spanning direct."
    )
    form.get_by_label("Welke activiteit leidt daartoe?").fill(
        "Huisbezoeken bij vijf sleutelfiguren rond de Dorpsstraat."
    )
    form.get_by_label("Wie voert de actie uit? (kernteamlid)").select_option(value=str(executor.pk))
    form.get_by_label("Wie coördineert de actie vanuit het kernteam?").select_option(
        value=str(coordinator.pk)
    )
    form.get_by_label("Wanneer moet het resultaat bereikt zijn?").fill(due.isoformat())
    form.get_by_role("button", name="Actie vastleggen").click()
    expect(
        page.get_by_text("De actie “Sleutelfiguren in de buurt spreken” is vastgelegd.")
    ).to_be_visible()
    expect_step(page, 6, 8, "Andere acties")
    actions = page.get_by_role("region", name="Acties uit deze bijeenkomst")
    expect(actions.get_by_role("link", name="Sleutelfiguren in de buurt spreken")).to_be_visible()
    page.get_by_role("button", name="Opslaan en verder").click()

    # Step 7 and 8: communication, then finish the session.
    expect_step(page, 7, 8, "Terugkoppeling communicatie")
    page.get_by_label("Overige terugkoppeling", exact=True).fill(
        "De bewonersbrief kwam op tijd; de burgemeester sprak rustig en feitelijk."
    )
    page.get_by_role("button", name="Opslaan en verder").click()
    expect_step(page, 8, 8, "Afspraken vervolgsessie")
    assert_accessible(page)
    page.get_by_role("button", name="Bijeenkomst afronden").click()
    expect(page.get_by_text("De bijeenkomst is afgerond.").first).to_be_visible()
    assert_accessible(page)

    session.refresh_from_db()
    assert session.status == SessionStatus.AFGEROND
    previous_list = DecisionList.objects.get(session=first)
    assert previous_list.is_adopted
    assert previous_list.adopted_in == session
    assert previous_list.adopted_by.username == "voorzitter"
    update = ActionUpdate.objects.get(session=session)
    assert update.action.title == "Extra jongerenwerk in de avonduren"
    assert (update.from_status, update.to_status) == ("in_uitvoering", "uitgevoerd")
    assert update.action.status == "uitgevoerd"
    assert update.action.judged_result.startswith("Minder spanning in de avond")
    decision_review = DecisionReview.objects.get(session=session)
    assert decision_review.judgement == "zichtbaar"
    assert decision_review.decision.text.startswith("Er komt een informatieavond")
    new_action = Action.objects.get(session=session)
    assert new_action.title == "Sleutelfiguren in de buurt spreken"
    assert new_action.case == case
    assert new_action.due_date == due
    assert (new_action.executor, new_action.coordinator) == (executor, coordinator)
    assert new_action.status == "open"


def test_closing_session_closes_the_case_with_an_evaluation(
    live_server, page, demo_world, assert_accessible
):
    case = Case.objects.get(title=AZC_CASE)
    chair = User.objects.get(username="voorzitter")
    coordinator = User.objects.get(username="coordinator")
    closing = kernteam_services.session_convene(
        user=coordinator,
        case_uuid=case.uuid,
        kind=SessionKind.LAATSTE,
        starts_at=timezone.now() + timedelta(days=5),
        location="Gemeentehuis Voorbeeldrade, raadszaal",
        chair=chair,
        secretary=coordinator,
        agenda="Evaluatie en terug naar normaal.",
        members=[chair, coordinator],
    )
    evaluation = (
        "Wat werkte: de informatieavond met het COA en het extra jongerenwerk.\n"
        "Knelpunt: het zicht op de online groepen kwam laat.\n"
        "Les: de politie schuift voortaan vanaf de eerste bijeenkomst aan."
    )

    log_in(page, live_server, "voorzitter")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("region", name="Bijeenkomsten").get_by_role(
        "link", name="Laatste bijeenkomst"
    ).click()

    # Step 1: the besluitenlijst of the first session is still concept; adopt it.
    open_and_adopt_previous_list(page, 4)
    page.get_by_role("button", name="Verder", exact=True).click()

    # Step 2: the facts, with every action of the case on screen.
    expect_step(page, 2, 4, "Beeldvorming: de feiten")
    expect(
        page.get_by_role("region", name="Alle acties van deze casus").get_by_role(
            "link", name="Informatieavond met COA en dorpsraad"
        )
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Aanleiding", exact=True).fill(
        "De aangekondigde opvang voor 150 asielzoekers aan de Dorpsstraat."
    )
    page.get_by_label("Afgesproken acties en wat ervan kwam").fill(
        "Informatieavond gehouden; jongerenwerk extra ingezet; online oproepen gevolgd."
    )
    page.get_by_label("Gewenste en bereikte resultaten").fill(
        "De onrust is gezakt; de opvang is zonder incidenten geopend."
    )
    page.get_by_label("Verloop van de communicatie").fill("Feitelijk en op tijd.")
    page.get_by_role("button", name="Opslaan en verder").click()

    # Step 3: did it work?
    expect_step(page, 3, 4, "Oordeelsvorming: werkte het?")
    assert_accessible(page)
    page.get_by_label("Hebben de activiteiten gewerkt?").fill(
        "Ja: de spanning in het dorp is terug op het niveau van voor de aankondiging."
    )
    page.get_by_label("Knelpunten").fill("De informatie van de politie kwam laat.")
    page.get_by_label("Samenwerking").fill("Goed, ook met de dorpsraad.")
    page.get_by_role("button", name="Opslaan en verder").click()

    # Step 4: back to normal: a decision, close the case, finish the session.
    expect_step(page, 4, 4, "Besluitvorming: terug naar normaal")
    assert_accessible(page)
    page.get_by_label("ja", exact=True).check()
    page.get_by_label("Verbeterafspraken").fill("Politie vanaf de eerste bijeenkomst uitnodigen.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    # "De stap is opgeslagen." is still on screen from step 3; the progress is not.
    expect(page.get_by_text("4 van 4 stappen opgeslagen")).to_be_visible()

    page.get_by_label("Besluit of afspraak").fill(
        "SAMOS wordt afgeschaald; terug naar de normale situatie."
    )
    page.get_by_role("button", name="Besluit toevoegen").click()
    expect(page.get_by_text("Het besluit staat op de besluitenlijst.")).to_be_visible()
    expect(
        page.get_by_role("region", name="Besluitenlijst van deze bijeenkomst").get_by_text(
            "SAMOS wordt afgeschaald; terug naar de normale situatie."
        )
    ).to_be_visible()

    page.get_by_label("Evaluatie en geleerde lessen").fill(evaluation)
    page.get_by_role("button", name="Casus sluiten").click()
    expect(page.get_by_text("De casus is gesloten.").first).to_be_visible()
    expect(page.get_by_role("button", name="Casus sluiten")).to_have_count(0)
    page.get_by_role("button", name="Bijeenkomst afronden").click()
    expect(page.get_by_text("De bijeenkomst is afgerond.").first).to_be_visible()
    assert_accessible(page)

    # The case page shows the evaluation.
    page.get_by_role("link", name=f"Terug naar de casus {AZC_CASE}").click()
    expect(page.get_by_role("heading", name=AZC_CASE)).to_be_visible()
    lessons = page.get_by_role("region", name="Evaluatie en geleerde lessen")
    expect(lessons).to_contain_text("Les: de politie schuift voortaan vanaf de eerste")
    expect(page.get_by_text("Gesloten", exact=True)).to_be_visible()
    assert_accessible(page)

    case.refresh_from_db()
    closing.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closed_at is not None
    assert case.evaluation == evaluation
    assert closing.status == SessionStatus.AFGEROND
    assert DecisionList.objects.get(session__case=case, session__kind="eerste").adopted_in == (
        closing
    )
    assert Decision.objects.filter(
        decision_list__session=closing, text__startswith="SAMOS wordt afgeschaald"
    ).exists()
    assert closing.step_records.get(step="afsluiting").data["terug_naar_normaal"] == "ja"
