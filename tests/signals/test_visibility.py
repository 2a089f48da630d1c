"""The visibility matrix of signals: every rule of issue 3, item 5, has a test here."""

import pytest
from django.http import Http404

from samos.accounts.roles import Role
from signals.selectors import signal_get_for, signal_list_visible_for
from tests.factories import OrganisationFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two organisations; signals of each kind by a signaleerder of organisation A."""
    org_a = OrganisationFactory(name="Politie")
    org_b = OrganisationFactory(name="Woonstichting")
    author = UserFactory(roles=[Role.SIGNALEERDER], organisation=org_a)
    return {
        "org_a": org_a,
        "org_b": org_b,
        "author": author,
        "intern": SignalFactory(author=author),
        "vertrouwelijk": SignalFactory(author=author, vertrouwelijk=True),
        "persoonsgegevens": SignalFactory(author=author, persoonsgegevens=True),
    }


def visible(user):
    return set(signal_list_visible_for(user=user))


def test_author_sees_all_own_signals(world):
    assert visible(world["author"]) == {
        world["intern"],
        world["vertrouwelijk"],
        world["persoonsgegevens"],
    }


def test_signaleerder_of_same_organisation_sees_only_intern(world):
    colleague = UserFactory(roles=[Role.SIGNALEERDER], organisation=world["org_a"])
    assert visible(colleague) == {world["intern"]}


def test_signaleerder_of_other_organisation_sees_nothing(world):
    outsider = UserFactory(roles=[Role.SIGNALEERDER], organisation=world["org_b"])
    assert visible(outsider) == set()


def test_signaleerder_without_organisation_sees_only_own(world):
    loner = UserFactory(roles=[Role.SIGNALEERDER], organisation=None)
    own = SignalFactory(author=loner, organisation=None)
    assert visible(loner) == {own}


@pytest.mark.parametrize("role", [Role.KERNTEAMLID, Role.BURGEMEESTER])
def test_kernteamlid_and_mayor_see_all_non_sensitive(world, role):
    member = UserFactory(roles=[role], organisation=world["org_b"])
    other = SignalFactory()
    assert visible(member) == {world["intern"], other}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.VOORZITTER])
def test_coordinator_and_chair_see_everything(world, role):
    assert visible(UserFactory(roles=[role])) == {
        world["intern"],
        world["vertrouwelijk"],
        world["persoonsgegevens"],
    }


@pytest.mark.parametrize("role", [Role.COMMUNICATIE, Role.BEHEERDER])
def test_roles_outside_the_signal_work_see_none(world, role):
    assert visible(UserFactory(roles=[role], organisation=world["org_a"])) == set()


def test_user_without_role_sees_none(world):
    assert visible(UserFactory(organisation=world["org_a"])) == set()


def test_inactive_author_sees_nothing(world):
    world["author"].is_active = False
    world["author"].save()
    assert visible(world["author"]) == set()


def test_detail_is_404_when_the_list_hides_it(world):
    colleague = UserFactory(roles=[Role.SIGNALEERDER], organisation=world["org_a"])
    assert signal_get_for(user=colleague, uuid=world["intern"].uuid) == world["intern"]
    with pytest.raises(Http404):
        signal_get_for(user=colleague, uuid=world["vertrouwelijk"].uuid)
    with pytest.raises(Http404):
        signal_get_for(user=colleague, uuid=world["persoonsgegevens"].uuid)
