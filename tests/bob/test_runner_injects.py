"""The runner's injects block refreshes itself while an exercise session runs: htmx asks
bob:session_injects for the block, which says 204 while nothing new came in. The poll is
checked like the runner (deny by default, need-to-know, 404 for a real case)."""

import pytest
from django.test import Client
from django.urls import reverse

from kernteam import exercises
from kernteam.models import Exercise, ExerciseForm
from kernteam.services import session_start
from samos.accounts.roles import Role
from tests.factories import AttendeeFactory, CaseFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

FIRST = "De politie meldt twintig trekkers op een erf."
BY_HAND = "Een omroep vraagt om een reactie."


def poll_url(session, **params):
    url = reverse("bob:session_injects", kwargs={"uuid": session.uuid})
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{url}?{query}" if query else url


@pytest.fixture
def running(client, verified_login):
    """A running exercise session, a member at the table (logged in), one inject at the
    start and one the facilitator shows by hand."""
    facilitator = UserFactory(roles=[Role.COORDINATOR])
    case = CaseFactory(oefening=True, title="Oefening blokkade")
    exercise = Exercise.objects.create(case=case, form=ExerciseForm.CRISIS, facilitator=facilitator)
    exercises.exercise_inject_add(
        user=facilitator, case_uuid=case.uuid, text=FIRST, offset_minutes=0
    )
    by_hand = exercises.exercise_inject_add(
        user=facilitator, case_uuid=case.uuid, text=BY_HAND, offset_minutes=None
    )
    chair = UserFactory(roles=[Role.VOORZITTER])
    session = SessionFactory(case=case, chair=chair)
    member = verified_login(client, Role.KERNTEAMLID)
    AttendeeFactory(session=session, user=member)
    session_start(user=chair, session_uuid=session.uuid)
    session.refresh_from_db()
    return client, facilitator, case, exercise, session, by_hand


def test_the_runner_polls_its_injects_block_and_offers_a_plain_link(running):
    client, _facilitator, _case, _exercise, session, _by_hand = running
    page = client.get(f"{session.get_absolute_url()}?stap=motivering").content.decode()
    expected = poll_url(session, stap="motivering", **{"amp;binnen": 1})
    assert f'hx-get="{expected}"' in page
    assert 'hx-trigger="every 20s"' in page and 'hx-select="#injects-binnen"' in page
    assert 'hx-target="this"' in page  # not the runner's own #runner target
    assert f'href="{session.get_absolute_url()}?stap=motivering#injects">Vernieuwen' in page


def test_a_released_inject_appears_in_the_polled_block(running):
    client, facilitator, case, _exercise, session, by_hand = running
    response = client.get(poll_url(session, stap="motivering", binnen=1))
    assert response.status_code == 204  # nothing new: htmx leaves the list alone
    assert not response.content
    exercises.exercise_inject_release(
        user=facilitator, case_uuid=case.uuid, inject_uuid=by_hand.uuid
    )
    response = client.get(poll_url(session, stap="motivering", binnen=1))
    assert response.status_code == 200
    fragment = response.content.decode()
    assert FIRST in fragment and BY_HAND in fragment
    assert 'id="injects-binnen"' in fragment and "binnen=2" in fragment
    assert "<html" not in fragment  # only the block, not the runner page
    # Without a count (a first poll, or a hand-typed address) the block comes whole.
    assert client.get(poll_url(session)).status_code == 200


def test_the_poll_reads_little(running, django_assert_max_num_queries):
    client, *_rest, session, _by_hand = running
    with django_assert_max_num_queries(12):
        assert client.get(poll_url(session, stap="motivering", binnen=1)).status_code == 204


def test_a_finished_session_stops_the_polling(running):
    client, *_rest, session, _by_hand = running
    session.status = "afgerond"
    session.save(update_fields=["status"])
    response = client.get(poll_url(session, stap="motivering", binnen=1))
    assert response.status_code == 200  # drawn once more, without the trigger
    fragment = response.content.decode()
    assert FIRST in fragment and "hx-get" not in fragment
    page = client.get(session.get_absolute_url()).content.decode()
    assert "bob:session_injects" not in page and "/injects/" not in page


def test_the_poll_is_denied_like_the_runner(running, verified_login):
    _client, _facilitator, _case, _exercise, session, _by_hand = running
    url = poll_url(session, binnen=0)
    anonymous = Client()
    assert anonymous.get(url).status_code == 302  # to the login
    signaleerder = Client()
    verified_login(signaleerder, Role.SIGNALEERDER)
    assert signaleerder.get(url).status_code == 403
    # A besloten exercise is not read by a member who is not part of it.
    session.case.is_confidential = True
    session.case.save(update_fields=["is_confidential"])
    outsider = Client()
    verified_login(outsider, Role.KERNTEAMLID)
    assert outsider.get(url).status_code == 404
    assert outsider.get(session.get_absolute_url()).status_code == 404  # same as the runner


def test_a_real_case_has_no_injects_to_poll(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair)
    assert client.get(poll_url(session, binnen=0)).status_code == 404
    page = client.get(session.get_absolute_url()).content.decode()
    assert "/injects/" not in page and 'id="injects"' not in page
