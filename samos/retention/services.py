"""Enforcing retention: the batch helper every category uses, and the nightly run.

The run walks the registered categories in order and writes one audit event per
category with its counts, also when nothing was due (the log shows that the job ran).
A category that fails is logged as a failure and does not stop the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from samos.audit.models import AuditEvent
from samos.audit.services import audit_record

from .registry import Outcome, registered_categories

logger = logging.getLogger(__name__)

SYSTEM_ACTOR = "systeem (bewaartermijn)"
AUDIT_ACTION = "bewaartermijn.toegepast"


def cutoff(*, now: datetime, months: int = 0, years: int = 0) -> datetime:
    """NOW minus whole calendar months/years, counted in Europe/Amsterdam.

    "Three months" after 31 May is 31 August, and a period never shifts by an hour
    because the clocks changed in between.
    """
    local = timezone.localtime(now)
    moved = (local - relativedelta(months=months, years=years)).replace(tzinfo=None)
    return timezone.make_aware(moved)


def in_batches(
    candidates: models.QuerySet,
    handle: Callable[[list[int]], Outcome],
    *,
    batch_size: int,
) -> Outcome:
    """Call HANDLE with the primary keys of CANDIDATES, BATCH_SIZE at a time.

    Each batch runs in its own transaction, so a long run holds no lock for long and an
    interrupted run keeps what it finished. The keys are walked upwards from the last
    one seen: a record HANDLE leaves in place (it is no longer due, or is held) is not
    offered again, so the loop always ends. HANDLE re-checks inside its transaction.
    """
    total = Outcome()
    last_pk = None
    while True:
        batch = candidates.order_by("pk")
        if last_pk is not None:
            batch = batch.filter(pk__gt=last_pk)
        pks = list(batch.values_list("pk", flat=True)[:batch_size])
        if not pks:
            return total
        with transaction.atomic():
            total = total + handle(pks)
        last_pk = pks[-1]


def retention_enforce(*, now: datetime | None = None) -> dict[str, Outcome]:
    """Apply every registered category at NOW; return the outcome per category code."""
    now = now or timezone.now()
    batch_size = settings.SAMOS_RETENTION_BATCH_SIZE
    outcomes: dict[str, Outcome] = {}
    for category in registered_categories():
        details = {
            "categorie": category.code,
            "omschrijving": str(category.label),
            "handeling": str(category.handling),
            "instelling": category.setting,
            "termijn": getattr(settings, category.setting),
        }
        try:
            outcome = category.enforce(now=now, batch_size=batch_size)
        except Exception as error:  # one category's failure must not stop the others
            logger.exception("Retention category %s failed", category.code)
            audit_record(
                action=AUDIT_ACTION,
                actor_label=SYSTEM_ACTOR,
                result=AuditEvent.Result.FAILURE,
                details={**details, "fout": type(error).__name__},
            )
            continue
        outcomes[category.code] = outcome
        audit_record(
            action=AUDIT_ACTION,
            actor_label=SYSTEM_ACTOR,
            details={
                **details,
                "aantal": outcome.count,
                "bestanden": outcome.files,
                "overgeslagen": outcome.skipped,
            },
        )
    return outcomes
