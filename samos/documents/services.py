"""Writes of the documents app: store a rendered PDF once, with its SHA-256."""

import hashlib
import secrets

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from .models import DocumentRead, StoredDocument


@transaction.atomic
def stored_document_create(*, kind: str, title: str, content: bytes) -> StoredDocument:
    """Store CONTENT (PDF bytes) under a random name; the row carries its hash and size."""
    document = StoredDocument(
        kind=kind,
        title=title[:300],
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    # A random name: nothing about the case or the session leaks into the file system.
    document.file.save(f"{secrets.token_hex(16)}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def document_mark_read(*, reader, document: StoredDocument) -> DocumentRead:
    """Record that READER opened DOCUMENT; the first opening is the one that counts."""
    read = DocumentRead.objects.filter(reader=reader, document=document).first()
    if read is not None:
        return read
    try:
        with transaction.atomic():
            return DocumentRead.objects.create(reader=reader, document=document)
    except IntegrityError:
        # Two tabs opened it at once: the other request recorded it.
        return DocumentRead.objects.get(reader=reader, document=document)
