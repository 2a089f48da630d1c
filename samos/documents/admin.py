"""Admin: the municipality's document settings (one row) and a read-only list of stored PDFs."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from samos.core.admin_mixins import ReadOnlyModelAdmin, SamosModelAdmin

from .images import UnsupportedImageError, image_data_uri
from .models import DocumentSettings, StoredDocument

# A header logo needs no more: a 1200 px photo would only make every PDF heavier.
LOGO_MAX_PX = 400
LOGO_MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class DocumentSettingsForm(forms.ModelForm):
    logo_upload = forms.FileField(
        label=_("Logo uploaden"),
        required=False,
        help_text=_(
            "JPEG, PNG of WebP, hoogstens 2 MB. Het logo staat links boven op elke pagina "
            "van elk stuk; een vastgesteld stuk houdt het logo van dat moment."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    logo_remove = forms.BooleanField(label=_("Logo verwijderen"), required=False)

    class Meta:
        model = DocumentSettings
        fields = ["municipality_name", "confidentiality_line"]

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if not upload:
            return ""
        if upload.size > LOGO_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het logo is groter dan 2 MB. Kies een kleiner bestand."))
        try:
            # Decoded and re-encoded: only the pixels survive (no metadata, no scripts).
            return image_data_uri(upload, max_px=LOGO_MAX_PX)
        except UnsupportedImageError as error:
            raise forms.ValidationError(str(error)) from error

    def save(self, commit=True):
        settings_row = super().save(commit=False)
        if self.cleaned_data.get("logo_remove"):
            settings_row.logo = ""
        elif self.cleaned_data.get("logo_upload"):
            settings_row.logo = self.cleaned_data["logo_upload"]
        if commit:
            settings_row.save()
        return settings_row


@admin.register(DocumentSettings)
class DocumentSettingsAdmin(SamosModelAdmin):
    form = DocumentSettingsForm
    list_display = ["municipality_name", "confidentiality_line"]
    readonly_fields = ["current_logo"]
    fields = [
        "municipality_name",
        "confidentiality_line",
        "current_logo",
        "logo_upload",
        "logo_remove",
    ]

    @admin.display(description=_("Huidig logo"))
    def current_logo(self, obj):
        if not obj or not obj.logo:
            return _("Geen logo: de stukken tonen alleen de naam van de gemeente.")
        # The URI was produced by image_data_uri (base64 of our own encoding), never typed.
        return format_html('<img src="{}" alt="" height="60">', obj.logo)

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
