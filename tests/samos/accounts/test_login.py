"""Login, two-factor enforcement, lockout and logout through the real views."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.factories import TEST_PASSWORD, UserFactory, add_totp_device, totp_token

pytestmark = pytest.mark.django_db

LOGIN = reverse("two_factor:login")
DASHBOARD = reverse("core:dashboard")


def post_password(client, username, password=TEST_PASSWORD, **extra):
    return client.post(
        LOGIN,
        {
            "login_view-current_step": "auth",
            "auth-username": username,
            "auth-password": password,
        },
        **extra,
    )


def post_token(client, token, **extra):
    return client.post(
        LOGIN, {"login_view-current_step": "token", "token-otp_token": token}, **extra
    )


def test_login_page_is_dutch(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="nl"' in content
    assert "Inloggen bij SAMOS" in content
    assert "Gebruikersnaam" in content


def test_login_with_password_and_totp_reaches_dashboard(client):
    user = UserFactory(roles=[Role.COORDINATOR])
    device = add_totp_device(user)

    response = post_password(client, user.username)
    assert response.status_code == 200
    assert "authenticator-app" in response.content.decode()  # the token step
    response = post_token(client, totp_token(device))
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD

    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert "Coördinator" in response.content.decode()
    assert AuditEvent.objects.filter(action="inloggen", actor=user, result="success").exists()


def test_wrong_totp_token_does_not_log_in(client):
    user = UserFactory(roles=[Role.COORDINATOR])
    device = add_totp_device(user)
    post_password(client, user.username)
    wrong = f"{(int(totp_token(device)) + 1) % 1_000_000:06d}"
    response = post_token(client, wrong)
    assert response.status_code == 200
    assert client.get(DASHBOARD).status_code == 302
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_refused_and_audited(client):
    user = UserFactory(roles=[Role.SIGNALEERDER])
    response = post_password(client, user.username, "niet-het-goede-wachtwoord")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="inloggen", result="failure")
    assert event.actor_label == user.username
    assert "niet-het-goede" not in str(event.details)


def test_user_without_device_must_set_up_two_factor_first(client):
    user = UserFactory(roles=[Role.SIGNALEERDER])
    response = post_password(client, user.username)
    # Without a device two_factor logs the user in, and SAMOS then insists on setup.
    assert response.status_code == 302
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup")
    setup = client.get(reverse("two_factor:setup"))
    assert setup.status_code == 200


@pytest.mark.parametrize("role", list(Role))
def test_two_factor_is_enforced_for_every_role(client, role):
    user = UserFactory(roles=[role])
    client.force_login(user)  # password only: no second factor in this session
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup")


@pytest.mark.parametrize("role", list(Role))
def test_unverified_session_of_user_with_device_is_ended(client, role):
    user = UserFactory(roles=[role])
    add_totp_device(user)
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_admin_also_requires_two_factor(client):
    user = UserFactory(roles=[Role.BEHEERDER], is_staff=True)
    add_totp_device(user)
    client.force_login(user)
    response = client.get("/beheer/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_admin_login_page_redirects_to_two_step_login(client):
    response = client.get("/beheer/admin/login/?next=/beheer/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_verified_beheerder_reaches_admin(client, verified_login):
    verified_login(client, Role.BEHEERDER, is_staff=True)
    assert client.get("/beheer/admin/").status_code == 200


def test_waived_role_needs_no_second_factor(client, settings):
    settings.MFA_WAIVED_ROLES = [Role.SIGNALEERDER.value]
    waived = UserFactory(roles=[Role.SIGNALEERDER])
    client.force_login(waived)
    assert client.get(DASHBOARD).status_code == 200


def test_waiver_does_not_cover_someone_who_also_holds_another_role(client, settings):
    settings.MFA_WAIVED_ROLES = [Role.SIGNALEERDER.value]
    user = UserFactory(roles=[Role.SIGNALEERDER, Role.COORDINATOR])
    client.force_login(user)
    assert client.get(DASHBOARD).status_code == 302


def test_demo_mode_waives_two_factor(client, settings):
    settings.DEMO_MODE = True
    client.force_login(UserFactory(roles=[Role.VOORZITTER]))
    assert client.get(DASHBOARD).status_code == 200


def test_trusted_sso_backend_counts_as_multi_factor(client, settings):
    backend = "django.contrib.auth.backends.ModelBackend"
    settings.MFA_TRUSTED_BACKENDS = [backend]
    client.force_login(UserFactory(roles=[Role.KERNTEAMLID]), backend=backend)
    assert client.get(DASHBOARD).status_code == 200


def test_setup_creates_a_confirmed_device_and_verifies_the_session(client):
    from base64 import b32decode

    from django_otp.oath import totp

    user = UserFactory(roles=[Role.COORDINATOR])
    post_password(client, user.username)
    setup = reverse("two_factor:setup")
    # TOTP is the only method, so the wizard goes from welcome straight to the generator.
    response = client.post(setup, {"setup_view-current_step": "welcome"})
    assert response.status_code == 200
    key = client.session["django_two_factor-qr_secret_key"]
    token = f"{totp(b32decode(key)):06d}"
    response = client.post(
        setup, {"setup_view-current_step": "generator", "generator-token": token}
    )
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get(DASHBOARD).status_code == 200


class TestLockout:
    def test_five_failures_lock_the_username_and_ip_with_a_dutch_message(self, client):
        user = UserFactory(roles=[Role.SIGNALEERDER])
        add_totp_device(user)
        for _ in range(5):
            post_password(client, user.username, "fout-wachtwoord-123")
        # Even the right password is refused now.
        response = post_password(client, user.username)
        assert response.status_code in (403, 429)
        content = response.content.decode()
        assert "Inloggen tijdelijk geblokkeerd" in content
        assert "15 minuten" in content
        assert "_auth_user_id" not in client.session

    def test_four_failures_do_not_lock(self, client):
        user = UserFactory(roles=[Role.SIGNALEERDER])
        device = add_totp_device(user)
        for _ in range(4):
            post_password(client, user.username, "fout-wachtwoord-123")
        response = post_password(client, user.username)
        assert response.status_code == 200
        assert post_token(client, totp_token(device)).status_code == 302

    def test_lockout_is_per_ip(self, client):
        user = UserFactory(roles=[Role.SIGNALEERDER])
        add_totp_device(user)
        for _ in range(5):
            post_password(client, user.username, "fout-wachtwoord-123", REMOTE_ADDR="10.0.0.1")
        other = post_password(client, user.username, REMOTE_ADDR="10.0.0.2")
        assert other.status_code == 200
        assert "geblokkeerd" not in other.content.decode()


def test_logout_ends_the_session(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    assert client.get(DASHBOARD).status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert client.get(DASHBOARD).status_code == 302


class TestPasswordSpraying:
    """One address trying many usernames is stopped too, at a higher count."""

    def test_many_usernames_from_one_address_lock_that_address(self, client, settings):
        settings.SAMOS_LOCKOUT_IP_FAILURES = 8
        victim = UserFactory(roles=[Role.SIGNALEERDER])
        add_totp_device(victim)
        for number in range(8):  # two tries each: no single username reaches 5
            post_password(client, f"gok{number // 2}", "Welkom2026!", REMOTE_ADDR="10.9.9.9")
        blocked = post_password(client, victim.username, REMOTE_ADDR="10.9.9.9")
        assert blocked.status_code in (403, 429)
        assert "Inloggen tijdelijk geblokkeerd" in blocked.content.decode()
        # Another address is not affected.
        elsewhere = post_password(client, victim.username, REMOTE_ADDR="10.9.9.10")
        assert elsewhere.status_code == 200 and "geblokkeerd" not in elsewhere.content.decode()

    def test_below_the_address_limit_other_users_log_in(self, client, settings):
        settings.SAMOS_LOCKOUT_IP_FAILURES = 8
        colleague = UserFactory(roles=[Role.SIGNALEERDER])
        device = add_totp_device(colleague)
        for number in range(7):
            post_password(client, f"collega{number}", "verkeerd-wachtwoord", REMOTE_ADDR="10.1.1.1")
        response = post_password(client, colleague.username, REMOTE_ADDR="10.1.1.1")
        assert response.status_code == 200
        assert post_token(client, totp_token(device), REMOTE_ADDR="10.1.1.1").status_code == 302
