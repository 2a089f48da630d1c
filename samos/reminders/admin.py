"""Read-only admin view of sent reminders: beheerders see what went out and what failed."""

from django.contrib import admin

from .models import SentReminder


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["key", "offset", "recipient", "due_at", "status", "attempts", "sent_at"]
    list_filter = ["status", "offset"]
    search_fields = ["key", "recipient"]
    date_hierarchy = "due_at"
    ordering = ["-claimed_at"]
    readonly_fields = [field.name for field in SentReminder._meta.fields]

    # Rows are written only by the scan (samos.reminders.services): a hand edit could
    # re-send or silently drop a reminder.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
