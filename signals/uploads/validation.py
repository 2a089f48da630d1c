"""Check an uploaded file against the allowlist before anything is stored."""

import os
from dataclasses import dataclass, field

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .clamav import scan_for_viruses
from .download import safe_download_name
from .images import open_image, sanitise_image
from .kinds import KINDS, FileKind
from .pdf import check_pdf

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAGIC_BYTES = 2048

MESSAGE_TOO_LARGE = _("Het bestand is te groot. Het maximum is %(limit)s.")
MESSAGE_EMPTY = _("Het bestand is leeg.")
MESSAGE_UNSUPPORTED = _(
    "Dit soort bestand wordt niet geaccepteerd. Voeg een foto of afbeelding toe (JPEG, PNG "
    "of WebP) of een PDF-document."
)
MESSAGE_EXTENSION = _(
    "De extensie van de bestandsnaam past niet bij de inhoud: dit is een %(kind)s-bestand. "
    "Geef het de extensie %(expected)s en probeer het opnieuw."
)


@dataclass(frozen=True)
class ValidatedUpload:
    """An upload that passed every check. CONTENT is still the original bytes."""

    content: bytes = field(repr=False)
    content_type: str
    extension: str  # ours ("jpg"), not the user's ("JPEG")
    original_name: str
    size: int
    width: int | None = None
    height: int | None = None

    @property
    def kind(self) -> FileKind:
        return KINDS[self.content_type]

    @property
    def is_image(self) -> bool:
        return self.kind.is_image

    @property
    def download_name(self) -> str:
        return safe_download_name(
            self.original_name, fallback=f"bijlage.{self.extension}", extension=self.extension
        )


def max_bytes_setting() -> int:
    return int(getattr(settings, "SAMOS_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _too_large(limit: int) -> ValidationError:
    return ValidationError(
        MESSAGE_TOO_LARGE, code="too_large", params={"limit": filesizeformat(limit)}
    )


def _read_at_most(uploaded_file: UploadedFile, limit: int) -> bytes:
    """Read up to LIMIT + 1 bytes: enough to know the file is too large, never more."""
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    chunks: list[bytes] = []
    remaining = limit + 1
    while remaining > 0:
        chunk = uploaded_file.read(min(remaining, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def validate_upload(
    uploaded_file: UploadedFile,
    *,
    max_bytes: int | None = None,
    max_pixels: int | None = None,
) -> ValidatedUpload:
    """Accept a JPEG, PNG, WebP or PDF whose content, name and structure agree; else raise.

    In order: declared size (before reading), real size, libmagic on the first 2 KiB
    against the allowlist, the file name's extension against the detected type, the
    image (explicit Pillow format, pixel limit) or PDF (no active content) checks, and
    last the optional virus scan. Every refusal is a ValidationError with a Dutch message
    and a code; the content is not stored here (see store_private_file).
    """
    limit = max_bytes_setting() if max_bytes is None else max_bytes
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > limit:
        raise _too_large(limit)

    content = _read_at_most(uploaded_file, limit)
    if len(content) > limit:
        raise _too_large(limit)
    if not content:
        raise ValidationError(MESSAGE_EMPTY, code="empty")

    try:
        detected = magic.from_buffer(content[:MAGIC_BYTES], mime=True)
    except magic.MagicException:
        detected = ""
    kind = KINDS.get(detected)
    if kind is None:
        raise ValidationError(MESSAGE_UNSUPPORTED, code="unsupported_type")

    original_name = os.path.basename(str(getattr(uploaded_file, "name", "") or ""))
    extension = os.path.splitext(original_name)[1].lower().lstrip(".")
    if extension not in kind.extensions:
        raise ValidationError(
            MESSAGE_EXTENSION,
            code="extension_mismatch",
            params={
                "kind": kind.label,
                "expected": " of ".join(f".{e}" for e in sorted(kind.extensions)),
            },
        )

    width = height = None
    if kind.is_image:
        image = open_image(content, kind=kind, max_pixels=max_pixels)
        width, height = image.size
        image.close()
    else:
        check_pdf(content)

    scan_for_viruses(content)
    return ValidatedUpload(
        content=content,
        content_type=kind.content_type,
        extension=kind.extension,
        original_name=original_name,
        size=len(content),
        width=width,
        height=height,
    )


def sanitised_content(upload: ValidatedUpload, *, max_pixels: int | None = None) -> bytes:
    """The bytes to store: images re-encoded without metadata, PDFs as checked."""
    if upload.is_image:
        return sanitise_image(
            upload.content, content_type=upload.content_type, max_pixels=max_pixels
        )
    return upload.content
