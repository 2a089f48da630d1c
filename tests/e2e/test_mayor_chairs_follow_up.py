"""Issue 12, journey (b): the burgemeester chairs the follow-up of the asielopvang case in
Oldenmere. She makes the estimate again, marks a scenario as happened, links a new signal
and cites it in a decision, adds a derde, and a refused action review keeps her in the
runner — with axe and the no-sideways-scroll check on every page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bob.models import Decision, ScenarioReview, StepRecord
from kernteam.demo import AZC_CASE
from kernteam.models import Attendee, Case, Session
from kernteam.workflow import SessionKind
from signals.models import Area, SourceKind
from tests.e2e.helpers import assert_page_fits_and_is_accessible, log_in
from tests.factories import SignalFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ADOPT_LABEL = "Ik stel deze besluitenlijst vast. Daarna verandert ze niet meer."
NEW_SIGNAL = "In een buurtapp wordt opgeroepen om bij het azc te gaan patrouilleren."


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 375, "height": 740}]
)
def test_the_mayor_chairs_a_follow_up(live_server, page, demo_world, assert_accessible, viewport):
    case = Case.objects.get(title=AZC_CASE)
    session = Session.objects.get(case=case, kind=SessionKind.VERVOLG)
    signal = SignalFactory(
        area=Area.objects.get(name="Merepolder"),
        observation=NEW_SIGNAL,
        source_kind=SourceKind.objects.first(),
        observed_at=timezone.now(),
    )
    signal.themes.set(case.themes.all())  # in the case's areas and themes: "nieuw"
    page.set_viewport_size(viewport)
    log_in(page, live_server, "burgemeester")
    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    page.get_by_role("button", name="Bijeenkomst openen").click()
    expect(page.get_by_text("De bijeenkomst is geopend.")).to_be_visible()
    page.get_by_label(ADOPT_LABEL).check()
    page.get_by_role("button", name="Besluitenlijst vaststellen").click()
    expect(
        page.get_by_text("De besluitenlijst van de vorige bijeenkomst is vastgesteld.")
    ).to_be_visible()
    page.get_by_role("button", name="Verder", exact=True).click()

    # Wat is er nieuw?: link the new signal, then cite it in a decision.
    expect(page.get_by_role("heading", name="Stap 2 van 8: Wat is er nieuw?")).to_be_visible()
    assert_page_fits_and_is_accessible(page, assert_accessible)
    new = page.locator("li").filter(has_text=NEW_SIGNAL)
    new.get_by_role("button", name="aan de casus koppelen").click()
    expect(page.get_by_text("Het signaal is aan de casus gekoppeld")).to_be_visible()
    page.get_by_label("Besluit of afspraak").fill(
        "Politie en jongerenwerk gaan deze week in gesprek met de beheerders van de buurtapp."
    )
    page.get_by_label(NEW_SIGNAL[:60], exact=False).check()
    page.get_by_role("button", name="Besluit toevoegen").click()
    expect(page.get_by_text("Het besluit staat op de besluitenlijst.")).to_be_visible()
    decision = Decision.objects.get(decision_list__session=session)
    assert [s.observation for s in decision.signals.all()] == [NEW_SIGNAL]

    # The estimate again, and a scenario of the first session that happened.
    page.goto(f"{live_server.url}{session.get_absolute_url()}?stap=inschatting")
    expect(page.get_by_role("heading", name="Vergeleken met de vorige inschatting")).to_be_visible()
    for dimension, value in (("Ernst", "ernstig"), ("Omvang", "een buurt of kern")):
        page.get_by_role("group", name=dimension, exact=True).get_by_label(
            value, exact=True
        ).check()
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("De stap is opgeslagen.")).to_be_visible()
    expect(page.locator("#inschatting-verloop table")).to_contain_text("ernstig")
    assert_page_fits_and_is_accessible(page, assert_accessible)
    review = page.locator("form").filter(has_text="de informatieavond uit de hand loopt")
    review.get_by_label("Is gebeurd").check()
    review.get_by_label("Toelichting").fill(
        "Na afloop een korte demonstratie bij het gemeentehuis."
    )
    review.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Het scenario is opnieuw bekeken.")).to_be_visible()
    assert ScenarioReview.objects.get(session=session).outcome == "gebeurd"
    assert StepRecord.objects.get(session=session, step="inschatting").data["ernst"] == "3"

    # A refused action review keeps her in the runner, with what she typed.
    page.goto(f"{live_server.url}{session.get_absolute_url()}?stap=acties")
    card = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name="Extra jongerenwerk in de avonduren")
    )
    card.get_by_label("Hoe staat het met de actie?").fill("Twee avonden extra gedraaid.")
    card.get_by_label("Nieuwe status").select_option(label="Uitgevoerd")
    card.get_by_role("button", name="Voortgang vastleggen").click()
    expect(page.get_by_role("heading", name="De voortgang is niet vastgelegd")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Stap 4 van 8: Acties en het effect van besluiten")
    ).to_be_visible()
    expect(card.get_by_label("Hoe staat het met de actie?")).to_have_value(
        "Twee avonden extra gedraaid."
    )
    assert_page_fits_and_is_accessible(page, assert_accessible)

    # Widening the team: a derde joins this session.
    page.goto(f"{live_server.url}{session.get_absolute_url()}?stap=uitbreiding")
    widen = page.get_by_role("region", name="Het kernteam uitbreiden")
    widen.get_by_label("Naam").fill("Imam Yusuf")
    widen.get_by_label("Organisatie").fill("Moskee Al-Noor")
    widen.get_by_role("button", name="Derde uitnodigen").click()
    expect(page.get_by_text("De derde is uitgenodigd.")).to_be_visible()
    expect(page.get_by_role("region", name="Het kernteam uitbreiden")).to_contain_text("Imam Yusuf")
    assert_page_fits_and_is_accessible(page, assert_accessible)
    assert Attendee.objects.filter(session=session, guest_name="Imam Yusuf").exists()
