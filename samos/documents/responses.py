"""The one way SAMOS hands a PDF to a browser: as a download that is never cached."""

from django.http import HttpResponse


def pdf_attachment(content: bytes, *, filename: str) -> HttpResponse:
    safe_name = "".join(c for c in filename if c.isalnum() or c in "-_.") or "stuk.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
