"""In the session runner, right after the phase: the hand-over is proposed once the chair
sets the phase to escalatie, and the block says who has the case once it is handed over.
Opened from the runner, the hand-over and its way back return to it."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from crisis.models import Handover
from crisis.services import handover_record
from tests.crisis.helpers import escalated_case
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


# --- opened from the runner: back to the session being run ------------------------------


def _runner_step(session, step="oordeelsvorming"):
    return reverse("bob:session_run", kwargs={"uuid": session.uuid}) + f"?stap={step}"


def test_a_hand_over_opened_from_the_runner_returns_to_it(client):
    case, session = escalated_case()
    _login(client, session.chair)
    back = _runner_step(session) + "#overdracht"
    create = reverse("crisis:handover_create", kwargs={"uuid": case.uuid})
    page = client.get(_runner_step(session)).content.decode()
    assert f'href="{create}?next={quote(back, safe="/")}"' in page
    form_page = client.get(create, {"next": back}).content.decode()
    assert f'<input type="hidden" name="next" value="{back}">' in form_page
    assert f'<a href="{back}">Terug naar de bijeenkomst</a>' in form_page
    now = timezone.localtime() - datetime.timedelta(minutes=10)
    data = {
        "next": back,
        "recipient": "crisisorganisatie",
        "date": now.date().isoformat(),
        "time": now.strftime("%H:%M"),
        "scope": "Regie over de openbare orde bij het dorpshuis.",
        "contact_name": "",  # refused: the form again, with what was typed and `next`
    }
    response = client.post(create, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Noem de contactpersoon bij de ontvanger." in html
    assert "Regie over de openbare orde bij het dorpshuis." in html
    assert f'<input type="hidden" name="next" value="{back}">' in html
    assert not Handover.objects.exists()
    response = client.post(create, {**data, "contact_name": "A. de Vries"})
    assert response.status_code == 302
    assert response["Location"] == back  # the runner, not the case or hand-over page
    handover = Handover.objects.get()
    page = client.get(_runner_step(session)).content.decode()
    assert "De overdracht is vastgelegd." in page
    assert "Overgedragen aan Regionale crisisorganisatie" in page
    kwargs = {"uuid": case.uuid, "handover_uuid": handover.uuid}
    way_back = reverse("crisis:handover_return", kwargs=kwargs)
    assert f'href="{way_back}?next={quote(back, safe="/")}"' in page
    assert reverse("crisis:situation_pdf", kwargs=kwargs) in page

    # The way back, from the runner too.
    data = {
        "next": back,
        "date": timezone.localdate().isoformat(),
        "time": timezone.localtime().strftime("%H:%M"),
        "returned_by": "",
        "what_comes_back": "De nazorg in de kern.",
    }
    response = client.post(way_back, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Noem wie de casus teruggeeft." in html and "De nazorg in de kern." in html
    assert f'<input type="hidden" name="next" value="{back}">' in html
    response = client.post(way_back, {**data, "returned_by": "B. Jansen"})
    assert response.status_code == 302
    assert response["Location"] == back
    handover.refresh_from_db()
    assert handover.is_returned
    assert "De teruggave aan SAMOS is vastgelegd." in client.get(back).content.decode()


def test_an_unsafe_next_is_ignored(client):
    case, session = escalated_case()
    _login(client, session.chair)
    create = reverse("crisis:handover_create", kwargs={"uuid": case.uuid})
    now = timezone.localtime() - datetime.timedelta(minutes=10)
    for unsafe in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        assert unsafe not in client.get(create, {"next": unsafe}).content.decode()
    response = client.post(
        create,
        {
            "next": "https://evil.example/",
            "recipient": "ggd_psh",
            "date": now.date().isoformat(),
            "time": now.strftime("%H:%M"),
            "scope": "Psychosociale opvang.",
            "contact_name": "C. Bakker",
        },
    )
    handover = Handover.objects.get()
    assert response["Location"] == reverse(
        "crisis:handover_detail", kwargs={"uuid": case.uuid, "handover_uuid": handover.uuid}
    )
