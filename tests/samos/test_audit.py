"""The audit table is append-only."""

import pytest

from samos.audit.models import AppendOnlyError, AuditEvent
from samos.audit.services import audit_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_events_cannot_be_changed_or_deleted():
    user = UserFactory()
    event = audit_record(action="test.gebeurd", actor=user, obj=user, details={"a": 1})
    event.action = "iets anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.action == "test.gebeurd"
    assert stored.object_id == str(user.uuid)


def test_secrets_and_long_text_stay_out_of_details():
    event = audit_record(
        action="test.gebeurd",
        details={"password": "geheim123", "token": "123456", "tekst": "x" * 1000},
    )
    assert "password" not in event.details
    assert "token" not in event.details
    assert len(event.details["tekst"]) <= 201


def test_client_ip_behind_a_proxy_takes_the_address_the_proxy_saw(rf, settings):
    from samos.audit.services import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.SAMOS_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.5"
    settings.SAMOS_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # not the forged left-most entry
