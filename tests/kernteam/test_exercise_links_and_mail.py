"""An exercise reads real signals but changes nothing about them; and everything an
exercise session sends — invitation subject and body, calendar item, reminder — says
OEFENING, to members and derden alike."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kernteam.ics import session_invitation_ics
from kernteam.models import CaseSignal
from kernteam.reminders import planned_sessions
from kernteam.services import case_link_signal, case_open, case_unlink_signal
from kernteam.services.convening import _invitation_message
from samos.accounts.roles import Role
from tests.factories import (
    AttendeeFactory,
    CaseFactory,
    SessionFactory,
    SignalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["nieuw", "bekeken", "gearchiveerd"])
def test_linking_a_real_signal_to_an_exercise_leaves_its_status_alone(status):
    member = UserFactory(roles=[Role.KERNTEAMLID])
    signal = SignalFactory(status=status)
    exercise = CaseFactory(oefening=True)
    case_link_signal(user=member, case_uuid=exercise.uuid, signal_uuid=signal.uuid)
    assert CaseSignal.objects.filter(case=exercise, signal=signal).exists()
    signal.refresh_from_db()
    assert signal.status == status
    case_unlink_signal(user=member, case_uuid=exercise.uuid, signal_uuid=signal.uuid)
    signal.refresh_from_db()
    assert signal.status == status


def test_opening_an_exercise_from_real_signals_leaves_them_alone():
    member = UserFactory(roles=[Role.KERNTEAMLID])
    signal = SignalFactory(status="nieuw")
    case = case_open(
        user=member,
        title="Oefenen",
        areas=[signal.area],
        signal_uuids=[signal.uuid],
        is_exercise=True,
        exercise_form="besluitvorming",
    )
    assert case.exercise.form == "besluitvorming" and case.exercise.facilitator == member
    signal.refresh_from_db()
    assert signal.status == "nieuw"


def test_leaving_an_exercise_keeps_a_real_cases_gekoppeld():
    member = UserFactory(roles=[Role.KERNTEAMLID])
    signal = SignalFactory(status="nieuw")
    real, exercise = CaseFactory(), CaseFactory(oefening=True)
    case_link_signal(user=member, case_uuid=real.uuid, signal_uuid=signal.uuid)
    case_link_signal(user=member, case_uuid=exercise.uuid, signal_uuid=signal.uuid)
    case_unlink_signal(user=member, case_uuid=real.uuid, signal_uuid=signal.uuid)
    signal.refresh_from_db()
    assert signal.status == "bekeken"  # no real case holds it: the exercise does not count


def test_an_exercise_signal_never_enters_a_real_case():
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    fake = SignalFactory(is_exercise=True)
    real = CaseFactory()
    with pytest.raises(Exception) as caught:
        case_link_signal(user=coordinator, case_uuid=real.uuid, signal_uuid=fake.uuid)
    assert caught.type.__name__ in ("Http404", "ValidationError")
    assert not CaseSignal.objects.filter(case=real).exists()


def test_the_link_service_refuses_exercise_material_for_a_real_case_directly():
    from kernteam.services.cases import _link

    coordinator = UserFactory(roles=[Role.COORDINATOR])
    with pytest.raises(ValidationError):
        _link(
            case=CaseFactory(),
            signal=SignalFactory(is_exercise=True),
            user=coordinator,
            request=None,
        )


@pytest.fixture
def exercise_session():
    session = SessionFactory(case=CaseFactory(oefening=True, title="Geheime titel"))
    member = AttendeeFactory(session=session)
    guest = AttendeeFactory(
        session=session, user=None, guest_name="Mevrouw Derde", guest_email="derde@school.example"
    )
    return session, member, guest


@pytest.mark.parametrize("who", ["member", "guest"])
def test_an_exercise_invitation_says_oefening_in_subject_body_and_calendar(exercise_session, who):
    session, member, guest = exercise_session
    attendee = member if who == "member" else guest
    message = _invitation_message(session, attendee, "iemand@voorbeeld.example")
    assert message.subject.startswith("OEFENING: ")
    assert "Geheime titel" not in message.subject
    assert "OEFENING" in message.body
    html = message.alternatives[0][0]
    assert "OEFENING" in html
    [(_name, calendar, _type)] = message.attachments
    assert "SUMMARY:OEFENING: Bijeenkomst kernteam" in calendar
    assert "OEFENING" in session_invitation_ics(session, attendee=attendee)


def test_a_real_invitation_does_not_say_oefening():
    session = SessionFactory()
    attendee = AttendeeFactory(session=session)
    message = _invitation_message(session, attendee, "iemand@voorbeeld.example")
    assert "OEFENING" not in message.subject + message.body
    assert "OEFENING" not in session_invitation_ics(session, attendee=attendee)


def test_reminders_of_an_exercise_session_say_oefening(exercise_session):
    session, _member, _guest = exercise_session
    real = SessionFactory(starts_at=session.starts_at)
    AttendeeFactory(session=real)
    deadlines = planned_sessions(now=timezone.now())
    mine = [d for d in deadlines if str(session.uuid) in d.key]
    others = [d for d in deadlines if str(real.uuid) in d.key]
    assert mine and others
    for deadline in mine:
        assert deadline.subject.startswith("OEFENING: ")
        assert deadline.summary.startswith("OEFENING: ")
    assert not any("OEFENING" in d.subject for d in others)


def test_the_convene_page_of_an_exercise_says_what_it_sends(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    from django.urls import reverse

    exercise, real = CaseFactory(oefening=True), CaseFactory()
    page = client.get(reverse("kernteam:session_convene", args=[exercise.uuid])).content.decode()
    assert "OEFENING — de uitnodigingen" in page
    page = client.get(reverse("kernteam:session_convene", args=[real.uuid])).content.decode()
    assert "OEFENING" not in page
