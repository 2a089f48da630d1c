from django.contrib import admin

from samos.core.admin_mixins import ReadOnlyModelAdmin

from .models import WorkerHeartbeat


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyModelAdmin):
    list_display = ("name", "last_seen")
