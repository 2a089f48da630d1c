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


def stored_documents_delete(*, ids) -> int:
    """Delete the stored documents IDS (retention only): rows now, files after commit.

    A stored document never changes, but it does not outlive its retention period; the
    caller has already removed every row that points at it.
    """
    documents = StoredDocument.objects.filter(pk__in=list(ids))
    files = [(document.file.storage, document.file.name) for document in documents]
    documents.delete()

    def remove_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return len(files)
