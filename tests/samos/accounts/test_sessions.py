"""Idle timeout, absolute lifetime, and deactivation ending sessions."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from samos.accounts.roles import Role
from samos.accounts.services import user_deactivate, user_set_roles
from samos.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")


def test_idle_session_is_ended(client, verified_login, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    with freeze_time("2026-11-24 09:00:00") as clock:
        verified_login(client, Role.COORDINATOR)
        assert client.get(DASHBOARD).status_code == 200
        clock.tick(29 * 60)
        assert client.get(DASHBOARD).status_code == 200  # activity resets the idle clock
        clock.tick(29 * 60)
        assert client.get(DASHBOARD).status_code == 200
        clock.tick(31 * 60)
        response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))
    assert "_auth_user_id" not in client.session


def test_absolute_lifetime_ends_even_an_active_session(client, verified_login, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    settings.SESSION_ABSOLUTE_LIFETIME = 10 * 3600
    with freeze_time("2026-11-24 08:00:00") as clock:
        verified_login(client, Role.KERNTEAMLID)
        for _ in range(24):  # active every 25 minutes, up to exactly 10 hours
            clock.tick(25 * 60)
            assert client.get(DASHBOARD).status_code == 200
        clock.tick(25 * 60)  # never idle, but now past the absolute lifetime
        response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_session_cookie_does_not_live_two_weeks(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_IDLE_TIMEOUT <= 60 * 60


def test_deactivation_ends_all_sessions_at_once(client, verified_login):
    other_client = client.__class__()
    user = verified_login(client, Role.SIGNALEERDER)
    other_client.force_login(user)  # the same person on a second device
    admin = UserFactory(roles=[Role.BEHEERDER])

    user_deactivate(actor=admin, user=user)

    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))
    assert other_client.get(DASHBOARD).status_code == 302
    event = AuditEvent.objects.get(action="gebruiker.gedeactiveerd")
    assert event.details["sessies_beeindigd"] == 2


def test_only_a_beheerder_may_deactivate_or_change_roles():
    from django.core.exceptions import PermissionDenied

    target = UserFactory(roles=[Role.SIGNALEERDER])
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    with pytest.raises(PermissionDenied):
        user_deactivate(actor=coordinator, user=target)
    with pytest.raises(PermissionDenied):
        user_set_roles(actor=coordinator, user=target, roles={Role.BEHEERDER})
    target.refresh_from_db()
    assert target.is_active
    assert target.roles == {Role.SIGNALEERDER}


def test_one_person_can_hold_several_roles():
    admin = None  # the system (seeding, a management command): no four-eyes step
    user = UserFactory()
    user_set_roles(actor=admin, user=user, roles={Role.VOORZITTER, Role.BURGEMEESTER})
    user.refresh_from_db()
    assert user.roles == {"voorzitter", "burgemeester"}
    assert user.has_role(Role.BURGEMEESTER)
    assert not user.has_role(Role.COORDINATOR)
    assert not user.is_staff
    user_set_roles(actor=admin, user=user, roles={Role.BEHEERDER})
    user.refresh_from_db()
    assert user.is_staff
