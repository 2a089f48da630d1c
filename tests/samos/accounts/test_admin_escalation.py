"""A beheerder is a functional administrator, not an all-powerful one. Each escalation
is tried through the real admin and must fail with nothing changed; every change of
accounts and reference data is audited, whatever path made it."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from samos.accounts.models import Organisation, RoleGrant, User
from samos.accounts.roles import Role
from samos.accounts.services import role_grant_decide, user_set_roles
from samos.audit.models import AuditEvent
from signals.models import Area
from tests.factories import UserFactory, add_totp_device

pytestmark = pytest.mark.django_db

CHANGE = "admin:accounts_user_change"


@pytest.fixture
def beheerder(client, verified_login):
    return verified_login(client, Role.BEHEERDER, is_staff=True)


def change_url(user):
    return reverse(CHANGE, args=[user.pk])


def post_user(client, user, **overrides):
    """Post the change form as the admin renders it, with OVERRIDES on top."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "organisation": user.organisation_id or "",
        "job_title": user.job_title,
        "is_active": "on" if user.is_active else "",
        "roles": sorted(user.roles),
    }
    data.update(overrides)
    data = {key: value for key, value in data.items() if value not in (None, "")}
    return client.post(change_url(user), data, follow=True)


def test_the_user_form_offers_no_superuser_permissions_password_or_staff(client, beheerder):
    target = UserFactory(roles=[Role.SIGNALEERDER])
    page = client.get(change_url(target)).content.decode()
    for name in ("is_superuser", "user_permissions", "is_staff", "password", "groups"):
        assert f'name="{name}"' not in page, name
    assert 'name="roles"' in page


def test_posting_superuser_raw_permissions_or_staff_changes_nothing(client, beheerder):
    target = UserFactory(roles=[Role.SIGNALEERDER])
    before = target.password
    post_user(
        client,
        target,
        is_superuser="on",
        is_staff="on",
        user_permissions=["1", "2"],
        password="pbkdf2_sha256$1$x$y",
        groups=["1"],
    )
    target.refresh_from_db()
    assert not target.is_superuser and not target.is_staff
    assert not target.user_permissions.exists()
    assert target.password == before
    assert target.roles == {Role.SIGNALEERDER}


def test_a_beheerder_cannot_change_their_own_roles(client, beheerder):
    page = post_user(client, beheerder, roles=[Role.BEHEERDER, Role.COORDINATOR])
    assert "U kunt uw eigen rollen niet wijzigen" in page.content.decode()
    beheerder.refresh_from_db()
    beheerder.__dict__.pop("roles", None)
    assert beheerder.roles == {Role.BEHEERDER}
    assert not RoleGrant.objects.exists()


def test_a_role_the_beheerder_does_not_hold_waits_for_a_second_beheerder(client, beheerder):
    target = UserFactory(roles=[Role.SIGNALEERDER])
    page = post_user(client, target, roles=[Role.SIGNALEERDER, Role.COORDINATOR])
    assert "wacht op goedkeuring van een tweede beheerder" in page.content.decode()
    target.refresh_from_db()
    target.__dict__.pop("roles", None)
    assert target.roles == {Role.SIGNALEERDER}  # not yet
    grant = RoleGrant.objects.get(user=target, role=Role.COORDINATOR)
    assert grant.status == RoleGrant.Status.PENDING and grant.requested_by == beheerder

    # The one who asked cannot approve it, nor can the user it is for.
    for actor in (beheerder, target):
        with pytest.raises((ValidationError, PermissionDenied)):
            role_grant_decide(actor=actor, grant_uuid=grant.uuid, approve=True)
    target.__dict__.pop("roles", None)
    assert target.roles == {Role.SIGNALEERDER}

    second = UserFactory(roles=[Role.BEHEERDER], is_staff=True)
    role_grant_decide(actor=second, grant_uuid=grant.uuid, approve=True)
    target.__dict__.pop("roles", None)
    assert target.roles == {Role.SIGNALEERDER, Role.COORDINATOR}
    events = AuditEvent.objects.filter(object_id=str(target.uuid))
    assert events.filter(action="gebruiker.rol_aangevraagd", actor=beheerder).exists()
    assert events.filter(action="gebruiker.rol_goedgekeurd", actor=second).exists()


def test_the_second_beheerder_approves_through_the_admin(client, verified_login):
    first = UserFactory(roles=[Role.BEHEERDER], is_staff=True)
    target = UserFactory(roles=[Role.SIGNALEERDER])
    user_set_roles(actor=first, user=target, roles={Role.SIGNALEERDER, Role.BURGEMEESTER})
    grant = RoleGrant.objects.get()
    verified_login(client, Role.BEHEERDER, is_staff=True)
    response = client.post(
        reverse("admin:accounts_rolegrant_changelist"),
        {"action": "approve", "_selected_action": [grant.pk]},
        follow=True,
    )
    assert "Goedgekeurd" in response.content.decode()
    target.__dict__.pop("roles", None)
    assert Role.BURGEMEESTER in target.roles


def test_removing_a_role_or_granting_ones_own_role_needs_no_second_beheerder(client, beheerder):
    target = UserFactory(roles=[Role.SIGNALEERDER, Role.KERNTEAMLID])
    post_user(client, target, roles=[Role.SIGNALEERDER, Role.BEHEERDER])
    target.refresh_from_db()
    target.__dict__.pop("roles", None)
    assert target.roles == {Role.SIGNALEERDER, Role.BEHEERDER}
    assert target.is_staff  # the admin follows the beheerder role


