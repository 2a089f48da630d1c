"""Vooraf per groepslid: each invited member's own short BOB before a session ("one A4").

Each member writes their own; nobody edits another's. The form carries the version it
was opened with, so a second tab (or a second device) cannot silently overwrite.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernteam.models import Preparation, Session
from kernteam.permissions import can_prepare
from kernteam.workflow import SessionStatus
from samos.audit.services import audit_record
from samos.core.locking import STALE_MESSAGE, StaleVersion, check_version

__all__ = ["PREPARATION_MAX_ANSWER", "PREPARATION_OPEN_STATUSES", "preparation_save"]

# One A4 for nine questions: a few sentences each is plenty.
PREPARATION_MAX_ANSWER = 2000
# A preparation is written before and during the session, not after it.
PREPARATION_OPEN_STATUSES = frozenset({SessionStatus.GEPLAND, SessionStatus.BEZIG})


@transaction.atomic
def preparation_save(
    *, user, session_uuid, expected_version: int | None = None, request=None, **answers: str
) -> Preparation:
    """Create or update USER's own preparation for the session.

    ANSWERS are Preparation.TEXT_FIELDS; those not given keep their saved text. An
    EXPECTED_VERSION of 0 means "there was none yet when I opened the form".
    """
    unknown = set(answers) - set(Preparation.TEXT_FIELDS)
    if unknown:
        raise TypeError(f"preparation_save() got unknown answers: {sorted(unknown)}")
    session = Session.objects.select_for_update().filter(uuid=session_uuid).first()
    if session is None or not can_prepare(user, session):
        raise PermissionDenied
    if session.status not in PREPARATION_OPEN_STATUSES:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "De bijeenkomst is %(status)s; de voorbereiding kan niet meer worden gewijzigd."
                )
                % {"status": session.get_status_display().lower()}
            }
        )
    preparation = (
        Preparation.objects.select_for_update().filter(session=session, author=user).first()
    )
    if preparation is not None:
        check_version(preparation.version, expected_version)
    cleaned = {field: (value or "").strip() for field, value in answers.items()}
    errors = {
        field: _("Ten hoogste %(limit)s tekens.") % {"limit": PREPARATION_MAX_ANSWER}
        for field, value in cleaned.items()
        if len(value) > PREPARATION_MAX_ANSWER
    }
    if errors:
        raise ValidationError(errors)
    merged = {
        field: cleaned.get(field, getattr(preparation, field, "") if preparation else "")
        for field in Preparation.TEXT_FIELDS
    }
    if not any(merged.values()):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Beantwoord ten minste één vraag.")}, code="empty"
        )
    if preparation is None:
        try:
            with transaction.atomic():  # a savepoint: a lost race must not spoil the rest
                preparation = Preparation.objects.create(session=session, author=user, **merged)
        except IntegrityError:
            # The same member saved from another tab a moment ago.
            raise StaleVersion(STALE_MESSAGE, code="stale") from None
    else:
        for field, value in merged.items():
            setattr(preparation, field, value)
        preparation.updated_at = timezone.now()
        preparation.version += 1
        preparation.save(update_fields=[*Preparation.TEXT_FIELDS, "updated_at", "version"])
    audit_record(
        action="voorbereiding.opgeslagen",
        actor=user,
        obj=preparation,
        request=request,
        # No free text: only how many questions are answered.
        details={
            "bijeenkomst": str(session.uuid),
            "beantwoord": sum(1 for value in merged.values() if value),
            "versie": preparation.version,
        },
    )
    return preparation
