"""Retention of sent-reminder rows (registered by samos.retention).

Deleted, not anonymised: a row only records that one mail went to one address; once its
deadline lies months back no source yields that deadline again (sources look days around
now), so the row no longer guards against a second mail and has no other use.
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samos.retention.registry import Category, Handling, Outcome
from samos.retention.services import cutoff, in_batches

from .models import SentReminder


def _expired(limit):
    # Due long ago, and claimed or sent long ago too (a row tried late stays its time).
    return SentReminder.objects.filter(due_at__lt=limit).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=limit),
        Q(sent_at__isnull=True) | Q(sent_at__lt=limit),
    )


def enforce(*, now, batch_size) -> Outcome:
    limit = cutoff(now=now, months=settings.SAMOS_RETENTION_SENT_REMINDER_MONTHS)

    def handle(pks):
        deleted, _by_model = _expired(limit).filter(pk__in=pks).delete()
        return Outcome(count=deleted)

    return in_batches(_expired(limit), handle, batch_size=batch_size)


SENT_REMINDERS = Category(
    code="herinneringen.verstuurd",
    label=_("verstuurde herinneringen"),
    handling=Handling.DELETE,
    setting="SAMOS_RETENTION_SENT_REMINDER_MONTHS",
    enforce=enforce,
    order=60,
)
