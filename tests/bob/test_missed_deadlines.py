"""Deadlines overdue for longer than the reminders look back (MISSED_AFTER) are "gemist":
no more mail, but they stay on every list, marked "gemist" instead of "te laat" — none
drops out silently."""

import datetime
import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from bob import reminders
from bob.models import InformationRequest
from samos.accounts.roles import Role
from samos.reminders.models import SentReminder
from samos.reminders.registry import MISSED_AFTER
from samos.reminders.services import reminders_send_due
from tests.factories import ActionFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
BOB_SOURCES = [
    ("bob.actions", reminders.open_actions),
    ("bob.information_requests", reminders.open_information_requests),
]


@pytest.fixture
def only_bob_sources():
    with mock.patch("samos.reminders.services.registered_sources", return_value=list(BOB_SOURCES)):
        yield


def text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def row_of(page: str, title: str) -> str:
    return page.split(title, 1)[1].split("</tr>", 1)[0]


def information_request(*, deadline, question, session=None):
    session = session or SessionFactory()
    return InformationRequest.objects.create(
        case=session.case,
        session=session,
        question=question,
        source="Wijkagent",
        requested_by=UserFactory(roles=[Role.KERNTEAMLID]),
        deadline=deadline,
        created_by=session.chair,
    )


@pytest.mark.parametrize("days_late", range(0, 12))
def test_every_open_overdue_action_is_either_still_reminded_or_marked_gemist(days_late):
    """The seam the issue is about: the day the source stops yielding a deadline is the
    day the lists start saying "gemist" — no day in between where it is neither."""
    today = timezone.localdate()
    action = ActionFactory(due_date=today - days_late * DAY)
    yielded = {deadline.key for deadline in reminders.open_actions(now=timezone.now())}
    reminded = any(key.startswith(f"bob.action:{action.uuid}:due:") for key in yielded)
    assert reminded != action.is_missed
    assert action.is_missed == (days_late > MISSED_AFTER.days)
    assert action.is_overdue == (days_late > 0)


@pytest.mark.parametrize("hours_late", [1, 24 * 7 - 1, 24 * 7 + 1, 24 * 30])
def test_every_open_overdue_information_request_is_reminded_or_gemist(hours_late):
    info = information_request(
        deadline=timezone.now() - datetime.timedelta(hours=hours_late), question="Hoeveel?"
    )
    yielded = {d.key for d in reminders.open_information_requests(now=timezone.now())}
    reminded = any(key.startswith(f"bob.information_request:{info.uuid}:") for key in yielded)
    assert reminded != info.is_missed
    assert info.is_missed == (hours_late > 24 * 7)


def test_done_work_is_never_gemist():
    old = timezone.localdate() - 30 * DAY
    assert not ActionFactory(due_date=old, status="uitgevoerd").is_missed
    info = information_request(deadline=timezone.now() - 30 * DAY, question="Al binnen?")
    info.status = "ontvangen"
    assert not info.is_missed


def test_a_long_overdue_action_is_listed_as_gemist_and_gets_no_more_mail(
    client, verified_login, only_bob_sources, mailoutbox
):
    today = timezone.localdate()
    coordinator = verified_login(client, Role.COORDINATOR)
    missed = ActionFactory(
        title="Buurtavond organiseren", due_date=today - 10 * DAY, coordinator=coordinator
    )
    late = ActionFactory(
        title="Wijkagent bellen", due_date=today - 2 * DAY, coordinator=coordinator
    )
    ActionFactory(title="Later nog", due_date=today + 5 * DAY, coordinator=coordinator)

    assert reminders_send_due(now=timezone.now()).sent == 2  # the late one's "na", twice
    assert {m.to[0] for m in mailoutbox} == {late.executor.email, coordinator.email}
    assert not SentReminder.objects.filter(key__contains=str(missed.uuid)).exists()

    listing = text(client.get(reverse("bob:action_list")))
    mine, everything = listing.split("Alle open acties", 1)
    for section in (mine, everything):
        assert '<span class="badge text-bg-danger">gemist</span>' in row_of(
            section, "Buurtavond organiseren"
        )
        assert "te laat" in row_of(section, "Wijkagent bellen")
        assert "gemist" not in row_of(section, "Wijkagent bellen")
        assert "gemist" not in row_of(section, "Later nog")
        assert "te laat" not in row_of(section, "Later nog")
    # Still first in the coordinators' overview: overdue first, the oldest on top.
    assert everything.index("Buurtavond organiseren") < everything.index("Wijkagent bellen")

    detail = text(client.get(reverse("bob:action_detail", args=[missed.uuid])))
    assert "<strong>(gemist)</strong>" in detail
    detail = text(client.get(reverse("bob:action_detail", args=[late.uuid])))
    assert "<strong>(te laat)</strong>" in detail


def test_the_case_page_marks_missed_actions_and_information_requests(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    session = SessionFactory()
    case = session.case
    now = timezone.now()
    information_request(session=session, deadline=now - 9 * DAY, question="Cijfers politie")
    information_request(session=session, deadline=now - 2 * DAY, question="Cijfers school")
    ActionFactory(case=case, title="Flyer verspreiden", due_date=timezone.localdate() - 8 * DAY)
    page = text(client.get(reverse("kernteam:case_detail", args=[case.uuid])))
    politie = page.split("Cijfers politie", 1)[1].split("</li>", 1)[0]
    school = page.split("Cijfers school", 1)[1].split("</li>", 1)[0]
    flyer = page.split("Flyer verspreiden", 1)[1].split("</li>", 1)[0]
    assert "<strong>gemist</strong>" in politie and "te laat" not in politie
    assert "<strong>te laat</strong>" in school and "gemist" not in school
    assert "<strong>gemist</strong>" in flyer
