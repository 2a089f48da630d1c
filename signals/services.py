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

from .models import (
    Area,
    AreaAssignment,
    Attachment,
    Confirmation,
    HeldUpload,
    Signal,
    SignalRevision,
    SourceKind,
    Theme,
)
from .permissions import can_confirm, can_edit, can_log, can_triage, can_withdraw
from .selectors import signal_get_for
from .uploads import (
    ValidatedUpload,
    delete_private_file,
    safe_download_name,
    sanitised_content,
    store_private_file,
)
from .workflow import CONSEQUENCE_STATUSES, SignalStatus, can_set_by_hand, can_transition

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
    nature: str = Signal.Nature.ZORG,
    channel: str = Signal.Channel.OFFLINE,
    urgency: str = Signal.Urgency.MIDDEN,
    confidentiality: str = Signal.Confidentiality.INTERN,
    contains_personal_data: bool = False,
    submission_token: uuid_lib.UUID | None = None,
    attachments: Iterable[ValidatedUpload] = (),
    held_uploads: Iterable[HeldUpload] = (),
    attention_request=None,
    request=None,
) -> Signal:
    """Log a signal. With a submission token already used, return that signal instead.

    HELD_UPLOADS are attachments stored at an earlier, refused submission of the same form
    (held_uploads_store); they become this signal's attachments.
    """
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
        nature=nature,
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
    adopted = _adopt_held_uploads(signal, held_uploads, owner=author)
    stored = _store_attachments(signal, attachments)
    try:
        audit_record(
            action="signaal.gemeld",
            actor=author,
            obj=signal,
            request=request,
            details={"bijlagen": len(stored) + adopted},
        )
    except BaseException:
        _delete_files(stored)  # the transaction rolls back; its files must go too
        raise
    return signal


def _adopt_held_uploads(signal: Signal, held: Iterable[HeldUpload], *, owner) -> int:
    """Turn the owner's held uploads into attachments of SIGNAL; the files stay in place."""
    count = 0
    for upload in HeldUpload.objects.select_for_update().filter(
        pk__in=[h.pk for h in held], owner=owner
    ):
        Attachment.objects.create(
            signal=signal,
            path=upload.path,
            download_name=upload.download_name,
            content_type=upload.content_type,
            size=upload.size,
        )
        upload.delete()
        count += 1
    return count


# A held upload is for the next try of the same form, not a place to keep files.
HELD_UPLOAD_LIFETIME = timedelta(hours=6)


def held_uploads_store(*, owner, uploads: Iterable[ValidatedUpload]) -> list[HeldUpload]:
    """Re-encode and keep uploads that passed while the form as a whole did not."""
    held: list[HeldUpload] = []
    stored: list[str] = []
    try:
        with transaction.atomic():
            for upload in uploads:
                content = sanitised_content(upload)
                path = store_private_file(content, extension=upload.extension, folder="held")
                stored.append(path)
                held.append(
                    HeldUpload.objects.create(
                        owner=owner,
                        path=path,
                        download_name=upload.download_name,
                        content_type=upload.content_type,
                        size=len(content),
                    )
                )
    except BaseException:
        _delete_files(stored)
        raise
    return held


def held_uploads_for(*, owner, tokens: Iterable) -> list[HeldUpload]:
    """The owner's still-fresh held uploads among TOKENS; others' tokens find nothing."""
    fresh_since = timezone.now() - HELD_UPLOAD_LIFETIME
    return list(
        HeldUpload.objects.filter(owner=owner, token__in=list(tokens), created_at__gte=fresh_since)
    )


def held_uploads_sweep(*, now=None) -> int:
    """Remove held uploads nobody used (the form was abandoned); rows now, files on commit."""
    stale = HeldUpload.objects.filter(created_at__lt=(now or timezone.now()) - HELD_UPLOAD_LIFETIME)
    with transaction.atomic():
        paths = list(stale.values_list("path", flat=True))
        stale.delete()
        transaction.on_commit(lambda: _delete_files(paths))
    return len(paths)


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
    if status in CONSEQUENCE_STATUSES or signal.status == SignalStatus.GEKOPPELD:
        raise ValidationError(
            {
                "status": _(
                    "‘Gekoppeld aan casus’ volgt uit het koppelen aan een casus (en verdwijnt "
                    "bij het loskoppelen); ‘ingetrokken’ kan alleen de melder kiezen."
                )
            }
        )
    if not can_set_by_hand(signal.status, status):
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
    signal.revisions.update(reason="")
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


