"""Linking a signal to an existing case and unlinking it, through the pages."""

import pytest
from django.urls import reverse

from kernteam.models import CaseSignal
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.factories import CaseFactory, SignalFactory

pytestmark = pytest.mark.django_db


def link_url(signal):
    return reverse("kernteam:signal_link", kwargs={"signal_uuid": signal.uuid})


def test_a_member_links_a_signal_to_an_open_case_and_unlinks_it(client, verified_login):
    member = verified_login(client, Role.KERNTEAMLID)
    case, closed = CaseFactory(title="Open casus"), CaseFactory(title="Dicht", gesloten=True)
    signal = SignalFactory()
    page = client.get(link_url(signal)).content.decode()
    assert "Open casus" in page and "Dicht" not in page
    response = client.post(link_url(signal), {"case": case.pk})
    assert response["Location"] == case.get_absolute_url()
    link = CaseSignal.objects.get(case=case, signal=signal)
    assert link.linked_by == member
    signal.refresh_from_db()
    assert signal.status == "gekoppeld"
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert f"gekoppeld door {member}" in case_page
    unlink = reverse(
        "kernteam:signal_unlink", kwargs={"uuid": case.uuid, "signal_uuid": signal.uuid}
    )
    client.post(unlink)
    assert not CaseSignal.objects.filter(case=case).exists()
    assert AuditEvent.objects.filter(action="casus.signaal_ontkoppeld").count() == 1
    assert client.post(link_url(signal), {"case": closed.pk}).status_code == 200
    assert not CaseSignal.objects.filter(case=closed).exists()


def test_no_choice_keeps_the_page_with_a_message(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    CaseFactory()
    response = client.post(link_url(SignalFactory()), {})
    assert "Kies een casus." in response.content.decode()
    assert not CaseSignal.objects.exists()


@pytest.mark.parametrize("role", [Role.SIGNALEERDER, Role.BURGEMEESTER, Role.COMMUNICATIE])
def test_other_roles_cannot_link_or_unlink(client, verified_login, role):
    verified_login(client, role)
    case, signal = CaseFactory(), SignalFactory()
    assert client.get(link_url(signal)).status_code == 403
    unlink = reverse(
        "kernteam:signal_unlink", kwargs={"uuid": case.uuid, "signal_uuid": signal.uuid}
    )
    assert client.post(unlink).status_code == 403


def test_a_signal_the_member_may_not_see_is_404(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    assert client.get(link_url(SignalFactory(vertrouwelijk=True))).status_code == 404
