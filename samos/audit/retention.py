"""Retention of the audit log itself: the longest period, and the only delete of audit rows.

Deleted, not anonymised: an audit row is only worth its actor, object and moment; without
them nothing is left to keep. The table refuses deletes through its own queryset and
model, so this purge calls Django's plain QuerySet.delete on purpose.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samos.retention.registry import Category, Handling, Outcome
from samos.retention.services import cutoff, in_batches

from .models import AuditEvent


def enforce(*, now, batch_size) -> Outcome:
    limit = cutoff(now=now, years=settings.SAMOS_RETENTION_AUDIT_YEARS)
    expired = AuditEvent.objects.filter(at__lt=limit)

    def handle(pks):
        deleted, _by_model = models.QuerySet.delete(expired.filter(pk__in=pks))
        return Outcome(count=deleted)

    return in_batches(expired, handle, batch_size=batch_size)


AUDIT_LOG = Category(
    code="auditlog",
    label=_("auditlog"),
    handling=Handling.DELETE,
    setting="SAMOS_RETENTION_AUDIT_YEARS",
    enforce=enforce,
    # Last: tonight's own events are written after it and are young anyway.
    order=90,
)
