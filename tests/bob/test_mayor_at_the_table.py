"""The burgemeester at the table (Handreiking A2: with the police the core of the
kernteam, often its chair): she convenes, chairs a session she was not appointed to,
adopts its besluitenlijst, and sees and opens an action she carries out."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bob.models import Action, Decision, DecisionList
from bob.workflow import DecisionListStatus
from kernteam.models import Session
from kernteam.services import session_finish
from samos.accounts.roles import Role
from tests.factories import ActionFactory, CaseFactory, SessionFactory, SignalFactory

pytestmark = pytest.mark.django_db


def tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def test_she_convenes_and_chairs_the_session_herself(client, verified_login):
    mayor = verified_login(client, Role.BURGEMEESTER)
    case = CaseFactory()
    convene = reverse("kernteam:session_convene", args=[case.uuid])
    form = client.get(convene)
    assert form.status_code == 200
    assert f'<option value="{mayor.pk}"' in form.content.decode()  # she can be the chair
    response = client.post(
        convene,
        {
            "kind": "eerste",
            "date": tomorrow(),
            "time": "19:30",
            "location": "Gemeentehuis",
            "chair": mayor.pk,
            "agenda": "Beeld van de week",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.chair == mayor and session.convened_by == mayor


def test_she_runs_a_session_chaired_by_someone_else_and_adopts_its_list(client, verified_login):
    mayor = verified_login(client, Role.BURGEMEESTER)
    session = SessionFactory(bezig=True)
    assert session.chair != mayor
    signal = SignalFactory(observation="Stickers tegen het azc bij de dijk.")
    session.case.signals.add(signal, through_defaults={"linked_by": session.chair})
    runner = client.get(
        reverse("bob:session_run", kwargs={"uuid": session.uuid}) + "?stap=besluitvorming"
    )
    page = runner.content.decode()
    assert runner.status_code == 200 and "Besluit of afspraak vastleggen" in page
    response = client.post(
        reverse("bob:decision_create", kwargs={"uuid": session.uuid}),
        {"stap": "besluitvorming", "stage": "besluitvorming", "text": "Bewonersavond beleggen"},
    )
    assert response.status_code == 302
    assert Decision.objects.get().text == "Bewonersavond beleggen"
    # The case's ordinary signals are in the runner for her (not a sensitive one).
    signals_page = client.get(
        reverse("bob:session_run", kwargs={"uuid": session.uuid}) + "?stap=beeldvorming"
    ).content.decode()
    assert "Stickers tegen het azc" in signals_page
    assert client.get(signal.get_absolute_url()).status_code == 200

    session_finish(user=session.chair, session_uuid=session.uuid)
    decision_list = reverse("bob:decision_list", kwargs={"uuid": session.uuid})
    client.post(decision_list, {"confirmed": "on"})
    assert DecisionList.objects.get().status == DecisionListStatus.VASTGESTELD


def test_an_action_she_carries_is_on_the_case_page_and_opens(client, verified_login):
    mayor = verified_login(client, Role.BURGEMEESTER)
    case = CaseFactory()
    action = ActionFactory(case=case, executor=mayor, title="Gesprek met de dorpsraad voeren")
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Gesprek met de dorpsraad voeren" in page
    assert "Nog geen acties" not in page
    detail = reverse("bob:action_detail", args=[action.uuid])
    assert client.get(detail).status_code == 200
    response = client.post(
        reverse("bob:action_progress", args=[action.uuid]),
        {"note": "Gesprek gepland", "version": 1},
    )
    assert response.status_code == 302
    assert Action.objects.get().updates.filter(note="Gesprek gepland").exists()
    assert (
        "Gesprek met de dorpsraad voeren" in client.get(reverse("bob:action_list")).content.decode()
    )


def test_in_a_follow_up_she_links_a_new_signal_and_cites_it_in_a_decision(client, verified_login):
    from tests.factories import AreaFactory

    mayor = verified_login(client, Role.BURGEMEESTER)
    kern = AreaFactory(name="Oldenmere", kind="kern")
    session = SessionFactory(bezig=True, chair=mayor, kind="vervolg")
    session.case.areas.add(kern)
    new = SignalFactory(area=kern, observation="Oproep in een buurtapp om te gaan patrouilleren.")
    run = reverse("bob:session_run", kwargs={"uuid": session.uuid}) + "?stap=nieuw"
    page = client.get(run).content.decode()
    assert "Oproep in een buurtapp" in page and "aan de casus koppelen" in page
    linked = client.post(
        reverse("bob:session_link_signal", kwargs={"uuid": session.uuid}),
        {"stap": "nieuw", "signal": str(new.uuid)},
    )
    assert linked.status_code == 302
    assert session.case.signals.filter(pk=new.pk).exists()
    assert "hoort bij de casus" in client.get(run).content.decode()
    response = client.post(
        reverse("bob:decision_create", kwargs={"uuid": session.uuid}),
        {
            "stap": "nieuw",
            "stage": "beeldvorming",
            "text": "Het beeld: online wordt tot eigenrichting opgeroepen.",
            "signals": [str(new.uuid)],
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert list(decision.signals.all()) == [new]
