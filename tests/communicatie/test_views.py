"""The communication pages of a case and of a message, per role: the adviser writes, the
mayor approves, the kernteam reads and proposes, signallers see nothing; a besloten case
stays hidden from who does not take part in it."""

import pytest
from django.urls import reverse

from communicatie import services
from communicatie.models import Message
from communicatie.workflow import MessageStatus
from samos.accounts.roles import Role
from tests.factories import CaseFactory, MessageFactory, SignalFactory, UserFactory, message_kind

pytestmark = pytest.mark.django_db


def _plan_url(case, name="communicatie:plan"):
    return reverse(name, kwargs={"uuid": case.uuid})


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COMMUNICATIE, 200),
        (Role.BURGEMEESTER, 200),
        (Role.KERNTEAMLID, 200),
        (Role.COORDINATOR, 200),
        (Role.VOORZITTER, 200),
        (Role.SIGNALEERDER, 403),
        (Role.BEHEERDER, 403),
    ],
)
def test_who_reads_the_communication_of_a_case(client, verified_login, role, status):
    verified_login(client, role)
    case = CaseFactory()
    message = MessageFactory(case=case)
    assert client.get(_plan_url(case)).status_code == status
    assert client.get(message.get_absolute_url()).status_code == status
    assert client.get(_plan_url(case, "communicatie:plan_history")).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COMMUNICATIE, 200),
        (Role.BURGEMEESTER, 200),
        (Role.KERNTEAMLID, 403),
        (Role.SIGNALEERDER, 403),
    ],
)
def test_who_edits_the_plan(client, verified_login, role, status):
    verified_login(client, role)
    assert client.get(_plan_url(CaseFactory(), "communicatie:plan_edit")).status_code == status


def test_a_besloten_case_is_hidden_from_an_adviser_who_does_not_take_part(client, verified_login):
    verified_login(client, Role.COMMUNICATIE)
    case = CaseFactory(is_confidential=True)
    message = MessageFactory(case=case)
    assert client.get(_plan_url(case)).status_code == 404
    assert client.get(message.get_absolute_url()).status_code == 404


def test_the_adviser_never_sees_raw_signals_or_key_contacts(client, verified_login):
    adviser = verified_login(client, Role.COMMUNICATIE)
    signal = SignalFactory()
    assert client.get(reverse("signals:signal_list")).status_code == 403
    assert client.get(signal.get_absolute_url()).status_code in (403, 404)
    case = CaseFactory()
    case.signal_links.create(signal=signal, linked_by=case.opened_by)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200
    assert signal.observation not in page.content.decode()
    assert client.get(_plan_url(case)).status_code == 200
    assert signal.observation not in client.get(_plan_url(case)).content.decode()
    assert adviser.has_role(Role.COMMUNICATIE)


