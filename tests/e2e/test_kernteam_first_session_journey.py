"""Journey (a) of issue 4 in real Chromium: a kernteam member convenes the kernteam from
a signal, two members prepare, and the chair runs the first session end to end — with a
pause for missing information — and finishes it without adopting the besluitenlijst."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bob.models import Action, Decision, DecisionList, InformationRequest, Scenario, StepRecord
from kernteam.models import Case, Preparation, Session
from signals.models import Signal
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def local(moment, fmt):
    return timezone.localtime(moment).strftime(fmt)


def save_and_next(page, next_title):
    page.get_by_role("button", name="Opslaan en verder").click()
    # The step's own heading ("Stap 9 van 10: Communicatie"), not a block's heading in it.
    step_heading = re.compile(rf"^Stap \d+ van \d+: .*{re.escape(next_title)}")
    expect(page.get_by_role("heading", name=step_heading)).to_be_visible()


def test_convene_from_a_signal_prepare_and_run_a_first_session(
    live_server, browser, demo_world, assert_accessible
):
    signal = (
        Signal.objects.filter(themes__name="Windmolens en energie").order_by("-observed_at").first()
    )
    assert signal is not None

    # 1. A kernteam member opens a case from the signal and convenes the kernteam.
    member = log_in(browser.new_context().new_page(), live_server, "kernteamlid")
    member.goto(f"{live_server.url}{signal.get_absolute_url()}")
    member.get_by_role("link", name="Casus openen met dit signaal").click()
    member.get_by_label("Titel").fill("Onrust over het windpark bij Brammelo")
    member.get_by_label("Fase bij opening").select_option(label="Dreigende onrust")
    assert_accessible(member)
    member.get_by_role("button", name="Casus openen").click()
    expect(
        member.get_by_role("heading", name="Onrust over het windpark bij Brammelo")
    ).to_be_visible()
    member.get_by_role("link", name="Kernteam bijeenroepen").click()
    when = timezone.localtime() + timedelta(days=1)
    member.get_by_label("Eerste bijeenkomst").check()
    member.get_by_label(re.compile(r"\bDatum\b")).fill(local(when, "%Y-%m-%d"))
    member.get_by_label(re.compile(r"\bTijd\b")).fill("19:30")
    member.get_by_label("Plaats").fill("Dorpshuis Brammelo")
    assert_accessible(member)
    member.get_by_role("button", name="Bijeenroepen en uitnodigen").click()
    expect(member.get_by_text("De bijeenkomst is bijeengeroepen")).to_be_visible()
    session = Session.objects.get(case__title="Onrust over het windpark bij Brammelo")
    assert signal in session.case.signals.all()
    session_url = f"{live_server.url}{session.get_absolute_url()}"
    assert_accessible(member)

    # 2. Two invited members prepare their own short BOB.
    for page, text in [
        (member, "Jongeren in Brammelo praten over acties tegen de molens."),
        (
            log_in(browser.new_context().new_page(), live_server, "coordinator"),
            "Handtekeningenactie en boze reacties online.",
        ),
    ]:
        page.goto(session_url)
        page.get_by_role("link", name="Uw voorbereiding invullen").click()
        page.get_by_label("Wat is er gebeurd?").fill(text)
        page.get_by_label("Hoe ernstig en urgent is de (te verwachten) situatie?").fill("Zorgelijk")
        page.get_by_role("button", name="Voorbereiding opslaan").click()
        expect(page.get_by_text("opgeslagen", exact=False).first).to_be_visible()
    assert Preparation.objects.filter(session=session).count() == 2

    # 3. The chair sees who prepared, opens the session and walks the werkprotocol.
    chair = log_in(browser.new_context().new_page(), live_server, "voorzitter")
    chair.goto(session_url)
    expect(chair.get_by_text("2 van 4 genodigden hebben zich voorbereid")).to_be_visible()
    chair.get_by_role("button", name="Bijeenkomst openen").click()
    expect(chair.get_by_role("heading", name="Stap 1 van 10: Motivering")).to_be_visible()
    expect(chair.get_by_text("Handtekeningenactie en boze reacties online.")).to_be_visible()
    assert_accessible(chair)
    chair.get_by_label("Directe aanleiding").fill(
        "Informatieavond over het windpark liep uit de hand."
    )
    save_and_next(chair, "Naar een gedegen beeldvorming")

    deadline = timezone.localtime() + timedelta(days=2)
    chair.get_by_label("Welke informatie ontbreekt?").fill(
        "Wie organiseert de handtekeningenactie?"
    )
    chair.get_by_label("Bij wie is die te krijgen?").fill("Wijkagent Brammelo")
    chair.get_by_label("Uiterlijk binnen op").fill(local(deadline, "%Y-%m-%dT%H:%M"))
    chair.get_by_role("button", name="Informatieverzoek toevoegen").click()
    expect(chair.get_by_text("Het informatieverzoek is vastgelegd.")).to_be_visible()
    assert_accessible(chair)
    save_and_next(chair, "Eerste inschatting ernst en urgentie")

    chair.get_by_role("group", name="Ernst").get_by_label("aanzienlijk").check()
    chair.get_by_role("group", name="Tijd").get_by_label("binnen dagen").check()
    save_and_next(chair, "Afspraken over directe stappen")

    due = timezone.localdate() + timedelta(days=5)
    chair.get_by_label("Wat moet er worden aangepakt?").fill("Gesprek met de initiatiefnemers")
    chair.get_by_label("Welk resultaat moet het opleveren?").fill("Zorgen zijn gehoord")
    chair.get_by_label("Wanneer moet het resultaat bereikt zijn?").fill(due.isoformat())
    chair.get_by_label("Wie voert de actie uit? (kernteamlid)").select_option(
        label="Ingrid Jansen (Welzijn Voorbeeldrade)"
    )
    chair.get_by_role("button", name="Actie vastleggen").click()
    expect(chair.get_by_role("cell", name="Gesprek met de initiatiefnemers")).to_be_visible()
    save_and_next(chair, "Tijdsonderbreking")

    # The pause: the runner is left until the information is in.
    chair.get_by_label("Verder op").fill(
        local(timezone.localtime() + timedelta(hours=4), "%Y-%m-%dT%H:%M")
    )
    chair.get_by_role("button", name="Bijeenkomst onderbreken").click()
    expect(chair.get_by_text("De bijeenkomst is onderbroken.", exact=True)).to_be_visible()
    expect(chair.get_by_text("Wie organiseert de handtekeningenactie?").first).to_be_visible()
    assert_accessible(chair)
    chair.get_by_role("button", name="Verder met de bijeenkomst").click()
    expect(chair.get_by_role("heading", name="Afronding beeldvorming", exact=False)).to_be_visible()

    chair.get_by_label("Wat is er gebeurd?", exact=True).fill(
        "Boze informatieavond, handtekeningen, online aanvallen."
    )
    chair.get_by_label("Soort besluit").select_option(label="Beeldvorming")
    chair.get_by_label("Besluit of afspraak").fill("Het beeld: onvrede groeit, nog geen geweld.")
    chair.get_by_role("button", name="Besluit toevoegen").click()
    expect(
        chair.get_by_text("Het beeld: onvrede groeit, nog geen geweld.", exact=True)
    ).to_be_visible()
    save_and_next(chair, "Oordeelsvorming")

    chair.get_by_label("Als …").fill("de wethouder opnieuw persoonlijk wordt aangevallen")
    chair.get_by_label("dan …").fill("dan melden we het bij de politie")
    chair.get_by_label("Kans").select_option(label="Reëel")
    chair.get_by_label("Impact").select_option(label="Aanzienlijk")
    chair.get_by_role("button", name="Scenario toevoegen").click()
    expect(
        chair.get_by_role("cell", name="de wethouder opnieuw persoonlijk wordt aangevallen")
    ).to_be_visible()
    chair.get_by_label("Nieuwe fase").select_option(label="Onrust")
    chair.get_by_label("Waarom?").fill("Persoonlijke aanvallen op de wethouder")
    chair.get_by_role("button", name="Fase vastleggen").click()
    expect(chair.get_by_text("De fase van de casus is vastgelegd.")).to_be_visible()
    assert_accessible(chair)
    save_and_next(chair, "Besluitvorming")

    chair.get_by_role("group", name="SAMOS verder activeren?").get_by_label("ja").check()
    chair.get_by_label("Soort besluit").select_option(label="Besluitvorming")
    chair.get_by_label("Besluit of afspraak").fill("SAMOS blijft actief; de dorpsraad schuift aan.")
    chair.get_by_role("button", name="Besluit toevoegen").click()
    expect(
        chair.get_by_text("SAMOS blijft actief; de dorpsraad schuift aan.", exact=True)
    ).to_be_visible()
    save_and_next(chair, "Communicatie")
    # The communication step writes into the case's communication plan.
    chair.get_by_label("Communicatiedoelen").fill("Feiten delen, zorgen serieus nemen.")
    chair.get_by_role("button", name="Communicatieplan opslaan").click()
    expect(chair.get_by_text("Het communicatieplan is opgeslagen.")).to_be_visible()
    save_and_next(chair, "Afspraken vervolgsessie")

    chair.get_by_label("Vervolgbijeenkomst").check()
    chair.get_by_label("Wanneer").fill(
        local(timezone.localtime() + timedelta(days=8), "%Y-%m-%dT%H:%M")
    )
    chair.get_by_role("button", name="Volgende bijeenkomst plannen").click()
    expect(chair.get_by_text("De volgende bijeenkomst is gepland")).to_be_visible()
    assert_accessible(chair)
    chair.get_by_role("button", name="Bijeenkomst afronden").click()
    expect(chair.get_by_text("Deze bijeenkomst is afgerond")).to_be_visible()
    expect(chair.get_by_text("De besluitenlijst is nog concept.")).to_be_visible()

    # What the session left behind.
    session.refresh_from_db()
    case = Case.objects.get(pk=session.case_id)
    assert session.status == "afgerond"
    assert case.phase == "onrust"
    assert StepRecord.objects.filter(session=session).count() >= 7
    assert InformationRequest.objects.filter(session=session, status="open").count() == 1
    assert Scenario.objects.filter(session=session).count() == 1
    assert list(
        Decision.objects.filter(decision_list__session=session).values_list("number", flat=True)
    ) == [1, 2]
    assert not DecisionList.objects.get(session=session).is_adopted  # adopted nothing yet
    assert Action.objects.get(session=session).executor.username == "kernteamlid"
    assert case.sessions.filter(kind="vervolg", status="gepland").count() == 1
