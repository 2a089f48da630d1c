"""Open untrusted images safely and re-encode them without metadata or trailing bytes."""

import io
import logging
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageFile, ImageOps

from .kinds import KINDS, FileKind

logger = logging.getLogger(__name__)

DEFAULT_MAX_PIXELS = 40_000_000
DEFAULT_MAX_SIDE = 4000
JPEG_QUALITY = 85

MESSAGE_INVALID_IMAGE = _(
    "De afbeelding kan niet worden gelezen: het bestand is beschadigd of is geen echt "
    "%(kind)s-bestand."
)
MESSAGE_IMAGE_TOO_LARGE = _(
    "De afbeelding is te groot (meer dan %(limit)s megapixel). Verklein de afbeelding en "
    "probeer het opnieuw."
)


def max_pixels_setting() -> int:
    return int(getattr(settings, "SAMOS_UPLOAD_MAX_PIXELS", DEFAULT_MAX_PIXELS))


def max_side_setting() -> int:
    return int(getattr(settings, "SAMOS_UPLOAD_MAX_IMAGE_SIDE", DEFAULT_MAX_SIDE))


def _too_large(limit: int) -> ValidationError:
    return ValidationError(
        MESSAGE_IMAGE_TOO_LARGE,
        code="image_too_large",
        params={"limit": f"{limit / 1_000_000:g}"},
    )


def open_image(content: bytes, *, kind: FileKind, max_pixels: int | None = None) -> Image.Image:
    """Decode CONTENT as exactly KIND, or raise a ValidationError; never a 500.

    The header is read first and its size checked before any pixel is decoded, so a small
    file that claims 50000 × 50000 pixels costs nothing. Pillow's own bomb warning is an
    error here (its error threshold is twice the warning one).
    """
    if not kind.is_image:
        raise ValueError(f"{kind.content_type} is not an image kind")
    limit = max_pixels_setting() if max_pixels is None else max_pixels
    invalid = ValidationError(
        MESSAGE_INVALID_IMAGE, code="invalid_image", params={"kind": kind.label}
    )
    # catch_warnings changes process-wide state; a concurrent request may briefly see the
    # filter too, which only makes it stricter. Our own pixel limit below is lower than
    # Pillow's warning threshold by default, so it does not depend on this filter alone.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(content), formats=list(kind.pillow_formats))
            if image.format not in kind.pillow_formats:
                raise invalid
            width, height = image.size
            if width < 1 or height < 1:
                raise invalid
            if width * height > limit:
                raise _too_large(limit)
            # WeasyPrint sets this process-wide flag to True when it is imported (in the
            # worker, or after a PDF render): a truncated upload would then pass. Ours
            # must always be complete; documents only embed images we re-encoded.
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_large(limit) from exc
        except MemoryError as exc:
            raise _too_large(limit) from exc
        # Pillow's decoders raise OSError, SyntaxError, ValueError, EOFError, struct.error,
        # IndexError… on hostile input; any of them means "not a readable image".
        except Exception as exc:
            logger.info("Refused an unreadable %s upload: %s", kind.label, type(exc).__name__)
            raise invalid from exc
    return image


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Convert to sRGB before the ICC profile is dropped, so colours stay (nearly) right."""
    if image.mode == "CMYK":
        target_mode = "RGB"
    elif image.mode in ("RGB", "RGBA"):
        target_mode = image.mode
    else:
        return image  # grey and palette images: dropping the profile changes little
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            converted = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode=target_mode
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            logger.info("Could not apply an uploaded image's ICC profile; dropping it")
    return image.convert(target_mode) if image.mode != target_mode else image


def sanitise_image(
    content: bytes,
    *,
    content_type: str,
    max_side: int | None = None,
    max_pixels: int | None = None,
) -> bytes:
    """Re-encode an image in its own format with no metadata and nothing after the pixels.

    EXIF orientation is applied first (so the photo stays upright), colours are moved to
    sRGB, then every metadata block is left behind: EXIF (GPS), XMP, ICC, comments, PNG
    text chunks. Only the first frame of an animation is kept. Images with a long side
    above MAX_SIDE (default SAMOS_UPLOAD_MAX_IMAGE_SIDE, 0 = never) are downscaled.
    A polyglot — a valid image followed by HTML or script — comes out as a plain image.
    """
    kind = KINDS.get(content_type)
    if kind is None or not kind.is_image:
        raise ValueError(f"{content_type!r} is not an image type we re-encode")
    side = max_side_setting() if max_side is None else max_side

    source = open_image(content, kind=kind, max_pixels=max_pixels)
    try:
        return _re_encode(source, kind=kind, max_side=side)
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        logger.info("Could not re-encode a %s upload: %s", kind.label, type(exc).__name__)
        raise ValidationError(
            MESSAGE_INVALID_IMAGE, code="invalid_image", params={"kind": kind.label}
        ) from exc


def _upright(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation; a mangled EXIF block is ignored (it is dropped anyway)."""
    try:
        return ImageOps.exif_transpose(image) or image
    except Exception:  # EXIF parsing of hostile bytes raises all sorts of errors
        logger.info("Ignored an unreadable EXIF block in an upload")
        return image


def _re_encode(source: Image.Image, *, kind: FileKind, max_side: int) -> bytes:
    icc_profile = source.info.get("icc_profile")
    transparency = source.info.get("transparency") if kind.pillow_formats == ("PNG",) else None
    image = _to_srgb(_upright(source), icc_profile)
    if max_side and max(image.size) > max_side:
        image = image.copy()
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)

    # A fresh image object with an empty info dict: Pillow's encoders copy comments, XMP,
    # ICC and EXIF from `info` by default. Only PNG transparency is kept (it is pixel data).
    clean = image.copy()
    clean.info = {}
    options: dict = {}
    if transparency is not None and clean.mode in ("P", "L", "RGB", "1"):
        options["transparency"] = transparency

    output = io.BytesIO()
    if kind.extension == "jpg":
        if clean.mode not in ("L", "RGB"):
            clean = clean.convert("RGB")
        clean.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, **options)
    elif kind.extension == "png":
        clean.save(output, "PNG", optimize=True, **options)
    else:
        if clean.mode not in ("RGB", "RGBA"):
            clean = clean.convert("RGBA" if clean.has_transparency_data else "RGB")
        clean.save(output, "WEBP", quality=JPEG_QUALITY, **options)
    return output.getvalue()
