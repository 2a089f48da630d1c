"""The burgemeester's approval queue and start-page panel, the notice when something is
submitted (once, with only a link), and the deadlines communication registers."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from communicatie import reminders, services
from communicatie.models import Message
from communicatie.tasks import send_approval_notice
from communicatie.workflow import MessageStatus
from samos.accounts.roles import Role
from samos.reminders.registry import registered_sources
from samos.reminders.services import reminders_send_due
from tests.factories import CaseFactory, MessageFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Bedreiging raadslid Oldenmere"
SECRET_SUBJECT = "Brief over de familie Jansen"


def _submitted(case=None, **fields):
    adviser = UserFactory(roles=[Role.COMMUNICATIE])
    message = MessageFactory(
        case=case or CaseFactory(title=SECRET_TITLE),
        created_by=adviser,
        title=SECRET_SUBJECT,
        **fields,
    )
    services.message_submit(actor=adviser, message=message, expected_version=message.version)
    return Message.objects.get(pk=message.pk)


def test_the_sources_are_registered():
    names = {name for name, _source in registered_sources()}
    assert {
        "communicatie.approval_notices",
        "communicatie.pending_approvals",
        "communicatie.planned_messages",
    } <= names


def test_the_approvers_get_one_notice_with_only_a_link(
    mailoutbox, eager_tasks, django_capture_on_commit_callbacks
):
    mayor = UserFactory(roles=[Role.BURGEMEESTER])
    with django_capture_on_commit_callbacks(execute=True):
        message = _submitted()
    assert [m.to for m in mailoutbox] == [[mayor.email]]
    mail = mailoutbox[0]
    for secret in (SECRET_TITLE, SECRET_SUBJECT, message.text):
        assert secret not in mail.subject and secret not in mail.body
    assert reverse("communicatie:approvals") in mail.body
    # The task again (a redelivery) and the beat scan: still one mail.
    send_approval_notice(message.pk)
    sources = [("communicatie.approval_notices", reminders.approval_notices)]
    with mock.patch("samos.reminders.services.registered_sources", return_value=sources):
        reminders_send_due(now=timezone.now())
    assert len(mailoutbox) == 1


def test_the_scan_sends_the_notice_when_the_queue_was_down(mailoutbox):
    UserFactory(roles=[Role.BURGEMEESTER])
    _submitted()  # on_commit never runs in this test: as if the queue were down
    assert mailoutbox == []
    sources = [("communicatie.approval_notices", reminders.approval_notices)]
    with mock.patch("samos.reminders.services.registered_sources", return_value=sources):
        reminders_send_due(now=timezone.now())
        reminders_send_due(now=timezone.now())
    assert len(mailoutbox) == 1


def test_pending_approvals_and_planned_messages_are_deadlines():
    mayor = UserFactory(roles=[Role.BURGEMEESTER])
    moment = timezone.now() + datetime.timedelta(days=1)
    message = _submitted(planned_at=moment)
    now = timezone.now()
    pending = [d for d in reminders.pending_approvals(now=now) if str(message.uuid) in d.key]
    assert [(d.due_at, d.recipients) for d in pending] == [(moment, (mayor,))]
    planned = [d for d in reminders.planned_messages(now=now) if str(message.uuid) in d.key]
    assert [(d.due_at, d.recipients, d.url) for d in planned] == [
        (moment, (message.owner or message.created_by,), message.get_absolute_url())
    ]
    for deadline in pending + planned:
        assert SECRET_SUBJECT not in deadline.subject and SECRET_TITLE not in deadline.subject
    # Once approved and sent, nothing is due any more.
    services.message_approve(actor=mayor, message=message, expected_version=message.version)
    message.refresh_from_db()
    services.message_mark_sent(
        actor=message.created_by, message=message, expected_version=message.version
    )
    assert not [d for d in reminders.pending_approvals(now=now) if str(message.uuid) in d.key]
    assert not [d for d in reminders.planned_messages(now=now) if str(message.uuid) in d.key]


def test_the_mayor_approves_from_the_start_page_in_one_step(client, verified_login):
    mayor = verified_login(client, Role.BURGEMEESTER)
    message = _submitted()
    start = client.get(reverse("core:dashboard")).content.decode()
    assert "Wacht op uw goedkeuring" in start and SECRET_SUBJECT in start
    response = client.post(
        reverse("communicatie:message_decide", kwargs={"uuid": message.uuid}),
        {
            "decision": "approve",
            "version": message.version,
            "next": reverse("core:dashboard"),
            "comment": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
    message.refresh_from_db()
    assert (message.status, message.approved_by, message.approved_text) == (
        MessageStatus.GOEDGEKEURD,
        mayor,
        message.text,
    )


def test_sending_back_without_a_comment_stays_on_the_queue_and_changes_nothing(
    client, verified_login
):
    verified_login(client, Role.BURGEMEESTER)
    message = _submitted()
    response = client.post(
        reverse("communicatie:message_decide", kwargs={"uuid": message.uuid}),
        {"decision": "send_back", "version": message.version, "next": "https://elders.example/"},
    )
    assert response.status_code == 200
    assert "Schrijf erbij wat er anders moet." in response.content.decode()
    assert Message.objects.get(pk=message.pk).status == MessageStatus.TER_GOEDKEURING
    response = client.post(
        reverse("communicatie:message_decide", kwargs={"uuid": message.uuid}),
        {
            "decision": "send_back",
            "version": message.version,
            "next": "https://elders.example/",
            "comment": "Korter.",
        },
    )
    assert response["Location"] == reverse("communicatie:approvals")  # not the foreign next
    assert Message.objects.get(pk=message.pk).status == MessageStatus.CONCEPT


@pytest.mark.parametrize("role", [Role.COMMUNICATIE, Role.KERNTEAMLID, Role.SIGNALEERDER])
def test_who_is_no_approver_gets_403(client, verified_login, role):
    verified_login(client, role)
    message = _submitted()
    assert client.get(reverse("communicatie:approvals")).status_code == 403
    response = client.post(
        reverse("communicatie:message_decide", kwargs={"uuid": message.uuid}),
        {"decision": "approve", "version": message.version},
    )
    assert response.status_code == 403
    assert Message.objects.get(pk=message.pk).status == MessageStatus.TER_GOEDKEURING


def test_a_mandated_person_sees_only_the_case_of_the_mandate(client, verified_login):
    deputy = verified_login(client, Role.KERNTEAMLID)
    mine, other = _submitted(), _submitted()
    plan = services.plan_for_case(case=mine.case)
    plan.approver = deputy
    plan.save(update_fields=["approver"])
    queue = client.get(reverse("communicatie:approvals")).content.decode()
    assert str(mine.uuid) in queue and str(other.uuid) not in queue


def test_the_overview_shows_waiting_gaps_and_weeks_in_few_queries(
    client, verified_login, django_assert_max_num_queries
):
    verified_login(client, Role.COMMUNICATIE)
    case = CaseFactory()
    from communicatie.models import TargetGroup

    media = TargetGroup.objects.get(name="Media")
    services.plan_update(
        actor=UserFactory(roles=[Role.COMMUNICATIE]),
        case=case,
        expected_version=0,
        values={},
        groups=[services.GroupEntry(target_group=media)],
    )
    late = MessageFactory(
        case=case, title="Te laat", planned_at=timezone.now() - datetime.timedelta(days=1)
    )
    page = client.get(reverse("communicatie:overview")).content.decode()
    assert "Voor Media is geen uiting gepland" in page
    assert "nog niet als verstuurd vastgelegd" in page and late.title in page
    assert "Week " in page
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("communicatie:overview"))
    for number in range(10):
        MessageFactory(case=case, planned_at=timezone.now() + datetime.timedelta(days=number))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("communicatie:overview"))
