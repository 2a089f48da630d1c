"""Convening a session, inviting derden later, and recording attendance: every rule."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from kernteam.models import Attendee, KernteamMember, Session
from kernteam.services import attendance_record, session_add_guest, session_convene
from kernteam.workflow import AttendanceStatus
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.factories import (
    AttendeeFactory,
    CaseFactory,
    KernteamMemberFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def in_days(days: int, hour: int = 19) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 30), tzinfo=AMS)


@pytest.fixture
def kernteam():
    """chair (voorzitter), secretary (coördinator) and two members of the standing kernteam."""
    chair = KernteamMemberFactory(
        user=UserFactory(roles=[Role.VOORZITTER]),
        is_chair=True,
        function=KernteamMember.Function.BURGEMEESTER,
    )
    secretary = KernteamMemberFactory(
        user=UserFactory(roles=[Role.COORDINATOR]),
        is_secretary=True,
        function=KernteamMember.Function.GEMEENTE,
    )
    police = KernteamMemberFactory()
    welfare = KernteamMemberFactory(function=KernteamMember.Function.WELZIJN)
    return {
        "chair": chair.user,
        "secretary": secretary.user,
        "police": police.user,
        "welfare": welfare.user,
    }


@pytest.fixture
def convener():
    return UserFactory(roles=[Role.KERNTEAMLID])


@pytest.fixture
def case():
    return CaseFactory(title="Onrust rond azc Oldenmere")


def convene(user, case, **overrides):
    fields = {
        "user": user,
        "case_uuid": case.uuid,
        "kind": "eerste",
        "starts_at": in_days(2),
        "location": "Gemeentehuis, kamer 2",
    }
    fields.update(overrides)
    return session_convene(**fields)


def field_errors(excinfo) -> dict:
    return excinfo.value.message_dict


# --- session_convene -------------------------------------------------------------------


def test_convene_creates_the_session_with_defaults_and_attendees(kernteam, convener, case):
    session = convene(
        convener,
        case,
        members=[kernteam["police"], kernteam["welfare"]],
        guests=[
            {
                "name": "J. de Vries",
                "organisation": "OBS De Linde",
                "role": "directeur",
                "email": "J.deVries@School.example",
            },
        ],
        agenda="Onrust na de informatieavond",
    )
    assert session.case == case
    assert session.status == "gepland"
    assert session.convened_by == convener
    # The standing kernteam's chair and secretary, since none were given.
    assert session.chair == kernteam["chair"]
    assert session.secretary == kernteam["secretary"]
    members = {a.user for a in session.attendees.filter(user__isnull=False)}
    assert members == {
        convener,
        kernteam["chair"],
        kernteam["secretary"],
        kernteam["police"],
        kernteam["welfare"],
    }
    guest = session.attendees.get(user__isnull=True)
    assert (guest.guest_name, guest.guest_organisation, guest.guest_role) == (
        "J. de Vries",
        "OBS De Linde",
        "directeur",
    )
    assert guest.guest_email == "j.devries@school.example"
    assert guest.invitation_sent_at is None
    event = AuditEvent.objects.get(action="bijeenkomst.bijeengeroepen")
    assert event.actor == convener
    assert event.object_id == str(session.uuid)
    assert event.details == {"casus": str(case.uuid), "soort": "eerste", "leden": 5, "derden": 1}


def test_explicit_chair_and_secretary_win_and_nobody_is_invited_twice(kernteam, convener, case):
    other_chair = UserFactory(roles=[Role.VOORZITTER])
    session = convene(
        convener,
        case,
        chair=other_chair,
        secretary=convener,
        members=[convener, other_chair, kernteam["police"], kernteam["police"]],
    )
    assert (session.chair, session.secretary) == (other_chair, convener)
    assert session.attendees.count() == 3


def test_without_a_standing_kernteam_chair_and_secretary_stay_empty(convener, case):
    session = convene(convener, case)
    assert session.chair is None
    assert session.secretary is None
    assert list(session.attendees.values_list("user", flat=True)) == [convener.pk]


def test_online_only_is_enough(convener, case):
    session = convene(convener, case, location="", online_link="https://meet.example/abc")
    assert session.online_link == "https://meet.example/abc"


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.KERNTEAMLID, Role.VOORZITTER])
def test_every_kernteam_role_may_convene(role, case):
    assert convene(UserFactory(roles=[role]), case).pk


@pytest.mark.parametrize("role", [Role.COMMUNICATIE, Role.SIGNALEERDER, Role.BEHEERDER])
def test_other_roles_may_not_convene(role, case):
    with pytest.raises(PermissionDenied):
        convene(UserFactory(roles=[role]), case)
    assert Session.objects.count() == 0


def test_unknown_case_is_not_found(convener):
    class Missing:
        uuid = "00000000-0000-0000-0000-000000000000"

    with pytest.raises(Http404):
        convene(convener, Missing)


def test_closed_case_is_refused(convener):
    closed = CaseFactory(gesloten=True)
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, closed)
    assert "gesloten" in field_errors(excinfo)["__all__"][0]
    assert Session.objects.count() == 0


@pytest.mark.parametrize(
    ("starts_at", "message"),
    [
        (None, "Kies de datum en de tijd"),
        (datetime.datetime(2031, 1, 15, 19, 30), "tijdzone"),  # naive
        (timezone.now() - datetime.timedelta(hours=1), "verleden"),
    ],
    ids=["missing", "naive", "past"],
)
def test_the_moment_must_be_aware_and_not_past(convener, case, starts_at, message):
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, case, starts_at=starts_at)
    assert message in field_errors(excinfo)["starts_at"][0]
    assert Session.objects.count() == 0


def test_the_current_minute_still_counts_as_now(convener, case):
    now = timezone.now().replace(second=0, microsecond=0)
    assert convene(convener, case, starts_at=now).starts_at == now


def test_a_place_or_a_link_is_required(convener, case):
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, case, location="  ", online_link="")
    assert field_errors(excinfo)["location"] == [
        "Geef een plaats of een link voor online deelname."
    ]


@pytest.mark.parametrize("link", ["javascript:alert(1)", "meet", "ftp://meet.example/x"])
def test_the_online_link_must_be_a_web_address(convener, case, link):
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, case, online_link=link)
    assert "https://" in field_errors(excinfo)["online_link"][0]


def test_unknown_kind_is_refused(convener, case):
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, case, kind="extra")
    assert field_errors(excinfo)["kind"] == ["Kies de soort bijeenkomst."]


def test_a_second_eerste_is_refused(convener, case):
    convene(convener, case)
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, case, starts_at=in_days(3))
    assert "al een eerste bijeenkomst" in field_errors(excinfo)["kind"][0]
    assert case.sessions.count() == 1


def test_a_cancelled_eerste_does_not_block_a_new_one(convener, case):
    SessionFactory(case=case, status="geannuleerd")
    assert convene(convener, case).kind == "eerste"


@pytest.mark.parametrize("kind", ["vervolg", "laatste"])
def test_vervolg_and_laatste_need_an_earlier_session(convener, case, kind):
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, case, kind=kind)
    assert "nog geen eerdere bijeenkomst" in field_errors(excinfo)["kind"][0]


@pytest.mark.parametrize("kind", ["vervolg", "laatste"])
def test_vervolg_and_laatste_after_an_eerste(convener, case, kind):
    SessionFactory(case=case, starts_at=in_days(1), afgerond=True)
    assert convene(convener, case, kind=kind, starts_at=in_days(5)).kind == kind


def test_a_cancelled_or_later_session_is_no_earlier_session(convener, case):
    SessionFactory(case=case, starts_at=in_days(1), status="geannuleerd")
    SessionFactory(case=case, kind="vervolg", starts_at=in_days(9))
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, case, kind="vervolg", starts_at=in_days(5))
    assert "kind" in field_errors(excinfo)


def test_only_kernteam_people_are_invited_as_members(kernteam, convener, case):
    outsider = UserFactory(roles=[Role.SIGNALEERDER], first_name="Sanne", last_name="Buiten")
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, case, members=[kernteam["police"], outsider])
    assert "Sanne Buiten" in field_errors(excinfo)["members"][0]
    assert Session.objects.count() == 0


def test_an_active_seat_counts_even_without_a_kernteam_role(convener, case):
    mayor = KernteamMemberFactory(
        user=UserFactory(roles=[Role.BURGEMEESTER]),
        function=KernteamMember.Function.BURGEMEESTER,
    ).user
    session = convene(convener, case, members=[mayor])
    assert session.attendees.filter(user=mayor).exists()


def test_an_inactive_seat_or_account_is_not_invitable(convener, case):
    gone = KernteamMemberFactory(is_active=False, user=UserFactory(roles=[]))
    blocked = UserFactory(roles=[Role.KERNTEAMLID], is_active=False)
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, case, members=[gone.user, blocked])
    assert "members" in field_errors(excinfo)


@pytest.mark.parametrize("field", ["chair", "secretary"])
def test_chair_and_secretary_must_be_kernteam_people(convener, case, field):
    outsider = UserFactory(roles=[Role.COMMUNICATIE])
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, case, **{field: outsider})
    assert "geen lid van het kernteam" in field_errors(excinfo)[field][0]


def test_guests_need_a_name_and_a_valid_address(convener, case):
    with pytest.raises(ValidationError) as excinfo:
        convene(
            convener,
            case,
            guests=[
                {"name": "", "organisation": "Jongerenwerk"},
                {"name": "A. Bakker", "email": "geen-adres"},
                {"name": "x" * 121},
            ],
        )
    messages = field_errors(excinfo)["guests"]
    assert messages == [
        "Derde 1: Geef de naam van de derde.",
        "Derde 2: Dit is geen geldig e-mailadres.",
        "Derde 3: Ten hoogste 120 tekens.",
    ]
    assert Attendee.objects.count() == 0


def test_all_problems_are_reported_at_once(convener, case):
    with pytest.raises(ValidationError) as excinfo:
        convene(convener, case, kind="vervolg", starts_at=None, location="")
    assert set(field_errors(excinfo)) == {"kind", "starts_at", "location"}


def test_invitations_are_queued_after_commit(convener, case, django_capture_on_commit_callbacks):
    with mock.patch("kernteam.tasks.send_session_invitations.apply_async") as delay:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            session = convene(convener, case)
    assert len(callbacks) == 1
    delay.assert_called_once()
    assert delay.call_args.kwargs["args"] == (session.pk,)


def test_a_rolled_back_transaction_queues_nothing(
    convener, case, django_capture_on_commit_callbacks
):
    with mock.patch("kernteam.tasks.send_session_invitations.apply_async") as delay:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(RuntimeError), transaction.atomic():
                convene(convener, case)
                raise RuntimeError("later step failed")
    assert callbacks == []
    delay.assert_not_called()
    assert Session.objects.count() == 0


def test_a_refused_convene_queues_nothing(convener, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(ValidationError):
            convene(convener, case, location="")
    assert callbacks == []


# --- session_add_guest -----------------------------------------------------------------


def test_add_a_guest_later(convener, case, django_capture_on_commit_callbacks):
    session = convene(convener, case)
    with mock.patch("kernteam.tasks.send_session_invitations.apply_async") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            guest = session_add_guest(
                user=convener,
                session_uuid=session.uuid,
                name=" P. Jansen ",
                organisation="Woonstede",
                role="wijkconsulent",
                email="p.jansen@woonstede.example",
            )
    delay.assert_called_once()
    assert delay.call_args.kwargs["args"] == (session.pk,)
    assert guest.is_guest
    assert (guest.guest_name, guest.guest_email) == ("P. Jansen", "p.jansen@woonstede.example")
    event = AuditEvent.objects.get(action="bijeenkomst.derde_uitgenodigd")
    assert event.details == {"deelnemer": str(guest.uuid)}  # no name in the log


def test_add_guest_field_errors(convener, case):
    session = convene(convener, case)
    with pytest.raises(ValidationError) as excinfo:
        session_add_guest(user=convener, session_uuid=session.uuid, name="", email="kapot@")
    assert field_errors(excinfo) == {
        "name": ["Geef de naam van de derde."],
        "email": ["Dit is geen geldig e-mailadres."],
    }


@pytest.mark.parametrize("status", ["afgerond", "geannuleerd"])
def test_no_guests_for_a_finished_session(convener, status):
    session = SessionFactory(status=status, convened_by=convener)
    with pytest.raises(ValidationError):
        session_add_guest(user=convener, session_uuid=session.uuid, name="P. Jansen")
    assert not session.attendees.exists()


def test_a_mayor_may_add_guests_to_any_session_she_may_chair():
    session = SessionFactory()
    mayor = UserFactory(roles=[Role.BURGEMEESTER])
    assert session_add_guest(user=mayor, session_uuid=session.uuid, name="X").pk


def test_a_mayor_who_chairs_the_session_can_add_guests():
    mayor = UserFactory(roles=[Role.BURGEMEESTER])
    session = SessionFactory(chair=mayor)
    assert session_add_guest(user=mayor, session_uuid=session.uuid, name="X").pk


# --- attendance_record -----------------------------------------------------------------


@pytest.fixture
def session_with_people():
    session = SessionFactory(bezig=True)
    member = AttendeeFactory(session=session)
    other = AttendeeFactory(session=session)
    guest = AttendeeFactory(session=session, user=None, guest_name="J. de Vries")
    return session, member, other, guest


def test_attendance_records_each_status_and_audits_the_counts(session_with_people):
    session, member, other, guest = session_with_people
    attendance_record(
        user=session.chair,
        session_uuid=session.uuid,
        attendance={
            str(member.uuid): AttendanceStatus.AANWEZIG,
            other.uuid: AttendanceStatus.AFWEZIG_MET_BERICHT,
            guest.uuid: AttendanceStatus.TE_LAAT,
        },
    )
    recorded = dict(session.attendees.values_list("pk", "attendance"))
    assert recorded == {
        member.pk: "aanwezig",
        other.pk: "afwezig_met_bericht",
        guest.pk: "te_laat",
    }
    event = AuditEvent.objects.get(action="bijeenkomst.aanwezigheid_vastgelegd")
    assert event.details["aanwezig"] == 1
    assert event.details["later_aangeschoven"] == 1
    assert event.details["afwezig_met_bericht"] == 1
    # Recorded again: only the named attendee changes.
    attendance_record(
        user=session.chair,
        session_uuid=session.uuid,
        attendance={member.uuid: AttendanceStatus.AFWEZIG_ZONDER_BERICHT},
    )
    member.refresh_from_db()
    other.refresh_from_db()
    assert member.attendance == "afwezig_zonder_bericht"
    assert other.attendance == "afwezig_met_bericht"


def test_nobody_is_present_by_default(session_with_people):
    session, *_people = session_with_people
    assert set(session.attendees.values_list("attendance", flat=True)) == {""}
    assert not any(attendee.is_present for attendee in session.attendees.all())


def test_attendance_refuses_attendees_of_another_session(session_with_people):
    session, member, _other, _guest = session_with_people
    stranger = AttendeeFactory()
    with pytest.raises(ValidationError) as excinfo:
        attendance_record(
            user=session.chair,
            session_uuid=session.uuid,
            attendance={member.uuid: "aanwezig", stranger.uuid: "aanwezig"},
        )
    assert "attendance" in field_errors(excinfo)
    assert set(session.attendees.values_list("attendance", flat=True)) == {""}


def test_attendance_refuses_an_unknown_status(session_with_people):
    session, member, other, _guest = session_with_people
    with pytest.raises(ValidationError) as excinfo:
        attendance_record(
            user=session.chair,
            session_uuid=session.uuid,
            attendance={member.uuid: "aanwezig", other.uuid: "<script>"},
        )
    assert "attendance" in field_errors(excinfo)
    assert set(session.attendees.values_list("attendance", flat=True)) == {""}


def test_attendance_only_by_who_runs_the_session(session_with_people):
    session, member, _other, _guest = session_with_people
    with pytest.raises(PermissionDenied):
        attendance_record(
            user=member.user, session_uuid=session.uuid, attendance={member.uuid: "aanwezig"}
        )
    voorzitter = UserFactory(roles=[Role.VOORZITTER])  # may take over from the chair
    attendance_record(
        user=voorzitter, session_uuid=session.uuid, attendance={member.uuid: "aanwezig"}
    )
    member.refresh_from_db()
    assert member.is_present


def test_no_attendance_for_a_cancelled_session():
    session = SessionFactory(status="geannuleerd")
    with pytest.raises(ValidationError):
        attendance_record(user=session.chair, session_uuid=session.uuid, attendance={})


def test_with_the_queue_down_convening_still_works_and_the_sweep_mails_once(
    client, verified_login, mailoutbox, django_capture_on_commit_callbacks
):
    """Redis stopped: publishing raises. The session is convened all the same (no error
    page), and the sweep mails the invitations once the worker runs again."""
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone
    from freezegun import freeze_time
    from kombu.exceptions import OperationalError

    from kernteam.models import Session
    from kernteam.services import session_invitations_sweep
    from tests.factories import CaseFactory

    KernteamMemberFactory(user=UserFactory(roles=[Role.VOORZITTER]), is_chair=True)
    verified_login(client, Role.KERNTEAMLID)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    refused = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with (
        mock.patch(
            "kernteam.tasks.send_session_invitations.apply_async", side_effect=refused
        ) as publish,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("kernteam:session_convene", args=[CaseFactory().uuid]),
            {"kind": "eerste", "date": tomorrow, "time": "19:30", "location": "Gemeentehuis"},
        )
    assert response.status_code == 302
    publish.assert_called_once()  # it was tried, and refused
    session = Session.objects.get()
    assert not mailoutbox
    assert session.attendees.filter(invitation_sent_at__isnull=True).count() >= 2

    assert session_invitations_sweep().sent == 0  # too fresh: the queue may still come
    with freeze_time(timezone.now() + timedelta(minutes=11)):
        first = session_invitations_sweep()
        again = session_invitations_sweep()
    assert first.sent == len(mailoutbox) >= 2 and again.sent == 0
    assert not session.attendees.filter(invitation_sent_at__isnull=True).exists()
