"""SMART actions: agreeing one (every SMART refusal), editing it, reporting progress along
ACTION_TRANSITIONS, optimistic locking, permissions, and the selectors' visibility."""

import datetime
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from bob.models import Action, ActionUpdate, Decision, DecisionList
from bob.selectors import (
    action_get_for,
    action_list_for_case,
    action_list_mine,
    action_list_open_for_case,
    action_list_open_overdue_first,
    action_list_visible_for,
)
from bob.services import (
    ACTION_MESSAGES,
    StaleVersion,
    action_create,
    action_report_progress,
    action_update,
)
from bob.workflow import ACTION_TRANSITIONS, OPEN_ACTION_STATUSES, ActionStatus
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.factories import (
    ActionFactory,
    CaseFactory,
    SessionFactory,
    SignalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def member(role=Role.KERNTEAMLID, **fields):
    return UserFactory(roles=[role], **fields)


def smart(**overrides):
    """Keyword arguments of a sound action, with OVERRIDES."""
    values = {
        "title": "Buurtgesprek organiseren",
        "intended_result": "Bewoners weten wat er speelt en waar ze terecht kunnen.",
        "due_date": TODAY() + 7 * DAY,
        "coordinator": member(Role.COORDINATOR),
        "executor": member(),
    }
    values.update(overrides)
    return values


def message(key) -> str:
    return str(ACTION_MESSAGES[key])


# --- agreeing an action -----------------------------------------------------------------


def test_the_chair_agrees_an_action_in_a_session():
    session = SessionFactory(bezig=True)
    action = action_create(
        user=session.chair,
        case_uuid=session.case.uuid,
        session_uuid=session.uuid,
        third_party="Woningcorporatie Thuis",
        arranged_by=member(),
        report_back_on=TODAY() + 3 * DAY,
        **smart(executor=None),
    )
    assert action.session == session
    assert action.case == session.case
    assert action.status == ActionStatus.OPEN
    assert action.version == 1
    assert action.carried_out_by == "Woningcorporatie Thuis"
    event = AuditEvent.objects.get(action="actie.aangemaakt")
    assert event.object_id == str(action.uuid)
    assert event.details["bijeenkomst"] == str(session.uuid)


def test_a_kernteam_member_agrees_an_action_outside_a_session():
    case = CaseFactory()
    user = member()
    action = action_create(user=user, case_uuid=case.uuid, **smart(coordinator=user))
    assert action.session is None
    assert action.created_by == user


def test_an_action_can_follow_from_a_decision_of_its_case():
    session = SessionFactory(bezig=True)
    decisions = DecisionList.objects.create(session=session)
    decision = Decision.objects.create(
        decision_list=decisions,
        number=1,
        stage="besluitvorming",
        text="Gesprek",
        created_by=session.chair,
    )
    action = action_create(
        user=session.chair,
        case_uuid=session.case.uuid,
        session_uuid=session.uuid,
        decision_uuid=decision.uuid,
        **smart(),
    )
    assert action.decision == decision
    other = SessionFactory(bezig=True, chair=session.chair)
    with pytest.raises(ValidationError) as refused:
        action_create(
            user=session.chair,
            case_uuid=other.case.uuid,
            session_uuid=other.uuid,
            decision_uuid=decision.uuid,
            **smart(),
        )
    assert refused.value.message_dict == {"decision": [message("decision_other_case")]}


@pytest.mark.parametrize(
    ("overrides", "field", "key"),
    [
        ({"title": "  "}, "title", "title_required"),
        ({"intended_result": ""}, "intended_result", "result_required"),
        ({"due_date": None}, "due_date", "due_required"),
        ({"due_date": "yesterday"}, "due_date", "due_past"),
        ({"executor": None}, "executor", "owner_required"),
        ({"executor": None, "third_party": "Jongerenwerk"}, "arranged_by", "arranger_required"),
        ({"arranged_by": "member"}, "third_party", "arranger_without_third_party"),
        ({"coordinator": None}, "coordinator", "coordinator_required"),
        ({"coordinator": "signaleerder"}, "coordinator", "not_kernteam"),
        ({"executor": "signaleerder"}, "executor", "not_kernteam"),
        ({"report_back_on": "yesterday"}, "report_back_on", "report_back_past"),
    ],
)
def test_every_smart_refusal_names_its_field_and_saves_nothing(overrides, field, key):
    replacements = {
        "yesterday": TODAY() - DAY,
        "member": member(),
        "signaleerder": UserFactory(roles=[Role.SIGNALEERDER]),
    }
    values = smart(
        **{
            name: replacements.get(value, value) if isinstance(value, str) else value
            for name, value in overrides.items()
        }
    )
    case = CaseFactory()
    with pytest.raises(ValidationError) as refused:
        action_create(user=member(), case_uuid=case.uuid, **values)
    assert refused.value.message_dict == {field: [message(key)]}
    assert Action.objects.count() == 0
    assert not AuditEvent.objects.filter(action="actie.aangemaakt").exists()


def test_due_today_is_fine_and_all_refusals_come_at_once():
    case = CaseFactory()
    assert action_create(user=member(), case_uuid=case.uuid, **smart(due_date=TODAY()))
    with pytest.raises(ValidationError) as refused:
        action_create(
            user=member(),
            case_uuid=case.uuid,
            **smart(title="", due_date=None, executor=None, coordinator=None),
        )
    assert set(refused.value.message_dict) == {"title", "due_date", "executor", "coordinator"}


def test_an_inactive_coordinator_is_refused():
    case = CaseFactory()
    gone = member(Role.COORDINATOR, is_active=False)
    with pytest.raises(ValidationError) as refused:
        action_create(user=member(), case_uuid=case.uuid, **smart(coordinator=gone))
    assert refused.value.message_dict == {"coordinator": [message("not_kernteam")]}


def test_who_may_agree_an_action():
    session = SessionFactory(bezig=True)
    case = session.case
    # Outside a session: kernteam roles only (the mayor reads cases but does not edit them).
    with pytest.raises(PermissionDenied):
        action_create(user=member(Role.BURGEMEESTER), case_uuid=case.uuid, **smart())
    with pytest.raises(Http404):
        action_create(user=member(Role.SIGNALEERDER), case_uuid=case.uuid, **smart())
    # In a session: its chair or secretary (or a voorzitter), not any member.
    with pytest.raises(PermissionDenied):
        action_create(user=member(), case_uuid=case.uuid, session_uuid=session.uuid, **smart())
    secretary = member()
    session.secretary = secretary
    session.save(update_fields=["secretary"])
    assert action_create(user=secretary, case_uuid=case.uuid, session_uuid=session.uuid, **smart())
    # The session must belong to the case.
    with pytest.raises(ValidationError) as refused:
        action_create(
            user=secretary, case_uuid=CaseFactory().uuid, session_uuid=session.uuid, **smart()
        )
    assert refused.value.messages == [message("session_other_case")]
    assert Action.objects.count() == 1


def test_a_closed_case_gets_no_new_actions():
    case = CaseFactory(gesloten=True)
    with pytest.raises(ValidationError) as refused:
        action_create(user=member(), case_uuid=case.uuid, **smart())
    assert refused.value.messages == [message("case_closed")]
    assert Action.objects.count() == 0


# --- editing ------------------------------------------------------------------------------


def test_editing_bumps_the_version_and_is_audited():
    action = ActionFactory()
    updated = action_update(
        user=action.coordinator,
        action_uuid=action.uuid,
        expected_version=1,
        title="Buurtgesprek in de bibliotheek",
        target_group="Bewoners van de Dorpsstraat",
    )
    assert updated.version == 2
    action.refresh_from_db()
    assert action.title == "Buurtgesprek in de bibliotheek"
    event = AuditEvent.objects.get(action="actie.gewijzigd")
    assert event.details == {"velden": ["title", "target_group"]}


def test_a_stale_edit_is_refused_and_changes_nothing():
    action = ActionFactory()
    action_update(user=action.coordinator, action_uuid=action.uuid, expected_version=1, title="A")
    with pytest.raises(StaleVersion):
        action_update(user=action.executor, action_uuid=action.uuid, expected_version=1, title="B")
    action.refresh_from_db()
    assert (action.title, action.version) == ("A", 2)


def test_an_edit_gets_the_same_smart_check():
    action = ActionFactory()
    with pytest.raises(ValidationError) as refused:
        action_update(
            user=action.executor,
            action_uuid=action.uuid,
            expected_version=1,
            executor=None,
            due_date=TODAY() - DAY,
        )
    assert refused.value.message_dict == {
        "due_date": [message("due_past")],
        "executor": [message("owner_required")],
    }
    action.refresh_from_db()
    assert action.executor is not None
    assert action.version == 1


def test_an_overdue_action_can_be_corrected_without_moving_its_date():
    action = ActionFactory(due_date=TODAY() - 3 * DAY)
    action_update(user=action.executor, action_uuid=action.uuid, expected_version=1, title="X")
    action.refresh_from_db()
    assert action.title == "X"


def test_only_the_involved_and_coordinators_may_edit():
    action = ActionFactory()
    with pytest.raises(PermissionDenied):
        action_update(user=member(), action_uuid=action.uuid, expected_version=1, title="X")
    with pytest.raises(PermissionDenied):
        action_update(
            user=member(Role.VOORZITTER), action_uuid=action.uuid, expected_version=1, title="X"
        )
    with pytest.raises(PermissionDenied):  # she reads it, but does not carry it
        action_update(
            user=member(Role.BURGEMEESTER), action_uuid=action.uuid, expected_version=1, title="X"
        )
    assert (
        action_update(
            user=member(Role.COORDINATOR), action_uuid=action.uuid, expected_version=1, title="X"
        ).title
        == "X"
    )


@pytest.mark.parametrize("status", [ActionStatus.UITGEVOERD, ActionStatus.VERVALLEN])
def test_done_and_dropped_actions_are_final(status):
    action = ActionFactory(status=status)
    with pytest.raises(ValidationError) as refused:
        action_update(
            user=action.coordinator, action_uuid=action.uuid, expected_version=1, title="X"
        )
    assert refused.value.messages == [message("final")]
    with pytest.raises(ValidationError):
        action_report_progress(user=action.coordinator, action_uuid=action.uuid, note="Nog iets")
    action.refresh_from_db()
    assert action.title != "X"
    assert not action.updates.exists()


def test_unknown_fields_are_a_programming_error():
    action = ActionFactory()
    with pytest.raises(TypeError):
        action_update(
            user=action.coordinator, action_uuid=action.uuid, expected_version=1, status="x"
        )


# --- progress -----------------------------------------------------------------------------

ALL_MOVES = list(itertools.permutations(ActionStatus.values, 2))


@pytest.mark.parametrize(("current", "target"), ALL_MOVES)
def test_walk_the_transition_table(current, target):
    action = ActionFactory(status=current)
    attempt = {
        "user": action.executor,
        "action_uuid": action.uuid,
        "note": "Besproken met de wijkagent.",
        "to_status": target,
        "judged_result": "Rust op het plein.",
    }
    if current not in OPEN_ACTION_STATUSES:
        with pytest.raises(ValidationError) as refused:
            action_report_progress(**attempt)
        assert refused.value.messages == [message("final")]
    elif target in ACTION_TRANSITIONS[current]:
        update = action_report_progress(**attempt)
        assert (update.from_status, update.to_status) == (current, target)
        action.refresh_from_db()
        assert action.status == target
        assert action.version == 2
        assert (action.closed_at is not None) == (target not in OPEN_ACTION_STATUSES)
        return
    else:
        with pytest.raises(ValidationError) as refused:
            action_report_progress(**attempt)
        (text,) = refused.value.message_dict["to_status"]
        assert str(ActionStatus(current).label) in text
        assert str(ActionStatus(target).label) in text
    action.refresh_from_db()
    assert action.status == current
    assert action.version == 1
    assert not ActionUpdate.objects.exists()


def test_a_note_without_a_move_keeps_the_status():
    action = ActionFactory(status=ActionStatus.IN_UITVOERING)
    update = action_report_progress(
        user=action.executor,
        action_uuid=action.uuid,
        note="Gesprek gepland op donderdag.",
        result_visible="deels",
    )
    assert (update.from_status, update.to_status) == ("in_uitvoering", "in_uitvoering")
    action.refresh_from_db()
    assert action.status == "in_uitvoering"
    assert action.closed_at is None
    event = AuditEvent.objects.get(action="actie.voortgang")
    assert event.details["naar"] == "in_uitvoering"
    assert "donderdag" not in str(event.details)


def test_done_needs_the_judged_result_and_dropping_needs_a_reason():
    action = ActionFactory()
    with pytest.raises(ValidationError) as refused:
        action_report_progress(
            user=action.executor, action_uuid=action.uuid, note="Klaar", to_status="uitgevoerd"
        )
    assert refused.value.message_dict == {"judged_result": [message("judged_result_required")]}
    with pytest.raises(ValidationError) as refused:
        action_report_progress(
            user=action.executor, action_uuid=action.uuid, note=" ", to_status="vervallen"
        )
    assert refused.value.message_dict == {"note": [message("note_required_dropped")]}
    with pytest.raises(ValidationError) as refused:
        action_report_progress(user=action.executor, action_uuid=action.uuid, note="")
    assert refused.value.message_dict == {"note": [message("note_required")]}
    assert not ActionUpdate.objects.exists()

    action_report_progress(
        user=action.executor,
        action_uuid=action.uuid,
        note="Gesprek gevoerd.",
        to_status="uitgevoerd",
        judged_result="De buurt weet waar ze terecht kan.",
        result_visible="zichtbaar",
    )
    action.refresh_from_db()
    assert action.status == "uitgevoerd"
    assert action.judged_result == "De buurt weet waar ze terecht kan."
    assert action.judgement == "zichtbaar"
    assert action.closed_at is not None


def test_dropping_with_a_reason_closes_the_action():
    action = ActionFactory()
    action_report_progress(
        user=action.coordinator,
        action_uuid=action.uuid,
        note="Niet meer nodig: de eigenaar heeft het pand verkocht.",
        to_status="vervallen",
    )
    action.refresh_from_db()
    assert action.status == "vervallen"
    assert action.closed_at is not None


def test_progress_cites_only_signals_the_reporter_can_see():
    action = ActionFactory()
    seen = SignalFactory()
    secret = SignalFactory(vertrouwelijk=True)
    with pytest.raises(ValidationError) as refused:
        action_report_progress(
            user=action.executor,
            action_uuid=action.uuid,
            note="Rustiger",
            signal_uuids=[seen.uuid, secret.uuid],
        )
    assert refused.value.message_dict == {"signals": [message("signals_unknown")]}
    update = action_report_progress(
        user=action.executor, action_uuid=action.uuid, note="Rustiger", signal_uuids=[seen.uuid]
    )
    assert list(update.signals.all()) == [seen]


def test_third_party_done_is_recorded():
    arranger = member()
    action = ActionFactory(executor=None, third_party="Jongerenwerk", arranged_by=arranger)
    update = action_report_progress(
        user=arranger, action_uuid=action.uuid, note="Gedaan", third_party_done=True
    )
    assert update.third_party_done is True


def test_a_stale_progress_report_is_refused():
    action = ActionFactory()
    action_report_progress(
        user=action.executor, action_uuid=action.uuid, note="Eerste", expected_version=1
    )
    with pytest.raises(StaleVersion):
        action_report_progress(
            user=action.coordinator,
            action_uuid=action.uuid,
            note="Tegelijk",
            to_status="vervallen",
            expected_version=1,
        )
    action.refresh_from_db()
    assert (action.status, action.version, action.updates.count()) == ("open", 2, 1)


def test_who_may_report_progress():
    session = SessionFactory(bezig=True)
    action = ActionFactory(case=session.case)
    outsider = member()
    with pytest.raises(PermissionDenied):
        action_report_progress(user=outsider, action_uuid=action.uuid, note="x")
    with pytest.raises(Http404):
        action_report_progress(user=member(Role.COMMUNICATIE), action_uuid=action.uuid, note="x")
    # Reviewing it in a session of its case: the chair may, without being involved.
    update = action_report_progress(
        user=session.chair, action_uuid=action.uuid, note="Besproken", session_uuid=session.uuid
    )
    assert update.session == session
    # …but not through a session of another case.
    elsewhere = SessionFactory(bezig=True, chair=session.chair)
    with pytest.raises(Http404):
        action_report_progress(
            user=session.chair, action_uuid=action.uuid, note="x", session_uuid=elsewhere.uuid
        )
    with pytest.raises(PermissionDenied):
        action_report_progress(
            user=outsider, action_uuid=action.uuid, note="x", session_uuid=session.uuid
        )


# --- selectors ----------------------------------------------------------------------------


def test_only_roles_at_the_table_see_actions():
    action = ActionFactory()
    for role in (Role.COORDINATOR, Role.KERNTEAMLID, Role.VOORZITTER, Role.BURGEMEESTER):
        assert list(action_list_visible_for(user=member(role))) == [action]
        assert action_get_for(user=member(role), uuid=action.uuid) == action
    for role in (Role.SIGNALEERDER, Role.COMMUNICATIE, Role.BEHEERDER):
        assert not action_list_visible_for(user=member(role)).exists()
        with pytest.raises(Http404):
            action_get_for(user=member(role), uuid=action.uuid)


def test_mine_lists_what_i_carry_arrange_or_coordinate_open_first():
    me = member()
    late_open = ActionFactory(executor=me, due_date=TODAY() + 9 * DAY)
    early_done = ActionFactory(executor=me, due_date=TODAY() + DAY, status="uitgevoerd")
    arranged = ActionFactory(
        executor=None, third_party="GGD", arranged_by=me, due_date=TODAY() + 2 * DAY
    )
    coordinated = ActionFactory(coordinator=me, due_date=TODAY() + 5 * DAY)
    ActionFactory()  # someone else's
    assert list(action_list_mine(user=me)) == [arranged, coordinated, late_open, early_done]


def test_all_open_actions_overdue_first_for_the_overview_roles_only():
    overdue = ActionFactory(due_date=TODAY() - 2 * DAY)
    soon = ActionFactory(due_date=TODAY() + DAY)
    ActionFactory(status="vervallen", due_date=TODAY() - 5 * DAY)
    for role in (Role.COORDINATOR, Role.VOORZITTER):
        assert list(action_list_open_overdue_first(user=member(role))) == [overdue, soon]
    assert not action_list_open_overdue_first(user=member()).exists()


def test_case_lists_and_the_carry_over():
    case = CaseFactory()
    open_one = ActionFactory(case=case, due_date=TODAY() + 3 * DAY)
    started = ActionFactory(case=case, status="in_uitvoering", due_date=TODAY() + DAY)
    done = ActionFactory(case=case, status="uitgevoerd")
    ActionFactory()
    assert list(action_list_open_for_case(case=case)) == [started, open_one]
    assert list(action_list_for_case(user=member(), case=case)) == [started, open_one, done]
    assert list(action_list_for_case(user=member(Role.BURGEMEESTER), case=case)) == [
        started,
        open_one,
        done,
    ]
    assert not action_list_for_case(user=member(Role.COMMUNICATIE), case=case).exists()
