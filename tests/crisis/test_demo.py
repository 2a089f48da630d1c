"""The demo's hand-over tells one story: the windpark case of Brammelo reached escalatie,
was handed over after that (and after what it cites), came back to SAMOS, went down to
terugkeer naar rust and was closed; every moment lies in the past, in that order."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from crisis.demo import WINDPARK_CASE
from crisis.documents import situation_pdf
from crisis.models import Handover
from kernteam.models import Case
from kernteam.workflow import CaseStatus, Phase
from samos.accounts.models import User
from tests.crisis.helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent


def test_the_windpark_case_escalated_was_handed_over_came_back_and_closed(demo):
    case = Case.objects.get(title=WINDPARK_CASE)
    assert not case.is_exercise and case.status == CaseStatus.CLOSED
    assert case.phase == Phase.TERUGKEER
    changes = list(case.phase_changes.order_by("changed_at"))
    path = [change.to_phase for change in changes]
    assert path == [Phase.DREIGENDE_ONRUST, Phase.ONRUST, Phase.ESCALATIE, Phase.TERUGKEER]
    assert all(a.from_phase == b.to_phase for a, b in zip(changes[1:], changes, strict=False))
    escalated = next(c for c in changes if c.to_phase == Phase.ESCALATIE)
    came_down = next(c for c in changes if c.to_phase == Phase.TERUGKEER)

    handover = Handover.objects.select_related("way_back").get(case=case)
    assert Handover.objects.filter(case=case).count() == 1
    way_back = handover.way_back
    now = timezone.now()
    assert case.opened_at < escalated.changed_at < handover.handed_over_at
    assert handover.created_at == handover.handed_over_at
    assert handover.handed_over_at < way_back.returned_at <= way_back.recorded_at
    assert way_back.recorded_at <= came_down.changed_at < case.closed_at < now
    # What it cites came before it: the sessions, their decisions and the signals.
    sessions = list(case.sessions.order_by("starts_at"))
    assert sessions[0].finished_at < sessions[1].started_at
    assert sessions[1].started_at <= escalated.changed_at <= sessions[1].finished_at
    assert sessions[1].finished_at <= handover.handed_over_at
    assert way_back.returned_at < sessions[2].started_at < sessions[2].finished_at
    assert all(link.signal.created_at <= link.linked_at for link in case.signal_links.all())
    assert case.signal_links.filter(linked_at__lte=handover.handed_over_at).exists()


def test_the_frozen_picture_is_the_one_of_the_escalation(demo):
    case = Case.objects.get(title=WINDPARK_CASE)
    handover = Handover.objects.get(case=case)
    snapshot = handover.snapshot
    assert snapshot["case"]["phase"] == "Escalatie"
    assert snapshot["generated_at"] == timezone.localtime(handover.handed_over_at).strftime(
        "%d-%m-%Y %H:%M"
    )
    # Open then: the actions closed later; not the one done before the evening.
    open_then = {row["title"] for row in snapshot["actions"]}
    assert "Bewonersbrief over de blokkade en de bouwplaats" in open_then
    assert "Gesprek met de bewonersgroep Tegenwind" in open_then
    assert "Beveiliging van de informatieavond afstemmen" not in open_then
    assert "ruiten" in str(snapshot["beeld"])
    texts = [row["text"] for row in snapshot["decisions"]]
    assert any("veiligheidsregio" in text for text in texts)
    assert not any("gesloten" in text for text in texts)  # the last session came later
    text, pages = pdf_text(situation_pdf(handover))
    assert pages == 1 and "M. Verbeek" in text


def test_the_case_page_and_the_hand_over_page_show_the_story(client, demo):
    client.force_login(User.objects.get(username="voorzitter"))
    case = Case.objects.get(title=WINDPARK_CASE)
    handover = Handover.objects.get(case=case)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Overgedragen aan Regionale crisisorganisatie" in page
    assert "Terug naar SAMOS" in page
    assert "Escalatie: overdracht aan crisisbeheersing?" not in page  # closed, came back
    detail = client.get(
        reverse(
            "crisis:handover_detail", kwargs={"uuid": case.uuid, "handover_uuid": handover.uuid}
        )
    ).content.decode()
    assert "De blokkade is zonder incidenten beëindigd" in detail
    for session in case.sessions.all():
        assert client.get(session.get_absolute_url()).status_code == 200
