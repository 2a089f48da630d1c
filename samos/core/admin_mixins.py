"""Admin building blocks shared by the samos packages."""

from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For records written only by services (audit trail, sent reminders, heartbeats):
    beheerders may look, nobody edits by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
