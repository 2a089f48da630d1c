"""Cases: open from signals, link, phase history, close with evaluation, locking."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from kernteam.models import CaseSignal, PhaseChange
from kernteam.selectors import case_get_for, case_list_visible_for
from kernteam.services import (
    StaleVersion,
    case_close,
    case_link_signal,
    case_open,
    case_set_phase,
    case_unlink_signal,
)
from kernteam.workflow import Phase
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.factories import AreaFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return UserFactory(roles=[Role.KERNTEAMLID])


def open_case(user, **overrides):
    fields = {"user": user, "title": "Onrust rond azc Oldenmere", "areas": [AreaFactory()]}
    fields.update(overrides)
    return case_open(**fields)


def test_open_from_signals_links_them_and_marks_them_gekoppeld(member):
    first, second = SignalFactory(), SignalFactory(status="bekeken")
    case = open_case(member, areas=[], signal_uuids=[first.uuid, second.uuid])
    assert set(case.signals.all()) == {first, second}
    assert set(case.areas.all()) == {first.area, second.area}  # taken from the signals
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("gekoppeld", "gekoppeld")
    link = CaseSignal.objects.get(case=case, signal=first)
    assert link.linked_by == member
    assert case.phase_changes.get().to_phase == Phase.RUST


def test_cannot_open_from_a_signal_one_cannot_see(member):
    hidden = SignalFactory(vertrouwelijk=True)
    with pytest.raises(Http404):
        open_case(member, signal_uuids=[hidden.uuid])


@pytest.mark.parametrize("role", [Role.SIGNALEERDER, Role.BURGEMEESTER, Role.COMMUNICATIE])
def test_only_kernteam_roles_open_cases(role):
    with pytest.raises(PermissionDenied):
        open_case(UserFactory(roles=[role]))


def test_bad_input_is_refused(member):
    with pytest.raises(ValidationError) as error:
        open_case(member, title=" ", areas=[])
    assert {"title", "areas"} <= set(error.value.message_dict)


def test_link_and_unlink_are_audited(member):
    case = open_case(member)
    signal = SignalFactory()
    case_link_signal(user=member, case_uuid=case.uuid, signal_uuid=signal.uuid)
    case_link_signal(user=member, case_uuid=case.uuid, signal_uuid=signal.uuid)  # idempotent
    assert case.signals.count() == 1
    case_unlink_signal(user=member, case_uuid=case.uuid, signal_uuid=signal.uuid)
    assert case.signals.count() == 0
    actions = list(
        AuditEvent.objects.filter(object_id=str(case.uuid)).values_list("action", flat=True)
    )
    assert "casus.signaal_gekoppeld" in actions and "casus.signaal_ontkoppeld" in actions


def test_phase_history_with_reasons(member):
    case = open_case(member)
    case_set_phase(
        user=member,
        case_uuid=case.uuid,
        phase=Phase.DREIGENDE_ONRUST,
        reason="Pamfletten en online oproepen nemen toe",
    )
    case_set_phase(user=member, case_uuid=case.uuid, phase=Phase.ONRUST, reason="Demonstratie")
    history = [(c.from_phase, c.to_phase) for c in PhaseChange.objects.filter(case=case)]
    assert history == [("", "rust"), ("rust", "dreigende_onrust"), ("dreigende_onrust", "onrust")]
    with pytest.raises(ValidationError):
        case_set_phase(user=member, case_uuid=case.uuid, phase=Phase.ESCALATIE, reason=" ")


def test_optimistic_locking_refuses_a_stale_edit_and_changes_nothing(member):
    case = open_case(member)
    seen_version = case.version
    other = UserFactory(roles=[Role.COORDINATOR])
    case_set_phase(
        user=other,
        case_uuid=case.uuid,
        phase=Phase.ONRUST,
        reason="Eerst",
        expected_version=seen_version,
    )
    with pytest.raises(StaleVersion):
        case_set_phase(
            user=member,
            case_uuid=case.uuid,
            phase=Phase.ESCALATIE,
            reason="Tegelijk",
            expected_version=seen_version,
        )
    case.refresh_from_db()
    assert case.phase == Phase.ONRUST
    assert case.phase_changes.count() == 2


def test_close_needs_an_evaluation_and_blocks_new_signals(member):
    case = open_case(member)
    with pytest.raises(ValidationError):
        case_close(user=member, case_uuid=case.uuid, evaluation="")
    case_close(user=member, case_uuid=case.uuid, evaluation="Bewonersavond werkte de-escalerend.")
    case.refresh_from_db()
    assert not case.is_open and case.closed_at
    with pytest.raises(ValidationError):
        case_link_signal(user=member, case_uuid=case.uuid, signal_uuid=SignalFactory().uuid)


def test_who_reads_cases(member):
    case = open_case(member, is_exercise=True)
    for role in (Role.COORDINATOR, Role.VOORZITTER, Role.BURGEMEESTER, Role.COMMUNICATIE):
        assert case_get_for(user=UserFactory(roles=[role]), uuid=case.uuid) == case
    with pytest.raises(Http404):
        case_get_for(user=UserFactory(roles=[Role.SIGNALEERDER]), uuid=case.uuid)
    assert list(case_list_visible_for(user=member, include_exercises=False)) == []
    assert str(case).startswith("OEFENING")