def test_the_adviser_drafts_submits_and_records_a_message(client, verified_login):
    adviser = verified_login(client, Role.COMMUNICATIE)
    mayor = UserFactory(roles=[Role.BURGEMEESTER])
    case = CaseFactory()
    kind = message_kind("Bewonersbrief")
    response = client.post(
        reverse("communicatie:message_create", kwargs={"uuid": case.uuid}),
        {
            "kind": kind.pk,
            "title": "Brief aan het dorp",
            "text": "Beste bewoners,",
            "owner": adviser.pk,
        },
    )
    message = Message.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == message.get_absolute_url()
    response = client.post(
        reverse("communicatie:message_submit", kwargs={"uuid": message.uuid}),
        {"indienen-version": message.version},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.TER_GOEDKEURING
    # Marking it sent before approval: the page says why, nothing changes.
    response = client.post(
        reverse("communicatie:message_mark_sent", kwargs={"uuid": message.uuid}),
        {"verstuurd-version": message.version},
    )
    assert response.status_code == 200
    assert "Alleen een goedgekeurde uiting" in response.content.decode()
    message.refresh_from_db()
    assert message.status == MessageStatus.TER_GOEDKEURING
    services.message_approve(actor=mayor, message=message, expected_version=message.version)
    message.refresh_from_db()
    response = client.post(
        reverse("communicatie:message_mark_sent", kwargs={"uuid": message.uuid}),
        {"verstuurd-version": message.version},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.sent_by) == (MessageStatus.VERSTUURD, adviser)


def test_a_message_without_text_keeps_what_was_typed(client, verified_login):
    verified_login(client, Role.COMMUNICATIE)
    case = CaseFactory()
    response = client.post(
        reverse("communicatie:message_create", kwargs={"uuid": case.uuid}),
        {"kind": message_kind("Persbericht").pk, "title": "Mijn onderwerp", "text": ""},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Controleer het formulier" in body and 'value="Mijn onderwerp"' in body
    assert not Message.objects.filter(case=case).exists()


def test_a_kernteam_member_proposes_but_cannot_edit_someone_elses(client, verified_login):
    member = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    others = MessageFactory(case=case)
    assert (
        client.get(reverse("communicatie:message_edit", kwargs={"uuid": others.uuid})).status_code
        == 403
    )
    response = client.post(
        reverse("communicatie:message_create", kwargs={"uuid": case.uuid}),
        {
            "kind": message_kind("Intern bericht").pk,
            "title": "Lijn voor de balie",
            "text": "Zeg: …",
        },
    )
    assert response.status_code == 302
    own = Message.objects.get(case=case, created_by=member)
    assert (
        client.get(reverse("communicatie:message_edit", kwargs={"uuid": own.uuid})).status_code
        == 200
    )


def test_the_checklist_is_ticked_per_case(client, verified_login):
    verified_login(client, Role.COMMUNICATIE)
    case, other = CaseFactory(), CaseFactory()
    from communicatie.models import ChecklistItem, ChecklistTick

    item = ChecklistItem.objects.first()
    response = client.post(
        _plan_url(case, "communicatie:checklist"), {"punt": item.pk, "gedaan": "1"}
    )
    assert response.status_code == 302
    assert ChecklistTick.objects.filter(case=case, item=item).exists()
    assert not ChecklistTick.objects.filter(case=other).exists()
    client.post(_plan_url(case, "communicatie:checklist"), {"punt": item.pk, "gedaan": "0"})
    assert not ChecklistTick.objects.filter(case=case).exists()
    response = client.post(
        _plan_url(case, "communicatie:checklist"), {"punt": "x; drop", "gedaan": "1"}, follow=True
    )
    assert "staat niet (meer) op de checklist" in response.content.decode()


def _plan_post(case, **extra):
    from communicatie.models import TargetGroup

    media = TargetGroup.objects.get(name="Media")
    data = {"version": 0, "goals": "Rust in het dorp", "spokespersons": "De burgemeester"}
    data.update({f"groep_{media.pk}_in_plan": "on", f"groep_{media.pk}_core_message": "Feiten."})
    data.update(extra)
    return data, media


def test_the_plan_page_saves_a_version_and_a_stale_save_keeps_the_text(client, verified_login):
    verified_login(client, Role.COMMUNICATIE)
    case = CaseFactory()
    url = _plan_url(case, "communicatie:plan_edit")
    data, media = _plan_post(case)
    assert client.post(url, data).status_code == 302
    from communicatie import selectors

    plan = selectors.plan_of(case=case)
    assert (plan.version, [g.target_group for g in plan.groups.all()]) == (1, [media])
    page = client.get(_plan_url(case)).content.decode()
    assert "Rust in het dorp" in page and "Feiten." in page
    # A second tab still at version 0.
    stale, _media = _plan_post(case, goals="Mijn andere doel")
    response = client.post(url, stale)
    body = response.content.decode()
    assert response.status_code == 200 and "Iemand anders heeft dit intussen gewijzigd" in body
    assert "Mijn andere doel" in body
    assert selectors.plan_of(case=case).goals == "Rust in het dorp"


def test_text_for_an_unticked_target_group_is_not_lost(client, verified_login):
    verified_login(client, Role.COMMUNICATIE)
    case = CaseFactory()
    data, media = _plan_post(case)
    data.pop(f"groep_{media.pk}_in_plan")
    response = client.post(_plan_url(case, "communicatie:plan_edit"), data)
    assert response.status_code == 200
    assert "vink aan dat deze doelgroep bij het plan hoort" in response.content.decode()
    from communicatie.models import CommunicationPlan

    assert CommunicationPlan.objects.get(case=case).version == 0
