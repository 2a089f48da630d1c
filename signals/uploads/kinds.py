"""The allowlist of attachment kinds: content type, extensions and Pillow format."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FileKind:
    content_type: str
    label: str  # shown to users: "JPEG", "PDF"
    extension: str  # the one we store and offer for download
    extensions: frozenset[str]  # what a user's file name may end with
    pillow_formats: tuple[str, ...] = ()  # empty: not an image

    @property
    def is_image(self) -> bool:
        return bool(self.pillow_formats)


JPEG = FileKind(
    "image/jpeg",
    "JPEG",
    "jpg",
    frozenset({"jpg", "jpeg"}),
    # Phone cameras write multi-picture JPEGs; Pillow's JPEG opener returns them as MPO.
    ("JPEG", "MPO"),
)
PNG = FileKind("image/png", "PNG", "png", frozenset({"png"}), ("PNG",))
WEBP = FileKind("image/webp", "WebP", "webp", frozenset({"webp"}), ("WEBP",))
PDF = FileKind("application/pdf", "PDF", "pdf", frozenset({"pdf"}))

KINDS: dict[str, FileKind] = {kind.content_type: kind for kind in (JPEG, PNG, WEBP, PDF)}
ALLOWED_CONTENT_TYPES = frozenset(KINDS)


def kind_for_extension(extension: str) -> FileKind | None:
    extension = extension.lower().lstrip(".")
    return next((kind for kind in KINDS.values() if extension in kind.extensions), None)
