"""Read-only admin view of sent reminders: beheerders see what went out and what failed."""

from django.contrib import admin

from samos.core.admin_mixins import ReadOnlyModelAdmin

from .models import SentReminder


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyModelAdmin):
    list_display = ["key", "offset", "recipient", "due_at", "status", "attempts", "sent_at"]
    list_filter = ["status", "offset"]
    search_fields = ["key", "recipient"]
    date_hierarchy = "due_at"
    ordering = ["-claimed_at"]
    readonly_fields = [field.name for field in SentReminder._meta.fields]
