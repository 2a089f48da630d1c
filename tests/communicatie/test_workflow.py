"""The message lifecycle: the transition table, walked through the real services."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from communicatie import services
from communicatie.models import Message
from communicatie.workflow import MESSAGE_TRANSITIONS, MessageStatus, message_can_move
from samos.accounts.roles import Role
from tests.factories import CaseFactory, MessageFactory, UserFactory, message_kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "adviser": UserFactory(roles=[Role.COMMUNICATIE]),
        "mayor": UserFactory(roles=[Role.BURGEMEESTER]),
    }


def _fresh(message):
    return Message.objects.get(pk=message.pk)


def _to(status, people, *, kind="Bewonersbrief"):
    """A message brought to STATUS through the services only."""
    adviser, mayor = people["adviser"], people["mayor"]
    message = MessageFactory(kind=message_kind(kind), created_by=adviser)
    steps = {
        MessageStatus.CONCEPT: [],
        MessageStatus.TER_GOEDKEURING: ["submit"],
        MessageStatus.GOEDGEKEURD: ["submit", "approve"],
        MessageStatus.VERSTUURD: ["submit", "approve", "sent"],
        MessageStatus.GEHOUDEN: ["submit", "approve", "sent"],
        MessageStatus.INGETROKKEN: ["withdraw"],
    }[status]
    for step in steps:
        message = _fresh(message)
        if step == "submit":
            services.message_submit(
                actor=adviser, message=message, expected_version=message.version
            )
        elif step == "approve":
            services.message_approve(actor=mayor, message=message, expected_version=message.version)
        elif step == "sent":
            services.message_mark_sent(
                actor=adviser, message=message, expected_version=message.version
            )
        elif step == "withdraw":
            services.message_withdraw(
                actor=adviser, message=message, expected_version=message.version
            )
    message = _fresh(message)
    assert message.status == status
    return message


def _attempt(target, message, people):
    """Try to move MESSAGE to TARGET the way a user would."""
    adviser, mayor = people["adviser"], people["mayor"]
    v = message.version
    if target == MessageStatus.TER_GOEDKEURING:
        return services.message_submit(actor=adviser, message=message, expected_version=v)
    if target == MessageStatus.GOEDGEKEURD:
        return services.message_approve(actor=mayor, message=message, expected_version=v)
    if target in (MessageStatus.VERSTUURD, MessageStatus.GEHOUDEN):
        return services.message_mark_sent(actor=adviser, message=message, expected_version=v)
    if target == MessageStatus.INGETROKKEN:
        return services.message_withdraw(actor=adviser, message=message, expected_version=v)
    if target == MessageStatus.CONCEPT:
        if message.status == MessageStatus.TER_GOEDKEURING:
            return services.message_send_back(
                actor=mayor, message=message, expected_version=v, comment="Korter graag."
            )
        return services.message_update(
            actor=adviser, message=message, expected_version=v, text=message.text + " Aangepast."
        )
    raise AssertionError(target)


def test_the_table_names_every_status_and_final_statuses_lead_nowhere():
    assert set(MESSAGE_TRANSITIONS) == set(MessageStatus.values)
    for final in (MessageStatus.VERSTUURD, MessageStatus.GEHOUDEN, MessageStatus.INGETROKKEN):
        assert MESSAGE_TRANSITIONS[final] == frozenset()
    assert not message_can_move(MessageStatus.CONCEPT, MessageStatus.VERSTUURD)


@pytest.mark.parametrize("current", list(MessageStatus))
@pytest.mark.parametrize("target", list(MessageStatus))
def test_every_move_through_the_services_follows_the_table(current, target, people):
    evening = current == MessageStatus.GEHOUDEN or (
        target == MessageStatus.GEHOUDEN and current != MessageStatus.VERSTUURD
    )
    kind = "Bewonersavond" if evening else "Bewonersbrief"
    message = _to(current, people, kind=kind)
    if current == target:
        return
    allowed = message_can_move(current, target)
    # "verstuurd" or "gehouden" is decided by the kind: an evening is held, a letter sent.
    if target == MessageStatus.VERSTUURD and kind == "Bewonersavond":
        return
    if allowed:
        _attempt(target, message, people)
        assert _fresh(message).status == target
    else:
        before = _fresh(message)
        with pytest.raises(ValidationError):
            _attempt(target, message, people)
        after = _fresh(message)
        assert (after.status, after.version, after.text) == (
            before.status,
            before.version,
            before.text,
        )


def test_an_approved_text_is_frozen_and_a_change_needs_approval_again(people):
    adviser, mayor = people["adviser"], people["mayor"]
    message = _to(MessageStatus.GOEDGEKEURD, people)
    approved = message.text
    services.message_update(
        actor=adviser, message=message, expected_version=message.version, text="Nieuwe tekst."
    )
    message = _fresh(message)
    assert message.status == MessageStatus.CONCEPT
    assert (message.approved_text, message.approved_by, message.approved_at) == ("", None, None)
    # The approved version stays in the history exactly as approved.
    first = message.versions.get(number=1)
    assert (first.text, first.decision, first.decided_by) == (approved, "goedgekeurd", mayor)
    assert message.versions.get(number=2).text == "Nieuwe tekst."
    with pytest.raises(ValidationError):
        services.message_mark_sent(actor=adviser, message=message, expected_version=message.version)


def test_a_change_of_only_the_moment_keeps_the_approval(people):
    message = _to(MessageStatus.GOEDGEKEURD, people)
    later = timezone.now() + timezone.timedelta(days=1)
    services.message_update(
        actor=people["adviser"], message=message, expected_version=message.version, planned_at=later
    )
    message = _fresh(message)
    assert message.status == MessageStatus.GOEDGEKEURD
    assert message.approved_text == message.text


def test_no_sent_without_approval_at_the_model_level(people):
    message = _to(MessageStatus.CONCEPT, people)
    message.status = MessageStatus.VERSTUURD
    message.sent_at, message.sent_by = timezone.now(), people["adviser"]
    with pytest.raises(ValidationError):
        message.save()
    # Past the model too (a bulk update): the database refuses it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.filter(pk=message.pk).update(
            status=MessageStatus.VERSTUURD, sent_at=timezone.now(), sent_by=people["adviser"]
        )
    assert _fresh(message).status == MessageStatus.CONCEPT


def test_the_database_keeps_an_approved_text_equal_to_the_text(people):
    message = _to(MessageStatus.VERSTUURD, people)
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.filter(pk=message.pk).update(text="Stiekem anders.")
    assert _fresh(message).text == message.approved_text


def test_sending_back_needs_a_comment_and_records_it(people):
    message = _to(MessageStatus.TER_GOEDKEURING, people)
    with pytest.raises(ValidationError):
        services.message_send_back(
            actor=people["mayor"], message=message, expected_version=message.version, comment=" "
        )
    assert _fresh(message).status == MessageStatus.TER_GOEDKEURING
    services.message_send_back(
        actor=people["mayor"], message=message, expected_version=message.version, comment="Te lang."
    )
    version = _fresh(message).versions.get(number=1)
    assert (version.decision, version.comment) == ("teruggestuurd", "Te lang.")


def test_only_the_approver_approves(people):
    message = _to(MessageStatus.TER_GOEDKEURING, people)
    from django.core.exceptions import PermissionDenied

    for role in (Role.COMMUNICATIE, Role.KERNTEAMLID, Role.COORDINATOR):
        with pytest.raises(PermissionDenied):
            services.message_approve(
                actor=UserFactory(roles=[role]), message=message, expected_version=message.version
            )
    # A person mandated in the case's plan may.
    deputy = UserFactory(roles=[Role.KERNTEAMLID])
    plan = services.plan_for_case(case=message.case)
    plan.approver = deputy
    plan.save(update_fields=["approver"])
    services.message_approve(actor=deputy, message=message, expected_version=message.version)
    assert _fresh(message).approved_by == deputy


def test_a_stale_version_is_refused(people):
    message = _to(MessageStatus.CONCEPT, people)
    with pytest.raises(ValidationError):
        services.message_submit(
            actor=people["adviser"], message=message, expected_version=message.version - 1
        )
    assert _fresh(message).status == MessageStatus.CONCEPT


def test_a_sent_moment_in_the_future_or_before_approval_is_refused(people):
    message = _to(MessageStatus.GOEDGEKEURD, people)
    for moment in (
        timezone.now() + timezone.timedelta(hours=2),
        message.approved_at - timezone.timedelta(hours=1),
    ):
        with pytest.raises(ValidationError):
            services.message_mark_sent(
                actor=people["adviser"],
                message=message,
                expected_version=message.version,
                sent_at=moment,
            )
    assert _fresh(message).status == MessageStatus.GOEDGEKEURD


def test_a_kernteam_member_proposes_but_does_not_send(people):
    member = UserFactory(roles=[Role.KERNTEAMLID])
    case = CaseFactory()
    message = services.message_create(
        actor=member,
        case=case,
        kind=message_kind("Intern bericht"),
        title="Voor de balie",
        text="Lijn.",
    )
    assert message.status == MessageStatus.CONCEPT
    signaller = UserFactory(roles=[Role.SIGNALEERDER])
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.message_create(actor=signaller, case=case, kind=message.kind, title="x", text="y")
