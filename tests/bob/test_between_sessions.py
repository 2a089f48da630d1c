"""What carries between sessions: the estimate of ernst, omvang, aard and tijd is made
again in every follow-up, shown beside the previous values with the direction of change and
kept on the case page; the action review lists every action open at the previous session,
those closed since included."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bob import protocol
from bob.services import step_save
from kernteam.workflow import SessionKind
from samos.accounts.roles import Role
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def estimate(session, **values):
    return step_save(
        user=session.chair,
        session_uuid=session.uuid,
        step_key=protocol.ESTIMATE_STEP,
        data=values,
        expected_version=0,
    )


def test_every_follow_up_asks_for_the_estimate_again():
    step = protocol.step_for(SessionKind.VERVOLG, protocol.ESTIMATE_STEP)
    assert step is not None and "estimate_history" in step.blocks
    assert {f.name for f in step.fields if f.is_choice} == {"ernst", "omvang", "aard", "tijd"}


def test_the_follow_up_shows_the_previous_values_and_the_direction(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    first = SessionFactory(bezig=True, chair=chair, starts_at=timezone.now() - timedelta(days=14))
    estimate(first, ernst="2", omvang="3", aard="2", tijd="1")
    follow_up = SessionFactory(bezig=True, chair=chair, case=first.case, kind="vervolg")
    url = reverse("bob:session_run", kwargs={"uuid": follow_up.uuid})
    before = client.get(f"{url}?stap=inschatting").content.decode()
    assert "Vergeleken met de vorige inschatting" in before
    assert "aanzienlijk" in before  # the previous ernst, by its label
    estimate(follow_up, ernst="3", omvang="3", aard="1", tijd="1")
    page = client.get(f"{url}?stap=inschatting").content.decode()
    table = page.split('id="inschatting-verloop-kop"', 1)[1].split("</table>", 1)[0]
    rows = {
        cells[0]: cells[1:]
        for cells in (
            [c.split(">")[-1].strip() for c in row.split("</t")[:-1]]
            for row in table.split("<tr>")[2:]
        )
    }
    assert rows["Ernst"][:2] == ["aanzienlijk", "ernstig"] and "zwaarder" in rows["Ernst"][2]
    assert "lichter" in rows["Aard"][2] and "gelijk" in rows["Omvang"][2]

    case_page = client.get(first.case.get_absolute_url()).content.decode()
    history = case_page.split("Inschatting door de tijd", 1)[1].split("</table>", 1)[0]
    assert history.count("<tr>") == 3  # head and one row per estimate
    assert "ernstig" in history and "zwaarder" in history and "lichter" in history


def test_no_history_card_without_an_estimate(client, verified_login):
    session = SessionFactory()
    verified_login(client, Role.KERNTEAMLID)
    page = client.get(session.case.get_absolute_url()).content.decode()
    assert "Inschatting door de tijd" not in page


def test_the_review_lists_every_action_open_at_the_previous_session(client, verified_login):
    from tests.factories import ActionFactory

    chair = verified_login(client, Role.VOORZITTER)
    previous = SessionFactory(
        chair=chair, status="afgerond", starts_at=timezone.now() - timedelta(days=14)
    )
    case = previous.case
    long_ago = timezone.now() - timedelta(days=30)
    lately = timezone.now() - timedelta(days=3)
    ActionFactory(case=case, title="Lang geleden afgerond", status="uitgevoerd", closed_at=long_ago)
    ActionFactory(
        case=case,
        title="Sindsdien uitgevoerd",
        status="uitgevoerd",
        closed_at=lately,
        judged_result="Rust op het plein",
    )
    ActionFactory(case=case, title="Nog open")
    follow_up = SessionFactory(bezig=True, chair=chair, case=case, kind="vervolg")
    url = reverse("bob:session_run", kwargs={"uuid": follow_up.uuid}) + "?stap=acties"
    page = client.get(url).content.decode()
    review = page.split('id="review-kop"', 1)[1].split("</section>", 1)[0]
    assert "Nog open" in review
    assert "Afgerond sinds de vorige bijeenkomst" in review
    assert "Sindsdien uitgevoerd" in review and "Rust op het plein" in review
    assert "Lang geleden afgerond" not in review


def test_scenarios_are_looked_at_again_in_a_follow_up(client, verified_login):
    from django.core.exceptions import PermissionDenied

    from bob.models import ScenarioReview
    from bob.services import scenario_add, scenario_review

    chair = verified_login(client, Role.VOORZITTER)
    first = SessionFactory(bezig=True, chair=chair, starts_at=timezone.now() - timedelta(days=14))
    scenario = scenario_add(
        user=chair,
        session_uuid=first.uuid,
        condition="de informatieavond uit de hand loopt",
        consequence="komt de opvang onder druk",
        likelihood="reeel",
        impact="ernstig",
    )
    follow_up = SessionFactory(bezig=True, chair=chair, case=first.case, kind="vervolg")
    url = reverse("bob:scenario_review", kwargs={"uuid": follow_up.uuid, "scenario": scenario.uuid})
    refused = client.post(url, {"stap": "inschatting", "outcome": "", "note": "Rustig verlopen"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Kies wat er van het scenario is geworden." in html and 'value="Rustig verlopen"' in html
    assert not ScenarioReview.objects.exists()
    done = client.post(
        url, {"stap": "inschatting", "outcome": "niet_meer", "note": "Rustig verlopen"}
    )
    assert done.status_code == 302
    page = client.get(
        reverse("bob:session_run", kwargs={"uuid": follow_up.uuid}) + "?stap=inschatting"
    ).content.decode()
    assert "Niet meer waarschijnlijk" in page and "Rustig verlopen" in page
    assert "Nieuw scenario" in page  # and new ones can be added in the follow-up
    # A scenario of this very session is not "looked at again" here.
    own = scenario_add(
        user=chair,
        session_uuid=follow_up.uuid,
        condition="x",
        consequence="y",
        likelihood="klein",
        impact="beperkt",
    )
    with pytest.raises(PermissionDenied):
        scenario_review(
            user=chair, session_uuid=follow_up.uuid, scenario_uuid=own.uuid, outcome="gebeurd"
        )


def test_a_decision_asks_the_network_to_watch_in_one_step(client, verified_login):
    from bob.models import Decision
    from signals.models import AttentionRequest
    from tests.factories import AreaFactory, ThemeFactory

    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair)
    kern = AreaFactory(name="Oldenmere", kind="kern")
    session.case.areas.add(kern)
    session.case.themes.add(ThemeFactory(name="Asielopvang"))
    url = reverse("bob:decision_create", kwargs={"uuid": session.uuid})
    page = client.get(
        reverse("bob:session_run", kwargs={"uuid": session.uuid}) + "?stap=besluitvorming"
    ).content.decode()
    assert "Ook het netwerk vragen hierop te letten" in page
    data = {
        "stap": "besluitvorming",
        "stage": "besluitvorming",
        "text": "Let op oproepen tot een blokkade bij de informatieavond.",
        "attention": "on",
    }
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    refused = client.post(url, {**data, "attention_until": past})
    assert refused.status_code == 200
    assert "De einddatum ligt in het verleden." in refused.content.decode()
    assert not Decision.objects.exists() and not AttentionRequest.objects.exists()
    until = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert client.post(url, {**data, "attention_until": until}).status_code == 302
    attention = AttentionRequest.objects.get()
    assert attention.title.startswith("Let op oproepen tot een blokkade")
    assert (
        set(attention.areas.all()) == set(session.case.areas.all())
        and kern in attention.areas.all()
    )
    assert set(attention.themes.all()) == set(session.case.themes.all())
    assert Decision.objects.count() == 1


def test_the_mayor_chairing_is_not_offered_the_network_request(client, verified_login):
    mayor = verified_login(client, Role.BURGEMEESTER)
    session = SessionFactory(bezig=True, chair=mayor)
    page = client.get(
        reverse("bob:session_run", kwargs={"uuid": session.uuid}) + "?stap=besluitvorming"
    ).content.decode()
    assert "Besluit of afspraak vastleggen" in page
    assert "Ook het netwerk vragen hierop te letten" not in page
