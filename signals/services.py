"""Every write to signals: logging, confirming and triage."""

import uuid as uuid_lib
from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samos.audit.services import audit_record

from .models import Area, Attachment, Confirmation, Signal, SourceKind, Theme
from .permissions import can_confirm, can_log, can_triage
from .selectors import signal_get_for
from .uploads import (
    ValidatedUpload,
    delete_private_file,
    safe_download_name,
    sanitised_content,
    store_private_file,
)
from .workflow import SignalStatus, can_transition

# Phones and PCs disagree a little about the time; a few minutes ahead is not the future.
CLOCK_SKEW = timedelta(minutes=5)


@transaction.atomic
def signal_create(
    *,
    author,
    observation: str,
    area: Area,
    source_kind: SourceKind,
    themes: Iterable[Theme] = (),
    observed_at=None,
    impression: str = "",
    channel: str = Signal.Channel.OFFLINE,
    urgency: str = Signal.Urgency.MIDDEN,
    confidentiality: str = Signal.Confidentiality.INTERN,
    contains_personal_data: bool = False,
    submission_token: uuid_lib.UUID | None = None,
    attachments: Iterable[ValidatedUpload] = (),
    attention_request=None,
    request=None,
) -> Signal:
    """Log a signal. With a submission token already used, return that signal instead."""
    if not can_log(author):
        raise PermissionDenied
    if submission_token is not None:
        existing = Signal.objects.filter(submission_token=submission_token, author=author).first()
        if existing is not None:
            return existing
    observed_at = observed_at or timezone.now()
    errors = {}
    if not observation or not observation.strip():
        errors["observation"] = _("Beschrijf wat u zag of hoorde.")
    if observed_at > timezone.now() + CLOCK_SKEW:
        errors["observed_at"] = _("Het tijdstip van de waarneming kan niet in de toekomst liggen.")
    if not area.is_active:
        errors["area"] = _("Kies een actief gebied.")
    if attention_request is not None and not _may_answer(author, attention_request):
        errors["attention_request"] = _("Dit aandachtsverzoek is gesloten of niet voor u.")
    if errors:
        raise ValidationError(errors)
    signal = Signal(
        observation=observation.strip(),
        impression=impression.strip(),
        observed_at=observed_at,
        area=area,
        source_kind=source_kind,
        channel=channel,
        urgency=urgency,
        confidentiality=confidentiality,
        contains_personal_data=contains_personal_data,
        author=author,
        organisation_id=author.organisation_id,
        submission_token=submission_token,
        attention_request=attention_request,
    )
    signal.full_clean(exclude=["themes"])
    signal.save()
    signal.themes.set(themes)
    stored = _store_attachments(signal, attachments)
    try:
        audit_record(
            action="signaal.gemeld",
            actor=author,
            obj=signal,
            request=request,
            details={"bijlagen": len(stored)},
        )
    except BaseException:
        _delete_files(stored)  # the transaction rolls back; its files must go too
        raise
    return signal


def _may_answer(author, attention_request) -> bool:
    from .selectors import attention_request_list_visible_for

    return (
        attention_request_list_visible_for(user=author, only_open=True)
        .filter(pk=attention_request.pk)
        .exists()
    )


def _delete_files(paths: Iterable[str]) -> None:
    for path in paths:
        delete_private_file(path)


def _store_attachments(signal: Signal, uploads: Iterable[ValidatedUpload]) -> list[str]:
    """Re-encode and store each upload privately; on any failure no file stays behind."""
    stored: list[str] = []
    try:
        for upload in uploads:
            content = sanitised_content(upload)
            path = store_private_file(content, extension=upload.extension)
            stored.append(path)
            Attachment.objects.create(
                signal=signal,
                path=path,
                download_name=safe_download_name(
                    upload.original_name, fallback=f"bijlage.{upload.extension}"
                ),
                content_type=upload.content_type,
                size=len(content),
            )
    except BaseException:
        _delete_files(stored)
        raise
    return stored


@transaction.atomic
def signal_confirm(*, user, signal_uuid, observation: str, request=None) -> Confirmation:
    """Add the user's own observation to someone else's signal ("zie ik ook"), once."""
    signal = signal_get_for(user=user, uuid=signal_uuid)
    if not can_confirm(user, signal):
        raise PermissionDenied
    if not observation or not observation.strip():
        raise ValidationError({"observation": _("Beschrijf kort wat u zelf zag of hoorde.")})
    try:
        with transaction.atomic():
            confirmation = Confirmation.objects.create(
                signal=signal, author=user, observation=observation.strip()
            )
    except IntegrityError:
        raise ValidationError(
            {"observation": _("U heeft dit signaal al bevestigd.")}, code="duplicate"
        ) from None
    Signal.objects.filter(pk=signal.pk).update(confirmation_count=F("confirmation_count") + 1)
    audit_record(action="signaal.bevestigd", actor=user, obj=signal, request=request)
    return confirmation


