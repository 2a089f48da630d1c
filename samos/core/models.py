"""State of the task worker, so beheerders can see that reminders really run."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per periodic source; `last_seen` is updated by a beat task every minute."""

    name = models.CharField(_("naam"), max_length=50, unique=True)
    last_seen = models.DateTimeField(_("laatst actief"))

    class Meta:
        verbose_name = _("hartslag taakverwerking")
        verbose_name_plural = _("hartslag taakverwerking")

    def __str__(self):
        return f"{self.name}: {self.last_seen:%Y-%m-%d %H:%M:%S}"
