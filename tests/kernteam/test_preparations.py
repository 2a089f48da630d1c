"""Vooraf per groepslid: saving one's own preparation, locking, and the overview."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kernteam.models import Preparation
from kernteam.selectors import preparation_overview, session_get_for
from kernteam.services import StaleVersion, preparation_save
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.factories import AttendeeFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited():
    return AttendeeFactory(session=SessionFactory())


def save(attendee, **kwargs):
    return preparation_save(user=attendee.user, session_uuid=attendee.session.uuid, **kwargs)


def test_create_then_update_own_preparation(invited):
    first = save(invited, expected_version=0, what_happened="Vechtpartij bij de snackbar")
    assert first.author == invited.user
    assert first.version == 1
    second = save(
        invited,
        expected_version=1,
        what_happened="  Vechtpartij bij de snackbar, twee gewonden  ",
        seriousness="Urgent: vrijdag weer een bijeenkomst",
    )
    assert second.pk == first.pk
    assert second.version == 2
    assert second.what_happened == "Vechtpartij bij de snackbar, twee gewonden"
    assert second.seriousness == "Urgent: vrijdag weer een bijeenkomst"
    assert Preparation.objects.count() == 1


def test_answers_not_given_keep_their_text(invited):
    save(invited, what_happened="Eerste antwoord")
    updated = save(invited, other_actions="Buurtgesprek")
    assert (updated.what_happened, updated.other_actions) == ("Eerste antwoord", "Buurtgesprek")


def test_audit_holds_no_free_text(invited):
    preparation = save(invited, what_happened="Geheime details over een persoon")
    event = AuditEvent.objects.get(action="voorbereiding.opgeslagen")
    assert event.actor == invited.user
    assert event.object_id == str(preparation.uuid)
    assert event.details == {
        "bijeenkomst": str(invited.session.uuid),
        "beantwoord": 1,
        "versie": 1,
    }
    assert "Geheime" not in str(event.details)


def test_stale_version_is_refused_and_changes_nothing(invited):
    save(invited, what_happened="Tab 1")
    save(invited, expected_version=1, what_happened="Tab 1, later")
    with pytest.raises(StaleVersion) as excinfo:
        save(invited, expected_version=1, what_happened="Tab 2")
    assert "Iemand anders heeft dit intussen gewijzigd" in excinfo.value.messages[0]
    preparation = Preparation.objects.get()
    assert (preparation.what_happened, preparation.version) == ("Tab 1, later", 2)


def test_a_form_opened_before_the_first_save_is_stale_after_it(invited):
    save(invited, what_happened="Tab 1")
    with pytest.raises(StaleVersion):
        save(invited, expected_version=0, what_happened="Tab 2")


def test_at_least_one_answer(invited):
    with pytest.raises(ValidationError) as excinfo:
        save(invited, what_happened="   ", consequences="")
    assert excinfo.value.message_dict == {"__all__": ["Beantwoord ten minste één vraag."]}
    assert not Preparation.objects.exists()


def test_answers_have_a_length_limit(invited):
    with pytest.raises(ValidationError) as excinfo:
        save(invited, what_happened="x" * 2001)
    assert excinfo.value.message_dict == {"what_happened": ["Ten hoogste 2000 tekens."]}


def test_unknown_answers_are_a_programming_error(invited):
    with pytest.raises(TypeError):
        save(invited, author="iemand anders")


def test_not_invited_may_not_prepare(invited):
    colleague = UserFactory(roles=[Role.KERNTEAMLID])
    with pytest.raises(PermissionDenied):
        preparation_save(user=colleague, session_uuid=invited.session.uuid, what_happened="x")


def test_invited_but_without_session_role_may_not_prepare(invited):
    outsider = AttendeeFactory(session=invited.session, user=UserFactory(roles=[Role.SIGNALEERDER]))
    with pytest.raises(PermissionDenied):
        save(outsider, what_happened="x")


def test_each_member_writes_only_their_own(invited):
    other = AttendeeFactory(session=invited.session)
    mine = save(invited, what_happened="Mijn beeld")
    theirs = save(other, what_happened="Hun beeld")
    assert mine.pk != theirs.pk
    mine.refresh_from_db()
    assert mine.what_happened == "Mijn beeld"


@pytest.mark.parametrize("status", ["gepauzeerd", "afgerond", "geannuleerd"])
def test_only_while_planned_or_running(status):
    attendee = AttendeeFactory(session=SessionFactory(status=status))
    with pytest.raises(ValidationError) as excinfo:
        save(attendee, what_happened="Te laat")
    assert "kan niet meer worden gewijzigd" in excinfo.value.messages[0]
    assert not Preparation.objects.exists()


def test_while_running_is_allowed():
    attendee = AttendeeFactory(session=SessionFactory(bezig=True))
    assert save(attendee, what_happened="Tijdens").pk


def test_overview_counts_and_groups_per_question(django_assert_num_queries):
    session = SessionFactory()
    anna = AttendeeFactory(
        session=session,
        user=UserFactory(roles=[Role.KERNTEAMLID], first_name="Anna", last_name="Aa"),
    )
    bert = AttendeeFactory(
        session=session,
        user=UserFactory(roles=[Role.KERNTEAMLID], first_name="Bert", last_name="Bos"),
    )
    AttendeeFactory(
        session=session,
        user=UserFactory(roles=[Role.COORDINATOR], first_name="Cor", last_name="Cats"),
    )
    AttendeeFactory(session=session, user=None, guest_name="Derde zonder account")
    save(anna, what_happened="Ruzie op het plein", other_actions="Jongerenwerk inzetten")
    save(bert, what_happened="Brand in de container")

    viewer = session.chair  # before the session only the chair reads everyone's answers
    loaded = session_get_for(user=viewer, uuid=session.uuid)
    with django_assert_num_queries(0):  # everything is prefetched by session_get_for
        overview = preparation_overview(session=loaded, reader=viewer)
        sections = overview.sections
    assert [str(a.user) for a, _p in overview] == ["Anna Aa", "Bert Bos", "Cor Cats"]
    assert (overview.prepared_count, overview.member_count) == (2, 3)
    assert overview[2][1] is None
    assert [s["title"] for s in sections] == ["Beeldvorming", "Oordeelsvorming", "Besluitvorming"]
    first = sections[0]["questions"][0]
    assert first["label"] == "Wat is er gebeurd?"
    assert [(str(user), text) for user, text in first["answers"]] == [
        ("Anna Aa", "Ruzie op het plein"),
        ("Bert Bos", "Brand in de container"),
    ]
    other_actions = sections[2]["questions"][1]
    assert [(str(u), t) for u, t in other_actions["answers"]] == [
        ("Anna Aa", "Jongerenwerk inzetten")
    ]
    assert sections[1]["questions"][0]["answers"] == []

    with django_assert_num_queries(2):  # without the prefetch: attendees, preparations
        assert preparation_overview(session=session, reader=viewer).prepared_count == 2
