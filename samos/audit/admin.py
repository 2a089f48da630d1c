from django.contrib import admin

from samos.core.admin_mixins import ReadOnlyModelAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    """Read-only view of the trail for beheerders."""

    list_display = ("at", "actor_label", "action", "object_label", "result", "ip_address")
    list_filter = ("result", "action")
    search_fields = ("actor_label", "action", "object_label", "object_id")
    date_hierarchy = "at"
