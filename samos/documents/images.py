"""Turn a photo into a small, metadata-free `data:` URI for embedding in a PDF.

Documents never load images by URL (the renderer's fetcher refuses them); a photo goes in
as a `data:` URI made here. Re-encoding drops EXIF (GPS, camera), XMP, ICC profiles,
comments and any bytes after the image data, and downscaling keeps PDFs small.
"""

import base64
import io
import os
import warnings
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from PIL import Image, ImageOps

# Formats we decode; Pillow sniffs only these, so a GIF, SVG, TIFF or PSD never reaches a
# decoder even when it is named .jpg.
ALLOWED_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "WEBP")
MAX_SOURCE_BYTES = 30 * 1024 * 1024
# Checked from the header, before any pixel is decoded; below Pillow's own bomb warning.
MAX_SOURCE_PIXELS = 40_000_000
JPEG_QUALITY = 85
TOO_LARGE = _lazy("De afbeelding is te groot om in een document op te nemen.")

ImageSource = str | os.PathLike[str] | bytes | IO[bytes]


class UnsupportedImageError(ValueError):
    """The file cannot be embedded: not a JPEG, PNG or WebP image, unreadable or too big."""


def _read_source(file_or_path: ImageSource) -> bytes:
    if isinstance(file_or_path, bytes):
        data = file_or_path
    elif hasattr(file_or_path, "read"):
        if hasattr(file_or_path, "seek"):
            file_or_path.seek(0)
        data = file_or_path.read(MAX_SOURCE_BYTES + 1)
    else:
        with open(file_or_path, "rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise UnsupportedImageError(TOO_LARGE)
    return data


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def image_data_uri(file_or_path: ImageSource, *, max_px: int = 1200) -> str:
    """Return FILE_OR_PATH (a path, bytes or a binary file) as a re-encoded `data:` URI.

    The long side is at most MAX_PX pixels. Photos become JPEG; images with transparency
    become PNG so the transparency survives. Raises UnsupportedImageError otherwise.
    """
    if max_px < 1:
        raise ValueError("max_px must be at least 1")
    refused = UnsupportedImageError(
        _("Deze afbeelding kan niet in een document worden opgenomen: alleen JPEG, PNG en WebP.")
    )
    data = _read_source(file_or_path)
    # The bomb warning is process-wide state; here it only makes Pillow stricter.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            width, height = image.size
            if width < 1 or height < 1:
                raise refused
            if width * height > MAX_SOURCE_PIXELS:
                raise UnsupportedImageError(TOO_LARGE)
            # JPEG decodes at 1/2, 1/4 or 1/8 scale for free; thumbnail() does the rest.
            image.draft("RGB", (max_px, max_px))
            image.load()
            # Apply the EXIF orientation before EXIF is dropped, so photos stay upright.
            image = ImageOps.exif_transpose(image)
        except UnsupportedImageError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise UnsupportedImageError(TOO_LARGE) from exc
        # Pillow raises UnidentifiedImageError (an OSError), SyntaxError, ValueError,
        # EOFError, DecompressionBomb* … on hostile or foreign input: all mean "refused".
        except Exception as exc:
            raise refused from exc

    alpha = _has_alpha(image)
    if alpha:
        image = image.convert("RGBA")
    elif image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.thumbnail((max_px, max_px), Image.Resampling.LANCZOS)
    # Some encoders copy ICC profiles and comments from `info`; start from nothing.
    image.info = {}

    buffer = io.BytesIO()
    if alpha:
        image.save(buffer, format="PNG", optimize=True)
        media_type = "image/png"
    else:
        image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        media_type = "image/jpeg"
    return f"data:{media_type};base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}"
