from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only view of the trail for beheerders."""

    list_display = ("at", "actor_label", "action", "object_label", "result", "ip_address")
    list_filter = ("result", "action")
    search_fields = ("actor_label", "action", "object_label", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
