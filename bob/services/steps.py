"""Saving what the kernteam wrote in one werkprotocol step, with optimistic locking."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bob import protocol
from bob.models import StepRecord
from bob.services._common import (
    clean_text,
    locked_session,
    require_runner,
    require_running,
)
from samos.audit.services import audit_record
from samos.core.locking import check_version

__all__ = ["step_save"]


def _clean_step_data(step: protocol.Step, data: dict) -> dict:
    cleaned = {}
    for step_field in step.fields:
        value = data.get(step_field.name, "")
        if step_field.is_choice:
            allowed = {code for code, _label in step_field.choices}
            if value and value not in allowed:
                raise ValidationError({step_field.name: _("Kies een waarde uit de lijst.")})
            cleaned[step_field.name] = value or ""
        else:
            cleaned[step_field.name] = clean_text(value, field=step_field.name)
    return cleaned


@transaction.atomic
def step_save(
    *, user, session_uuid, step_key: str, data: dict, expected_version: int, request=None
) -> StepRecord:
    """Store the fields of STEP_KEY. EXPECTED_VERSION is the version the form was opened
    with (0 for a step nobody saved yet); an older one is refused, nothing is overwritten."""
    session = locked_session(session_uuid)
    require_runner(user, session)
    require_running(session)
    step = protocol.step_for(session.kind, step_key)
    if step is None:
        raise ValidationError(_("Deze stap hoort niet bij dit soort bijeenkomst."))
    cleaned = _clean_step_data(step, data)
    record = StepRecord.objects.filter(session=session, step=step.key).first()
    check_version(record.version if record else 0, expected_version)
    if record is None:
        record = StepRecord.objects.create(
            session=session, step=step.key, data=cleaned, updated_by=user
        )
    else:
        record.data = cleaned
        record.updated_by = user
        record.updated_at = timezone.now()
        record.version += 1
        record.save(update_fields=["data", "updated_by", "updated_at", "version"])
    if session.current_step != step.key:
        session.current_step = step.key
        session.save(update_fields=["current_step"])
    audit_record(
        action="bijeenkomst.stap_opgeslagen",
        actor=user,
        obj=session,
        request=request,
        details={"stap": step.key, "versie": record.version},
    )
    return record