@transaction.atomic
def signal_mark_unlinked(*, actor, signal: Signal, request=None) -> Signal:
    """Back to bekeken when the last case let go of the signal (kernteam calls this)."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.status != SignalStatus.GEKOPPELD:
        return signal
    signal.status = SignalStatus.BEKEKEN
    signal.save(update_fields=["status", "updated_at"])
    audit_record(
        action="signaal.status_gewijzigd",
        actor=actor,
        obj=signal,
        request=request,
        details={"van": SignalStatus.GEKOPPELD, "naar": SignalStatus.BEKEKEN},
    )
    return signal


# What a correction may change, with the label the history shows. Texts are named only.
EDITABLE_FIELDS = {
    "nature": (_("soort waarneming"), "choice"),
    "observation": (_("waarneming"), "text"),
    "impression": (_("eigen eerste indruk"), "text"),
    "observed_at": (_("waargenomen op"), "moment"),
    "area": (_("gebied"), "object"),
    "source_kind": (_("bron"), "object"),
    "channel": (_("online of offline"), "choice"),
    "urgency": (_("urgentie"), "choice"),
    "confidentiality": (_("vertrouwelijkheid"), "choice"),
    "contains_personal_data": (_("bevat persoonsgegevens"), "flag"),
}


def _shown(name: str, kind: str, value) -> str:
    """A field's value as the history shows it; texts are not shown ("")."""
    if kind == "moment":
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if kind == "object":
        return str(value.name)
    if kind == "choice":
        return str(dict(Signal._meta.get_field(name).flatchoices).get(value, value))
    if kind == "flag":
        return _("ja") if value else _("nee")
    return ""


class SignalChangedMeanwhile(ValidationError):
    """Someone else saved the signal after this form was opened."""


@transaction.atomic
def signal_update(
    *, user, signal_uuid, values: dict, themes=None, expected_updated_at=None, request=None
) -> Signal:
    """Correct a signal: its author within the window, the coördinator at any time.

    VALUES holds any of EDITABLE_FIELDS; the history records what changed (not the old
    texts) and the audit log who did it.
    """
    signal = signal_get_for(user=user, uuid=signal_uuid)  # 404 for what the user may not see
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    # Asked of the locked row: the window may have closed while we waited for the lock.
    if not can_edit(user, signal):
        raise PermissionDenied
    if expected_updated_at is not None and signal.updated_at != expected_updated_at:
        raise SignalChangedMeanwhile(
            _(
                "Iemand anders heeft dit signaal intussen gewijzigd. Uw tekst staat nog in het "
                "formulier; bekijk het signaal opnieuw en sla daarna op."
            )
        )
    errors = {}
    observation = (values.get("observation", signal.observation) or "").strip()
    if not observation:
        errors["observation"] = _("Beschrijf wat u zag of hoorde.")
    observed_at = values.get("observed_at", signal.observed_at)
    if observed_at > timezone.now() + CLOCK_SKEW:
        errors["observed_at"] = _("Het tijdstip van de waarneming kan niet in de toekomst liggen.")
    area = values.get("area", signal.area)
    if area.pk != signal.area_id and not area.is_active:
        errors["area"] = _("Kies een actief gebied.")
    if errors:
        raise ValidationError(errors)
    values = {**values, "observation": observation}
    if "impression" in values:
        values["impression"] = (values["impression"] or "").strip()
    changes = []
    for name, (label, kind) in EDITABLE_FIELDS.items():
        if name not in values or values[name] == getattr(signal, name):
            continue
        before, after = _shown(name, kind, getattr(signal, name)), _shown(name, kind, values[name])
        if kind == "moment" and before == after:
            continue  # the form has minutes; the stored moment may have seconds
        setattr(signal, name, values[name])
        change = {"field": str(label)}
        if kind != "text":
            change.update({"from": before, "to": after})
        changes.append(change)
    if themes is not None:
        old = set(signal.themes.values_list("pk", flat=True))
        new = {theme.pk for theme in themes}
        if old != new:
            signal.themes.set(themes)
            changes.append({"field": str(_("thema's"))})
    if not changes:
        return signal
    signal.full_clean(exclude=["themes"])
    signal.save()
    own = signal.author_id == user.pk and not can_triage(user)
    SignalRevision.objects.create(
        signal=signal,
        kind=SignalRevision.Kind.CORRECTIE if own else SignalRevision.Kind.WIJZIGING,
        author=user,
        changes=changes,
    )
    audit_record(
        action="signaal.gecorrigeerd" if own else "signaal.gewijzigd",
        actor=user,
        obj=signal,
        request=request,
        details={"velden": [change["field"] for change in changes]},
    )
    return signal