def test_there_is_no_password_page_only_a_link_the_user_follows(client, beheerder):
    target = UserFactory(roles=[Role.SIGNALEERDER], email="sanne@voorbeeldrade.example")
    with pytest.raises(NoReverseMatch):
        reverse("admin:accounts_user_password_change", args=[target.pk])
    response = client.get(f"/beheer/admin/accounts/user/{target.pk}/password/", follow=True)
    assert response.status_code == 404  # Django's password form is not there
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_password_link", "_selected_action": [target.pk]},
        follow=True,
    )
    assert "De link is verstuurd." in response.content.decode()
    (message,) = mail.outbox
    assert message.subject == "Stel uw wachtwoord in voor SAMOS"
    link = re.search(r"https?://\S+/wachtwoord-instellen/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    client.logout()
    page = client.get("/" + path, follow=True)
    assert "Wachtwoord instellen" in page.content.decode()
    done = client.post(
        page.redirect_chain[-1][0],
        {
            "new_password1": "Een lang en eigen wachtwoord",
            "new_password2": "Een lang en eigen wachtwoord",
        },
        follow=True,
    )
    assert "Uw wachtwoord is ingesteld" in done.content.decode()
    target.refresh_from_db()
    assert target.check_password("Een lang en eigen wachtwoord")
    assert AuditEvent.objects.filter(action="gebruiker.wachtwoordlink_verstuurd").exists()


def test_a_new_account_has_no_password_and_gets_a_link_after_the_commit(
    client, beheerder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("admin:accounts_user_add"),
            {
                "username": "nieuw",
                "first_name": "Nina",
                "last_name": "Nieuw",
                "email": "nina@voorbeeldrade.example",
                "roles": [Role.BEHEERDER],
            },
        )
    assert response.status_code == 302
    user = User.objects.get(username="nieuw")
    assert not user.has_usable_password()
    assert mail.outbox == []  # not while the account could still be rolled back
    for callback in callbacks:
        callback()
    assert mail.outbox[0].to == ["nina@voorbeeldrade.example"]


def test_second_factor_devices_are_never_shown_or_added_only_reset(client, beheerder, settings):
    target = UserFactory(roles=[Role.SIGNALEERDER])
    add_totp_device(target)
    assert settings.OTP_ADMIN_HIDE_SENSITIVE_DATA is True
    assert client.get(reverse("admin:otp_totp_totpdevice_changelist")).status_code == 403
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [target.pk]},
        follow=True,
    )
    assert "nieuwe authenticator" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert AuditEvent.objects.filter(
        action="gebruiker.tweestaps_hersteld", object_id=str(target.uuid)
    ).exists()


def test_a_superuser_account_is_not_the_beheerders_to_edit(client, beheerder):
    root = UserFactory(is_superuser=True, is_staff=True)
    assert client.get(change_url(root)).status_code == 404


def test_every_change_of_accounts_and_reference_data_is_audited_whatever_the_path(
    client, beheerder
):
    # Through the admin …
    organisation = Organisation.objects.create(name="Jongerenwerk Oost")
    client.post(
        reverse("admin:accounts_organisation_change", args=[organisation.pk]),
        {"name": "Jongerenwerk Rade-Oost", "kind": "jongerenwerk", "is_active": "on"},
    )
    event = AuditEvent.objects.filter(action="organisatie.gewijzigd").latest("id")
    assert event.actor == beheerder and event.details["velden"] == ["kind", "name"]
    # … and in the shell or a management command (the system).
    area = Area.objects.create(name="Nieuwbouwwijk", kind=Area.Kind.WIJK)
    area.name = "De Nieuwe Wijk"
    area.save()
    assert AuditEvent.objects.filter(action="gebied.aangemaakt", actor=None).exists()
    changed = AuditEvent.objects.get(action="gebied.gewijzigd")
    assert changed.actor_label == "systeem" and "name" in changed.details["velden"]
    user = UserFactory(roles=[Role.SIGNALEERDER])
    user.user_permissions.add(Permission.objects.first())
    assert AuditEvent.objects.filter(action="gebruiker.rechten_gewijzigd").exists()
    user.groups.clear()
    assert AuditEvent.objects.filter(action="gebruiker.rollen_gewijzigd_buiten_beheer").exists()


def test_createsuperuser_is_audited_too(capsys):
    call_command("createsuperuser", username="root", email="root@example.org", interactive=False)
    assert AuditEvent.objects.filter(action="gebruiker.aangemaakt", actor_label="systeem").exists()


def test_first_login_is_the_link_then_the_password_then_the_authenticator(
    client, verified_login, django_capture_on_commit_callbacks
):
    """No shared first password: the beheerder creates the account, the new user sets a
    password from the mailed link and must enrol a second factor before anything else."""
    verified_login(client, Role.BEHEERDER, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):  # the link goes after the commit
        client.post(
            reverse("admin:accounts_user_add"),
            {
                "username": "nieuwelid",
                "first_name": "Noor",
                "last_name": "Nieuw",
                "email": "noor@voorbeeldrade.example",
                "roles": [Role.BEHEERDER],
            },
        )
    (message,) = mail.outbox
    path = "/" + re.search(r"https?://[^/]+/(\S+/)", message.body).group(1)
    client.logout()

    # Nothing to guess: the account has no password until the link is used.
    assert not User.objects.get(username="nieuwelid").has_usable_password()
    page = client.get(path, follow=True)
    chosen = "Mijn eigen lange wachtwoord"
    client.post(page.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen})
    # The link works once.
    assert "werkt niet (meer)" in client.get(path, follow=True).content.decode()

    login = client.post(
        reverse("two_factor:login"),
        {"login_view-current_step": "auth", "auth-username": "nieuwelid", "auth-password": chosen},
    )
    assert login.status_code == 302
    start = client.get(reverse("core:dashboard"))
    assert start.status_code == 302 and start["Location"] == reverse("two_factor:setup")
