"""The record of reminders: one row per (deadline key, offset, recipient), claimed before sending.

The unique constraint is what makes a reminder go out once: whoever inserts the row (or
wins the conditional update of a failed one) sends it. Rows change one at a time through
``samos.reminders.services``; the queryset refuses bulk updates.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import KEY_MAX_LENGTH, KIND_MAX_LENGTH

# A reminder is tried this many times at most; after that it is "failed" for good.
MAX_ATTEMPTS = 3


class BulkUpdateError(Exception):
    """Raised when code tries to update reminder rows in bulk."""


class SentReminderQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # bulk_update() goes through update() too, so this closes both doors.
        raise BulkUpdateError(
            "SentReminder rows change one at a time, through samos.reminders.services."
        )

    def update_one_if(self, *, pk: int, expected: dict, changes: dict) -> bool:
        """Change row PK only if it still has the EXPECTED values; True when it did.

        This is the conditional update a claim is made of: of two workers that read the
        same row, only one sees its WHERE clause still match.
        """
        rows = models.QuerySet.update(self.filter(pk=pk, **expected), **changes)
        return rows == 1


class SentReminder(models.Model):
    class Status(models.TextChoices):
        CLAIMED = "claimed", _("geclaimd")
        SENT = "sent", _("verstuurd")
        FAILED = "failed", _("mislukt")
        SKIPPED = "skipped", _("overgeslagen")

    key = models.CharField(_("sleutel"), max_length=KEY_MAX_LENGTH)
    offset = models.CharField(_("moment"), max_length=KIND_MAX_LENGTH)
    recipient = models.EmailField(_("ontvanger"), max_length=254)
    due_at = models.DateTimeField(_("termijn"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CLAIMED
    )
    claimed_at = models.DateTimeField(_("geclaimd op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=200, blank=True)

    objects = SentReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        ordering = ["-claimed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "offset", "recipient"], name="reminders_one_per_offset_recipient"
            ),
        ]
        indexes = [models.Index(fields=["status", "claimed_at"], name="reminders_status_idx")]

    def __str__(self):
        # No subject or summary here: str() ends up in the audit trail.
        return f"{self.key} ({self.offset}) → {self.recipient}"
