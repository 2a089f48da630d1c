"""In the session runner, right after the phase: the hand-over is proposed once the chair
sets the phase to escalatie, and the block says who has the case once it is handed over."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from crisis.services import handover_record
from tests.factories import CaseFactory, SessionFactory, add_totp_device

pytestmark = pytest.mark.django_db

PROPOSAL = "Draagt het kernteam haar over aan de regionale crisisorganisatie"


def _login(client, user):
    client.force_login(user)
    store = client.session
    store[DEVICE_ID_SESSION_KEY] = add_totp_device(user).persistent_id
    store.save()


def test_the_runner_proposes_the_hand_over_after_the_phase_becomes_escalatie(client):
    case = CaseFactory()
    session = SessionFactory(case=case, bezig=True)
    _login(client, session.chair)
    run = reverse("bob:session_run", kwargs={"uuid": session.uuid}) + "?stap=oordeelsvorming"
    assert PROPOSAL not in client.get(run).content.decode()
    response = client.post(
        reverse("bob:session_phase", kwargs={"uuid": session.uuid}),
        {
            "phase": "escalatie",
            "reason": "Geweld bij het dorpshuis.",
            "version": case.version,
            "stap": "oordeelsvorming",
        },
    )
    assert response.status_code == 302
    page = client.get(run).content.decode()
    assert PROPOSAL in page
    assert reverse("crisis:handover_create", kwargs={"uuid": case.uuid}) in page

    handover_record(
        user=session.chair,
        case_uuid=case.uuid,
        recipient="crisisorganisatie",
        handed_over_at=timezone.now() - datetime.timedelta(minutes=1),
        scope="Openbare orde",
        contact_name="A. de Vries",
    )
    page = client.get(run).content.decode()
    assert PROPOSAL not in page
    assert "Overgedragen aan Regionale crisisorganisatie" in page
    assert "contactpersoon A. de Vries" in page
