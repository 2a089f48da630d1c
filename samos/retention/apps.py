from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "samos.retention"
    label = "retention"
    verbose_name = _("Bewaartermijnen")

    def ready(self):
        # The cross-cutting parts of samos register their own categories here; the apps
        # register theirs from their own AppConfig.ready() (<app>/retention.py).
        from samos.audit import retention as audit_retention
        from samos.core import retention as outbox_retention
        from samos.reminders import retention as reminder_retention

        from .registry import register

        register(reminder_retention.SENT_REMINDERS)
        register(outbox_retention.OUTBOX)
        register(audit_retention.AUDIT_LOG)