@transaction.atomic
def signal_set_status(*, user, signal_uuid, status: str, reason: str = "", request=None) -> Signal:
    """Triage: move a signal along its allowed transitions, with a one-line reason."""
    if not can_triage(user):
        raise PermissionDenied
    signal = (
        Signal.objects.select_for_update()
        .filter(pk=signal_get_for(user=user, uuid=signal_uuid).pk)
        .get()
    )
    if not can_transition(signal.status, status):
        raise ValidationError(
            {
                "status": _("Een signaal met status ‘%(current)s’ kan niet naar ‘%(target)s’.")
                % {
                    "current": SignalStatus(signal.status).label,
                    "target": SignalStatus(status).label,
                }
            }
        )
    reason = reason.strip()
    if status == SignalStatus.GEARCHIVEERD and not reason:
        raise ValidationError({"reason": _("Geef kort aan waarom u dit signaal archiveert.")})
    previous = signal.status
    signal.status = status
    signal.status_reason = reason[:200]
    signal.save(update_fields=["status", "status_reason", "updated_at"])
    audit_record(
        action="signaal.status_gewijzigd",
        actor=user,
        obj=signal,
        request=request,
        details={"van": previous, "naar": status},
    )
    return signal


@transaction.atomic
def signal_bulk_set_status(
    *, user, signal_uuids: Iterable, status: str, reason: str = "", request=None
) -> int:
    """Triage several signals at once; all or nothing."""
    count = 0
    for signal_uuid in signal_uuids:
        signal_set_status(
            user=user, signal_uuid=signal_uuid, status=status, reason=reason, request=request
        )
        count += 1
    return count


@transaction.atomic
def attention_request_create(
    *,
    user,
    title: str,
    until,
    areas: Iterable[Area],
    themes: Iterable[Theme] = (),
    organisations: Iterable = (),
    description: str = "",
    request=None,
):
    """Ask the network to watch for something in some areas, until a date."""
    from .models import AttentionRequest
    from .permissions import can_manage_attention_requests

    if not can_manage_attention_requests(user):
        raise PermissionDenied
    areas = list(areas)
    errors = {}
    if not title.strip():
        errors["title"] = _("Beschrijf kort waar het netwerk op moet letten.")
    if not areas:
        errors["areas"] = _("Kies ten minste één gebied.")
    if until < timezone.localdate():
        errors["until"] = _("De einddatum ligt in het verleden.")
    if errors:
        raise ValidationError(errors)
    attention = AttentionRequest.objects.create(
        title=title.strip(), description=description.strip(), until=until, created_by=user
    )
    attention.areas.set(areas)
    attention.themes.set(themes)
    attention.organisations.set(organisations)
    audit_record(action="aandachtsverzoek.gemaakt", actor=user, obj=attention, request=request)
    return attention


@transaction.atomic
def attention_request_close(*, user, attention_uuid, request=None):
    """Close a request before its end date (it closes itself after that date)."""
    from .permissions import can_manage_attention_requests
    from .selectors import attention_request_get_for

    if not can_manage_attention_requests(user):
        raise PermissionDenied
    attention = attention_request_get_for(user=user, uuid=attention_uuid)
    if attention.closed_at is None:
        attention.closed_at = timezone.now()
        attention.save(update_fields=["closed_at"])
        audit_record(action="aandachtsverzoek.gesloten", actor=user, obj=attention, request=request)
    return attention


ANONYMISED_TEXT = "[geanonimiseerd]"


def _remove_attachments(signal: Signal) -> int:
    """Delete the attachment rows now and their files once the transaction commits."""
    paths = list(signal.attachments.values_list("path", flat=True))
    signal.attachments.all().delete()
    transaction.on_commit(lambda: _delete_files(paths))
    return len(paths)


@transaction.atomic
def signal_delete(*, user, signal_uuid, request=None) -> None:
    """Delete a signal with its confirmations and attachment files (coördinator only)."""
    if not can_triage(user):
        raise PermissionDenied
    signal = signal_get_for(user=user, uuid=signal_uuid)
    removed = _remove_attachments(signal)
    audit_record(
        action="signaal.verwijderd",
        actor=user,
        obj=signal,
        request=request,
        details={"bijlagen": removed},
    )
    signal.delete()


@transaction.atomic
def signal_anonymise(*, user=None, signal_uuid, request=None) -> Signal:
    """Keep the signal for counts and trends, remove everything that could identify anyone.

    Used by retention (user=None: the system) and by the coördinator.
    """
    if user is not None and not can_triage(user):
        raise PermissionDenied
    signal = Signal.objects.select_for_update().get(uuid=signal_uuid)
    removed = _remove_attachments(signal)
    signal.observation = ANONYMISED_TEXT
    signal.impression = ""
    signal.contains_personal_data = False
    signal.save(update_fields=["observation", "impression", "contains_personal_data", "updated_at"])
    signal.confirmations.update(observation=ANONYMISED_TEXT)
    audit_record(
        action="signaal.geanonimiseerd",
        actor=user,
        actor_label="" if user else "systeem (bewaartermijn)",
        obj=signal,
        request=request,
        details={"bijlagen": removed},
    )
    return signal


@transaction.atomic
def signal_mark_linked(*, actor, signal: Signal, request=None) -> Signal:
    """Set the triage status to gekoppeld when a case takes the signal in.

    Called by the kernteam app's case services, which check who may link; a signal that
    is already gekoppeld stays as it is.
    """
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.status == SignalStatus.GEKOPPELD:
        return signal
    if not can_transition(signal.status, SignalStatus.GEKOPPELD):
        raise ValidationError(_("Dit signaal kan niet aan een casus worden gekoppeld."))
    previous = signal.status
    signal.status = SignalStatus.GEKOPPELD
    signal.save(update_fields=["status", "updated_at"])
    audit_record(
        action="signaal.status_gewijzigd",
        actor=actor,
        obj=signal,
        request=request,
        details={"van": previous, "naar": SignalStatus.GEKOPPELD},
    )
    return signal
