"""The life of a session: every allowed move works, every other one is refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kernteam import services
from kernteam.workflow import SESSION_TRANSITIONS, SessionStatus, session_can_move
from samos.accounts.roles import Role
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

SOON = timedelta(hours=3)


def _move(session, target, user):
    if target == SessionStatus.BEZIG and session.status == SessionStatus.GEPLAND:
        return services.session_start(user=user, session_uuid=session.uuid)
    if target == SessionStatus.BEZIG:
        return services.session_resume(user=user, session_uuid=session.uuid)
    if target == SessionStatus.GEPAUZEERD:
        return services.session_pause(
            user=user, session_uuid=session.uuid, resume_at=timezone.now() + SOON
        )
    if target == SessionStatus.AFGEROND:
        return services.session_finish(user=user, session_uuid=session.uuid)
    return services.session_cancel(user=user, session_uuid=session.uuid, reason="Gaat niet door")


@pytest.mark.parametrize("current", list(SessionStatus))
@pytest.mark.parametrize("target", [s for s in SessionStatus if s != SessionStatus.GEPLAND])
def test_the_transition_table_is_what_the_services_allow(current, target):
    session = SessionFactory(status=current)
    chair = session.chair
    if session_can_move(current, target):
        moved = _move(session, target, chair)
        assert moved.status == target
    else:
        with pytest.raises(ValidationError):
            _move(session, target, chair)
        session.refresh_from_db()
        assert session.status == current


def test_every_status_has_a_row_and_nothing_goes_back_to_planned():
    assert set(SESSION_TRANSITIONS) == set(SessionStatus.values)
    assert all(SessionStatus.GEPLAND not in targets for targets in SESSION_TRANSITIONS.values())


def test_only_the_chair_secretary_a_voorzitter_or_the_mayor_runs_the_session():
    session = SessionFactory(secretary=UserFactory(roles=[Role.COORDINATOR]))
    for outsider in (UserFactory(roles=[Role.KERNTEAMLID]), UserFactory(roles=[Role.COMMUNICATIE])):
        with pytest.raises(PermissionDenied):
            services.session_start(user=outsider, session_uuid=session.uuid)
    services.session_start(user=session.secretary, session_uuid=session.uuid)
    other_chair = UserFactory(roles=[Role.VOORZITTER])
    services.session_pause(
        user=other_chair, session_uuid=session.uuid, resume_at=timezone.now() + SOON
    )
    services.session_resume(user=UserFactory(roles=[Role.BURGEMEESTER]), session_uuid=session.uuid)


def test_a_pause_needs_a_moment_in_the_future():
    session = SessionFactory(bezig=True)
    for moment in (None, timezone.now() - timedelta(minutes=5)):
        with pytest.raises(ValidationError) as error:
            services.session_pause(user=session.chair, session_uuid=session.uuid, resume_at=moment)
        assert "resume_at" in error.value.message_dict
    session.refresh_from_db()
    assert session.status == SessionStatus.BEZIG


def test_a_session_of_a_closed_case_cannot_start():
    session = SessionFactory(case__gesloten=True)
    with pytest.raises(ValidationError):
        services.session_start(user=session.chair, session_uuid=session.uuid)


def test_only_a_closing_session_closes_its_case():
    first = SessionFactory(bezig=True)
    with pytest.raises(ValidationError):
        services.session_close_case(
            user=first.chair, session_uuid=first.uuid, evaluation="Te vroeg"
        )
    first.case.refresh_from_db()
    assert first.case.is_open
    last = SessionFactory(case=first.case, kind="laatste", bezig=True, chair=first.chair)
    with pytest.raises(PermissionDenied):
        services.session_close_case(
            user=UserFactory(roles=[Role.KERNTEAMLID]), session_uuid=last.uuid, evaluation="X"
        )
    services.session_close_case(user=last.chair, session_uuid=last.uuid, evaluation="Geleerd")
    last.case.refresh_from_db()
    assert not last.case.is_open and last.case.evaluation == "Geleerd"
