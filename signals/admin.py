from django.contrib import admin

from samos.core.admin_mixins import SamosModelAdmin

from .models import Area, SourceKind, Theme


@admin.register(Area)
class AreaAdmin(SamosModelAdmin):
    list_display = ("name", "kind", "parent", "cbs_code", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "cbs_code")


@admin.register(Theme)
class ThemeAdmin(SamosModelAdmin):
    list_display = ("name", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)


@admin.register(SourceKind)
class SourceKindAdmin(SamosModelAdmin):
    list_display = ("name", "order", "is_active")
    list_editable = ("order", "is_active")
