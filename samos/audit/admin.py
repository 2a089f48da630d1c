from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from samos.core.admin_mixins import ReadOnlyModelAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    """Read-only view of the trail for beheerders."""

    list_display = ("at", "actor_label", "action", "object_label", "result", "ip_address")
    list_filter = ("result", "action")
    search_fields = ("actor_label", "action", "object_label", "object_id")
    date_hierarchy = "at"
    readonly_fields = ("object_kind",)
    fields = (
        "at",
        "actor",
        "actor_label",
        "action",
        "object_kind",
        "object_id",
        "object_label",
        "result",
        "ip_address",
        "details",
    )

    @admin.display(description=_("soort object"))
    def object_kind(self, event):
        """The model's Dutch name ("gebruiker"), not its code ("accounts.user")."""
        try:
            return apps.get_model(event.object_type)._meta.verbose_name
        except (LookupError, ValueError):
            return event.object_type or "-"