@transaction.atomic
def signal_withdraw(*, user, signal_uuid, reason: str, request=None) -> Signal:
    """The author takes a young signal back, with a reason; it stays, marked ingetrokken."""
    signal = signal_get_for(user=user, uuid=signal_uuid)  # 404 for what the user may not see
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if not can_withdraw(user, signal):
        raise PermissionDenied
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Geef kort aan waarom u het signaal intrekt.")})
    previous = signal.status
    signal.status = SignalStatus.INGETROKKEN
    signal.status_reason = reason[:200]
    signal.save(update_fields=["status", "status_reason", "updated_at"])
    SignalRevision.objects.create(
        signal=signal, kind=SignalRevision.Kind.INTREKKING, author=user, reason=reason[:300]
    )
    audit_record(
        action="signaal.ingetrokken",
        actor=user,
        obj=signal,
        request=request,
        details={"van": previous},
    )
    return signal


@transaction.atomic
def user_set_areas(*, actor, user, areas: Iterable[Area], request=None) -> None:
    """Set the areas USER works in (the beheerder's user page). Audited as what changed."""
    wanted = {area.pk: area for area in areas}
    current = {a.area_id: a.area for a in AreaAssignment.objects.filter(user=user)}
    added = [wanted[pk] for pk in wanted.keys() - current.keys()]
    removed = [current[pk] for pk in current.keys() - wanted.keys()]
    if not added and not removed:
        return
    AreaAssignment.objects.filter(user=user, area__in=removed).delete()
    AreaAssignment.objects.bulk_create([AreaAssignment(user=user, area=area) for area in added])
    audit_record(
        action="gebruiker.gebieden_gewijzigd",
        actor=actor,
        obj=user,
        request=request,
        details={
            "toegevoegd": sorted(area.name for area in added),
            "verwijderd": sorted(area.name for area in removed),
        },
    )


@transaction.atomic
def exercise_signal_create(
    *,
    author,
    observation: str,
    area: Area,
    source_kind: SourceKind,
    themes: Iterable[Theme] = (),
    observed_at=None,
    channel: str = Signal.Channel.OFFLINE,
    urgency: str = Signal.Urgency.MIDDEN,
    request=None,
) -> Signal:
    """A fictitious signal for an exercise (oefenmateriaal), marked is_exercise: no real
    list, count, export or inbox shows it (signals.selectors). Called by the kernteam
    app's exercise services, which check that AUTHOR prepares that exercise and link the
    signal to it; it never answers an aandachtsverzoek and holds no personal data."""
    observed_at = observed_at or timezone.now()
    errors = {}
    if not observation or not observation.strip():
        errors["observation"] = _("Beschrijf wat er (fictief) gezien of gehoord is.")
    if observed_at > timezone.now() + CLOCK_SKEW:
        errors["observed_at"] = _("Het tijdstip van de waarneming kan niet in de toekomst liggen.")
    if not area.is_active:
        errors["area"] = _("Kies een actief gebied.")
    if errors:
        raise ValidationError(errors)
    signal = Signal(
        observation=observation.strip(),
        observed_at=observed_at,
        area=area,
        source_kind=source_kind,
        channel=channel,
        urgency=urgency,
        author=author,
        organisation_id=author.organisation_id,
        is_exercise=True,
        # Exercise material belongs to its exercise case from the start.
        status=SignalStatus.GEKOPPELD,
    )
    signal.full_clean(exclude=["themes"])
    signal.save()
    signal.themes.set(themes)
    audit_record(action="signaal.oefensignaal_gemaakt", actor=author, obj=signal, request=request)
    return signal
