"""Stored documents (frozen PDFs with their SHA-256) and the municipality's document settings.

A stored document is written once and never changed: an adopted besluitenlijst, a frozen
verslag or a closing dossier is served from this exact file on every later download.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_CONFIDENTIALITY = _("Vertrouwelijk — niet openbaar")


class StoredDocument(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("soort"), max_length=40)
    title = models.CharField(_("titel"), max_length=300)
    # Random name under the private root (MEDIA_ROOT is never served).
    file = models.FileField(_("bestand"), upload_to="stukken/%Y/%m/", max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("grootte in bytes"))
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("opgeslagen stuk")
        verbose_name_plural = _("opgeslagen stukken")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValidationError(_("Een opgeslagen stuk verandert niet meer."))
        super().save(*args, **kwargs)

    def read_bytes(self) -> bytes:
        with self.file.open("rb") as handle:
            content = handle.read()
        # Fail closed: a file that no longer matches its hash is never served as the record.
        if hashlib.sha256(content).hexdigest() != self.sha256:
            raise ValidationError(_("Het opgeslagen stuk komt niet overeen met zijn kenmerk."))
        return content


class DocumentRead(models.Model):
    """A reader opened a stored document: the first time counts ("gelezen op")."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="document_reads"
    )
    document = models.ForeignKey(StoredDocument, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField(_("gelezen op"), default=timezone.now)

    class Meta:
        verbose_name = _("gelezen stuk")
        verbose_name_plural = _("gelezen stukken")
        constraints = [
            models.UniqueConstraint(fields=["reader", "document"], name="document_read_once")
        ]

    def __str__(self):
        return f"{self.reader} — {self.document}"


class DocumentSettings(models.Model):
    """How every SAMOS document presents the municipality (one row, edited in the admin)."""

    municipality_name = models.CharField(
        _("naam van de gemeente"), max_length=120, default="Gemeente Voorbeeldrade"
    )
    confidentiality_line = models.CharField(
        _("vertrouwelijkheidsregel"), max_length=120, default=DEFAULT_CONFIDENTIALITY
    )
    # The logo as a re-encoded data: URI (samos.documents.images), set through the admin's
    # upload field: documents never fetch an image, and what is stored is never the upload.
    logo = models.TextField(_("logo"), blank=True, editable=False)

    class Meta:
        verbose_name = _("instellingen voor stukken")
        verbose_name_plural = _("instellingen voor stukken")

    def __str__(self):
        return str(_("Instellingen voor stukken"))

    @classmethod
    def current(cls) -> "DocumentSettings":
        settings_row = cls.objects.order_by("pk").first()
        return settings_row or cls()
