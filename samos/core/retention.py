"""Retention of the file outbox: mail files written when no EMAIL_URL is set.

Deleted, not anonymised: a mail file is a copy of a message that went (or would have
gone) out; the records it is about live in the database and have their own periods.
The file's name carries the moment the backend wrote it (local time), which is what
counts; a file name that is not one of the backend's is left alone.
"""

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samos.retention.registry import Category, Handling, Outcome
from samos.retention.services import cutoff

from .outbox import _VALID_NAME, outbox_enabled


def _written_at(path: Path) -> datetime | None:
    try:
        naive = datetime.strptime(path.name[:15], "%Y%m%d-%H%M%S")  # noqa: DTZ007
    except ValueError:
        return None
    return timezone.make_aware(naive)


def enforce(*, now, batch_size) -> Outcome:
    folder = Path(settings.EMAIL_FILE_PATH) if outbox_enabled() else None
    if folder is None or not folder.is_dir():
        return Outcome()
    limit = cutoff(now=now, months=settings.SAMOS_RETENTION_OUTBOX_MONTHS)
    removed = 0
    for path in sorted(folder.iterdir()):
        if not _VALID_NAME.match(path.name) or not path.is_file():
            continue
        written = _written_at(path)
        if written is not None and written < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return Outcome(count=removed, files=removed)


OUTBOX = Category(
    code="uitgaande-post",
    label=_("uitgaande e-mail (bestanden)"),
    handling=Handling.DELETE,
    setting="SAMOS_RETENTION_OUTBOX_MONTHS",
    enforce=enforce,
    order=70,
)
