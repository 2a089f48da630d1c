"""Writes of the documents app: store a rendered PDF once, with its SHA-256."""

import hashlib
import secrets

from django.core.files.base import ContentFile
from django.db import transaction

from .models import StoredDocument


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
