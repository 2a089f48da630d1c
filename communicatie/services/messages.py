"""The life of a message (uiting): drafted, submitted, approved or sent back, recorded as
sent or held, or withdrawn. Every move follows communicatie.workflow; an approved text is
frozen, and a change to it is a new version that needs approval again."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communicatie.models import Message, MessageVersion
from communicatie.permissions import (
    can_edit_message,
    can_manage_messages,
    can_propose_message,
    is_approver_for,
)
from communicatie.workflow import APPROVED_STATUSES, MessageStatus, message_can_move
from samos.audit.services import audit_record
from samos.core.locking import check_version

from .plan import plan_for_case

FINAL_STATUSES = frozenset(
    {MessageStatus.VERSTUURD, MessageStatus.GEHOUDEN, MessageStatus.INGETROKKEN}
)
CONTENT_FIELDS = ("kind", "title", "channel", "planned_at", "owner", "text")


def _move(message: Message, target: str) -> None:
    if not message_can_move(message.status, target):
        raise ValidationError(
            _("Een uiting met de status ‘%(status)s’ kan niet naar ‘%(target)s’.")
            % {"status": message.get_status_display(), "target": MessageStatus(target).label},
            code="transition",
        )
    message.status = target


def _new_version(message: Message, actor) -> MessageVersion:
    number = (
        message.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    return MessageVersion.objects.create(
        message=message, number=number, title=message.title, text=message.text, author=actor
    )


def _current_version(message: Message) -> MessageVersion:
    return message.versions.select_for_update().order_by("-number").first()


def _audit(action: str, actor, message: Message, **details) -> None:
    audit_record(
        action=action,
        actor=actor,
        obj=message,
        details={"casus": str(message.case.uuid), **details},
    )


def _locked(message: Message, expected_version: int | None) -> Message:
    locked = Message.objects.select_for_update().select_related("case", "kind").get(pk=message.pk)
    check_version(locked.version, expected_version)
    return locked


@transaction.atomic
def message_create(*, actor, case, target_groups=(), **values) -> Message:
    """A new concept message for CASE; VALUES are CONTENT_FIELDS."""
    if not can_propose_message(actor):
        raise PermissionDenied
    if not (values.get("text") or "").strip():
        raise ValidationError({"text": _("Schrijf de tekst van de uiting.")})
    plan_for_case(case=case)
    message = Message.objects.create(
        case=case, created_by=actor, **{k: v for k, v in values.items() if k in CONTENT_FIELDS}
    )
    message.target_groups.set(target_groups)
    _new_version(message, actor)
    _audit("uiting.aangemaakt", actor, message)
    return message


@transaction.atomic
def message_update(
    *, actor, message: Message, expected_version: int | None, target_groups=None, **values
) -> Message:
    """Change a message that has not gone out. A change to the text or subject of a message
    that was submitted or approved makes it a concept again, as a new version: what the
    approver approved stays exactly as it was, in the history."""
    message = _locked(message, expected_version)
    if message.status in FINAL_STATUSES:
        raise ValidationError(
            _("Een uiting die verstuurd, gehouden of ingetrokken is, verandert niet meer."),
            code="transition",
        )
    if not can_edit_message(actor, message):
        raise PermissionDenied
    text_changed = any(
        name in values and (values[name] or "") != getattr(message, name)
        for name in ("title", "text")
    )
    for name in CONTENT_FIELDS:
        if name in values:
            setattr(message, name, values[name])
    if not (message.text or "").strip():
        raise ValidationError({"text": _("Schrijf de tekst van de uiting.")})
    fields = [*CONTENT_FIELDS, "version", "updated_at"]
    if text_changed:
        if message.status != MessageStatus.CONCEPT:
            _move(message, MessageStatus.CONCEPT)
            message.approved_text, message.approved_by, message.approved_at = "", None, None
            message.submitted_at = None
            fields += ["status", "approved_text", "approved_by", "approved_at", "submitted_at"]
        _new_version(message, actor)
    message.version += 1
    message.updated_at = timezone.now()
    message.save(update_fields=fields)
    if target_groups is not None:
        message.target_groups.set(target_groups)
    _audit("uiting.gewijzigd", actor, message, nieuwe_versie=text_changed)
    return message


@transaction.atomic
def message_submit(*, actor, message: Message, expected_version: int | None) -> Message:
    """Ask for approval. The approvers get a notice with only a link (communicatie.reminders)."""
    message = _locked(message, expected_version)
    if not can_edit_message(actor, message) and not can_manage_messages(actor):
        raise PermissionDenied
    _move(message, MessageStatus.TER_GOEDKEURING)
    now = timezone.now()
    message.submitted_at = now
    message.version += 1
    message.save(update_fields=["status", "submitted_at", "version"])
    version = _current_version(message)
    version.submitted_at = now
    version.save(update_fields=["submitted_at"])
    _audit("uiting.ter_goedkeuring", actor, message, versie=version.number)
    from communicatie.tasks import enqueue_approval_notice  # tasks import services

    enqueue_approval_notice(message.pk)
    return message


def _decide(
    *, actor, message: Message, expected_version, target: str, comment: str, decision: str
) -> Message:
    message = _locked(message, expected_version)
    if message.status != MessageStatus.TER_GOEDKEURING:
        raise ValidationError(_("Deze uiting wacht niet (meer) op goedkeuring."), code="transition")
    if not is_approver_for(actor, plan_for_case(case=message.case)):
        raise PermissionDenied
    _move(message, target)
    now = timezone.now()
    version = _current_version(message)
    version.decision, version.decided_by, version.decided_at = decision, actor, now
    version.comment = (comment or "").strip()
    version.save(update_fields=["decision", "decided_by", "decided_at", "comment"])
    fields = ["status", "version"]
    if target == MessageStatus.GOEDGEKEURD:
        message.approved_text, message.approved_by, message.approved_at = message.text, actor, now
        fields += ["approved_text", "approved_by", "approved_at"]
    message.version += 1
    message.save(update_fields=fields)
    return message


@transaction.atomic
def message_approve(
    *, actor, message: Message, expected_version: int | None, comment: str = ""
) -> Message:
    """Approve the submitted text as it is: that text is frozen from now on."""
    message = _decide(
        actor=actor,
        message=message,
        expected_version=expected_version,
        target=MessageStatus.GOEDGEKEURD,
        comment=comment,
        decision=MessageVersion.Decision.GOEDGEKEURD,
    )
    _audit("uiting.goedgekeurd", actor, message)
    return message


@transaction.atomic
def message_send_back(
    *, actor, message: Message, expected_version: int | None, comment: str
) -> Message:
    """Send a submitted message back to concept, with what should change."""
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Schrijf erbij wat er anders moet.")})
    message = _decide(
        actor=actor,
        message=message,
        expected_version=expected_version,
        target=MessageStatus.CONCEPT,
        comment=comment,
        decision=MessageVersion.Decision.TERUGGESTUURD,
    )
    message.submitted_at = None
    message.save(update_fields=["submitted_at"])
    _audit("uiting.teruggestuurd", actor, message)
    return message


@transaction.atomic
def message_mark_sent(
    *, actor, message: Message, expected_version: int | None, sent_at=None
) -> Message:
    """Record that the approved message went out (or, for an evening, was held): when and by
    whom. SAMOS does not publish it; this is the record."""
    message = _locked(message, expected_version)
    if not can_manage_messages(actor) and message.owner_id != actor.pk:
        raise PermissionDenied
    if message.status not in APPROVED_STATUSES:
        raise ValidationError(
            _("Alleen een goedgekeurde uiting kan als verstuurd of gehouden worden vastgelegd."),
            code="transition",
        )
    now = timezone.now()
    sent_at = sent_at or now
    if sent_at > now:
        raise ValidationError(
            {"sent_at": _("Een moment in de toekomst kan niet: leg het vast als het gebeurd is.")}
        )
    if message.approved_at and sent_at < message.approved_at:
        raise ValidationError({"sent_at": _("Dat moment ligt vóór de goedkeuring.")})
    _move(message, MessageStatus.GEHOUDEN if message.kind.is_event else MessageStatus.VERSTUURD)
    message.sent_at, message.sent_by = sent_at, actor
    message.version += 1
    message.save(update_fields=["status", "sent_at", "sent_by", "version"])
    _audit("uiting.verstuurd", actor, message, status=message.status)
    return message


@transaction.atomic
def message_withdraw(*, actor, message: Message, expected_version: int | None) -> Message:
    """Withdraw a message that has not gone out; it stays in the history."""
    message = _locked(message, expected_version)
    if not can_manage_messages(actor) and not (
        message.status == MessageStatus.CONCEPT and message.created_by_id == actor.pk
    ):
        raise PermissionDenied
    _move(message, MessageStatus.INGETROKKEN)
    message.withdrawn_at = timezone.now()
    message.version += 1
    message.save(update_fields=["status", "withdrawn_at", "version"])
    _audit("uiting.ingetrokken", actor, message)
    return message
