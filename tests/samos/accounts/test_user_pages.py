"""Users and roles as a SAMOS page (/beheer/gebruikers/): the beheerder creates accounts
with roles (four eyes for roles they lack), resets a second factor, and never sees a
permission list, a staff or a superuser switch."""

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from samos.accounts.models import RoleGrant, User
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.factories import OrganisationFactory, UserFactory, add_totp_device

pytestmark = pytest.mark.django_db

LIST = reverse("accounts:beheer_users")
CREATE = reverse("accounts:beheer_user_create")


def _new_user(**changes):
    data = {
        "first_name": "Noor",
        "last_name": "Bakker",
        "username": "nbakker",
        "email": "n.bakker@voorbeeldrade.example",
        "organisation": OrganisationFactory().pk,
        "job_title": "Wijkcoach",
        "roles": [Role.SIGNALEERDER, Role.KERNTEAMLID],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", [r for r in Role if r != Role.BEHEERDER])
def test_only_the_beheerder_reaches_the_users_pages(client, verified_login, role):
    verified_login(client, role)
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403


def test_the_form_has_roles_with_descriptions_and_no_power_switches(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    page = client.get(CREATE).content.decode()
    for role in Role:
        assert f'value="{role.value}"' in page
    assert "Legt signalen vast, bevestigt signalen van anderen" in page
    for forbidden in ("is_staff", "is_superuser", "user_permissions", "Stafstatus", "permissions"):
        assert forbidden not in page


def test_creating_a_user_with_two_roles_asks_a_second_beheerder_for_both(
    client, verified_login, django_capture_on_commit_callbacks
):
    actor = verified_login(client, Role.BEHEERDER)
    with django_capture_on_commit_callbacks(execute=True):  # the link goes after the commit
        response = client.post(CREATE, _new_user())
    assert response.status_code == 302
    user = User.objects.get(username="nbakker")
    assert not user.has_usable_password()
    assert user.roles == frozenset()  # nothing granted yet: the actor lacks both roles
    pending = RoleGrant.objects.filter(user=user, status=RoleGrant.Status.PENDING)
    assert sorted(pending.values_list("role", flat=True)) == ["kernteamlid", "signaleerder"]
    assert all(grant.requested_by == actor for grant in pending)
    assert [m.to for m in mail.outbox] == [["n.bakker@voorbeeldrade.example"]]
    page = client.get(response.url).content.decode()
    assert "Wacht op goedkeuring van een tweede beheerder:" in page
    assert "Signaleerder" in page and "Kernteamlid" in page
    assert AuditEvent.objects.filter(action="gebruiker.rol_aangevraagd").count() == 2


def test_roles_the_beheerder_holds_are_given_at_once(client, verified_login):
    verified_login(client, Role.BEHEERDER, Role.SIGNALEERDER, Role.KERNTEAMLID)
    client.post(CREATE, _new_user())
    user = User.objects.get(username="nbakker")
    assert user.roles == {"signaleerder", "kernteamlid"}
    assert not user.is_staff and not user.is_superuser


def test_a_taken_username_is_refused_and_the_typed_data_stays(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    UserFactory(username="nbakker")
    response = client.post(CREATE, _new_user(first_name="Noortje"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="foutmelding"' in page and 'value="Noortje"' in page
    assert User.objects.filter(username="nbakker").count() == 1


def test_a_beheerder_cannot_change_their_own_roles(client, verified_login):
    actor = verified_login(client, Role.BEHEERDER)
    url = reverse("accounts:beheer_user_edit", args=[actor.uuid])
    data = _new_user(
        username=actor.username,
        email="b@voorbeeldrade.example",
        roles=[Role.BEHEERDER, Role.VOORZITTER],
    )
    data["is_active"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "U kunt uw eigen rollen niet wijzigen" in response.content.decode()
    actor.refresh_from_db()
    assert actor.roles == {"beheerder"}


def test_a_superuser_is_not_the_beheerders_to_see(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    root = UserFactory(username="root", is_superuser=True)
    assert "root" not in client.get(LIST).content.decode()
    assert client.get(reverse("accounts:beheer_user_edit", args=[root.uuid])).status_code == 404


def test_resetting_a_second_factor_removes_the_devices_and_is_audited(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    user = UserFactory(roles=[Role.SIGNALEERDER])
    add_totp_device(user)
    edit = reverse("accounts:beheer_user_edit", args=[user.uuid])
    assert "Ingesteld." in client.get(edit).content.decode()
    response = client.post(reverse("accounts:beheer_user_reset_2fa", args=[user.uuid]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="gebruiker.tweestaps_hersteld").exists()
    assert "Nog niet ingesteld" in client.get(edit).content.decode()


def test_a_beheerder_cannot_reset_their_own_second_factor(client, verified_login):
    actor = verified_login(client, Role.BEHEERDER)
    response = client.post(
        reverse("accounts:beheer_user_reset_2fa", args=[actor.uuid]), follow=True
    )
    assert (
        "Uw eigen tweestapsverificatie herstelt een andere beheerder" in response.content.decode()
    )
    assert TOTPDevice.objects.filter(user=actor).exists()


def test_search_finds_by_name(client, verified_login):
    verified_login(client, Role.BEHEERDER)
    UserFactory(first_name="Fatima", last_name="el Amrani")
    UserFactory(first_name="Jan", last_name="de Vries")
    page = client.get(LIST, {"zoek": "amrani"}).content.decode()
    assert "el Amrani" in page and "de Vries" not in page
