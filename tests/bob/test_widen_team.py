"""Widening the kernteam from the runner (Handreiking A2.1, "Breiden we het kernteam
uit?"): a member or a derde joins this session at once, a refusal stays in the runner,
and planning the next session lets the chair change who is invited."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kernteam.models import Attendee, Session
from samos.accounts.roles import Role
from tests.factories import AttendeeFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def runner(session, step):
    return reverse("bob:session_run", kwargs={"uuid": session.uuid}) + f"?stap={step}"


@pytest.fixture
def meeting(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair)
    stays = AttendeeFactory(session=session, user=UserFactory(roles=[Role.KERNTEAMLID])).user
    leaves = AttendeeFactory(session=session, user=UserFactory(roles=[Role.KERNTEAMLID])).user
    AttendeeFactory(session=session, user=None, guest_name="J. de Vries")
    return client, session, stays, leaves


def test_a_member_and_a_derde_join_this_session_from_the_runner(meeting):
    client, session, _stays, _leaves = meeting
    newcomer = UserFactory(roles=[Role.KERNTEAMLID], first_name="Nora", last_name="Nieuw")
    page = client.get(runner(session, "besluitvorming")).content.decode()
    assert "Het kernteam uitbreiden" in page and "J. de Vries" in page
    assert f'<option value="{newcomer.pk}">' in page
    added = client.post(
        reverse("bob:session_add_member", kwargs={"uuid": session.uuid}),
        {"stap": "besluitvorming", "member": newcomer.pk},
    )
    assert added.status_code == 302 and "besluitvorming" in added["Location"]
    assert Attendee.objects.filter(session=session, user=newcomer).exists()
    client.post(
        reverse("bob:session_widen_guest", kwargs={"uuid": session.uuid}),
        {"stap": "besluitvorming", "name": "Imam Yusuf", "organisation": "Moskee Al-Noor"},
    )
    assert Attendee.objects.filter(session=session, guest_name="Imam Yusuf").exists()


def test_a_refused_widening_stays_in_the_runner_with_what_was_typed(meeting):
    client, session, stays, _leaves = meeting
    twice = client.post(
        reverse("bob:session_add_member", kwargs={"uuid": session.uuid}),
        {"stap": "besluitvorming", "member": stays.pk},
    )
    assert twice.status_code == 200
    assert "Het kernteam uitbreiden" in twice.content.decode()
    assert 'id="foutmelding"' in twice.content.decode()
    nameless = client.post(
        reverse("bob:session_widen_guest", kwargs={"uuid": session.uuid}),
        {"stap": "besluitvorming", "name": "", "organisation": "Sportclub Rade"},
    )
    html = nameless.content.decode()
    assert nameless.status_code == 200 and "Geef de naam van de derde." in html
    assert 'value="Sportclub Rade"' in html
    assert Attendee.objects.filter(session=session).count() == 3


def test_planning_the_next_session_lets_the_chair_change_who_comes(meeting):
    client, session, stays, leaves = meeting
    newcomer = UserFactory(roles=[Role.COORDINATOR])
    page = client.get(runner(session, "vervolg")).content.decode()
    assert "Wie nodigen we uit?" in page
    when = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("bob:session_plan_next", kwargs={"uuid": session.uuid}),
        {
            "stap": "vervolg",
            "deelnemers_gekozen": "1",
            "kind": "vervolg",
            "starts_at": when,
            "location": "Dorpshuis",
            "members": [stays.pk, newcomer.pk],
        },
    )
    assert response.status_code == 302
    following = Session.objects.exclude(pk=session.pk).get()
    invited = set(following.attendees.filter(user__isnull=False).values_list("user", flat=True))
    assert stays.pk in invited and newcomer.pk in invited and leaves.pk not in invited
    assert not following.attendees.filter(user__isnull=True).exists()  # derden not ticked
