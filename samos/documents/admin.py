"""Admin: the municipality's document settings (one row) and a read-only list of stored PDFs."""

from django.contrib import admin

from samos.core.admin_mixins import ReadOnlyModelAdmin

from .models import DocumentSettings, StoredDocument


@admin.register(DocumentSettings)
class DocumentSettingsAdmin(admin.ModelAdmin):
    list_display = ["municipality_name", "confidentiality_line"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not DocumentSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StoredDocument)
class StoredDocumentAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "kind", "created_at", "size", "sha256"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in StoredDocument._meta.fields if f.name != "file"]
    exclude = ["file"]  # downloads go through the authorised views, never the admin
