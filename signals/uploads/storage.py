"""Private files: written under MEDIA_ROOT with random names, never the user's file name."""

import os
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.utils import timezone

_EXTENSION = re.compile(r"[a-z0-9]{1,10}")
_FOLDER = re.compile(r"[a-z0-9_-]+(/[a-z0-9_-]+)*")
FILE_MODE = 0o640
DIRECTORY_MODE = 0o750


def private_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def private_path(relative_path: str | os.PathLike[str]) -> Path:
    """The absolute path of a stored file; SuspiciousFileOperation if it leaves MEDIA_ROOT.

    Symbolic links are resolved first, so a link inside MEDIA_ROOT pointing elsewhere is
    refused as well.
    """
    relative = Path(relative_path)
    text = str(relative_path)
    if relative.is_absolute() or not text.strip() or "\x00" in text:
        raise SuspiciousFileOperation("Private file paths are relative to MEDIA_ROOT.")
    root = private_root()
    path = (root / relative).resolve()
    if path == root or not path.is_relative_to(root):
        raise SuspiciousFileOperation("Private file path leaves MEDIA_ROOT.")
    return path


def store_private_file(content: bytes, *, extension: str, folder: str = "attachments") -> str:
    """Write CONTENT to MEDIA_ROOT/<folder>/<yyyy>/<mm>/<random>.<ext>; return that path.

    The name is 32 random URL-safe characters, so it reveals nothing and cannot be
    guessed. The file is written under a temporary name and renamed, so a reader never
    sees half a file.
    """
    extension = extension.lower().lstrip(".")
    if not _EXTENSION.fullmatch(extension):
        raise ValueError(f"Unsafe extension: {extension!r}")
    if not _FOLDER.fullmatch(folder):
        raise ValueError(f"Unsafe folder: {folder!r}")
    now = timezone.now()
    relative_folder = f"{folder}/{now:%Y}/{now:%m}"
    directory = private_path(relative_folder)
    directory.mkdir(parents=True, exist_ok=True, mode=DIRECTORY_MODE)

    name = f"{secrets.token_urlsafe(24)}.{extension}"
    temporary = directory / f".{name}.part"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, directory / name)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return f"{relative_folder}/{name}"


def delete_private_file(relative_path: str) -> bool:
    """Remove a stored file; True when removed, False when it was already gone.

    Paths that leave MEDIA_ROOT raise SuspiciousFileOperation.
    """
    path = private_path(relative_path)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True
