"""The one PDF renderer of SAMOS: HTML (from a Django template) to PDF with WeasyPrint.

Safety rules (SECURITY.md, "PDF rendering"): one URL fetcher for everything, which allows
only `data:` URLs and a fixed allowlist of our own static files — no `file://`, no
network, no redirects; stylesheets are passed as strings; presentational hints are off.
WeasyPrint is imported inside the functions: importing it slows every process start.
"""

from collections.abc import Sequence

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# Our own files a document may use, by the name they have in `static/`.
STATIC_ALLOWLIST = frozenset({"css/pdf.css", "img/favicon.svg"})
STATIC_SCHEME = "samos-static:"
_CONTENT_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}


class BlockedResourceError(ValueError):
    """A document asked for a resource outside the allowlist; WeasyPrint skips it."""


def _static_bytes(name: str) -> bytes:
    if name not in STATIC_ALLOWLIST:
        raise BlockedResourceError(f"not an allowed static file: {name}")
    path = finders.find(name)
    if not path:
        raise BlockedResourceError(f"static file missing: {name}")
    with open(path, "rb") as handle:
        return handle.read()


def _safe_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: TID251

    class SafeURLFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=2)

        def fetch(self, url, headers=None):
            if url.startswith(STATIC_SCHEME):
                name = url[len(STATIC_SCHEME) :].lstrip("/")
                suffix = name[name.rfind(".") :]
                return URLFetcherResponse(
                    url,
                    body=_static_bytes(name),
                    headers={
                        "Content-Type": _CONTENT_TYPES.get(suffix, "application/octet-stream")
                    },
                )
            if not url.lower().startswith("data:"):
                raise BlockedResourceError(f"blocked resource: {url[:80]}")
            return super().fetch(url, headers)

    return SafeURLFetcher()


def render_pdf(html: str, *, stylesheets: Sequence[str] = ("css/pdf.css",)) -> bytes:
    """Render HTML to PDF bytes. STYLESHEETS are names from STATIC_ALLOWLIST."""
    from weasyprint import CSS, HTML  # noqa: TID251

    fetcher = _safe_fetcher()
    css = [
        CSS(string=_static_bytes(name).decode("utf-8"), url_fetcher=fetcher) for name in stylesheets
    ]
    document = HTML(string=html, base_url=STATIC_SCHEME + "/", url_fetcher=fetcher)
    return document.write_pdf(
        stylesheets=css,
        presentational_hints=False,
        attachments=[],
        pdf_forms=False,
    )


def render_template_to_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render a template from `templates/pdf/` (autoescaped; never `|safe`) to PDF."""
    html = render_to_string(template_name, context, request=request)
    return render_pdf(html)
