"""The one way SAMOS hands a PDF to a browser: as a download that is never cached."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from .models import StoredDocument
from .services import document_mark_read

logger = logging.getLogger(__name__)


def pdf_attachment(content: bytes, *, filename: str) -> HttpResponse:
    safe_name = "".join(c for c in filename if c.isalnum() or c in "-_.") or "stuk.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def stored_pdf_response(request, document: StoredDocument, *, filename: str, back_url: str):
    """Serve a stored record byte for byte and mark it read for the requester.

    A file that fails its hash check is never handed out as the record: the reader is
    sent back to BACK_URL with the reason, and the mismatch is logged.
    """
    try:
        content = document.read_bytes()
    except ValidationError as error:
        logger.error("Stored document %s fails its hash check", document.uuid)
        messages.error(request, error.messages[0])
        return redirect(back_url)
    document_mark_read(reader=request.user, document=document)
    return pdf_attachment(content, filename=filename)
