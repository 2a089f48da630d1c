"""The one PDF renderer of SAMOS: HTML (usually a Django template) to PDF with WeasyPrint.

Safety rules (SECURITY.md, "PDF rendering", and docs/adr/0003-pdf-rendering.md):

- one URL fetcher for everything WeasyPrint loads (images, `@import`, `url()` in CSS,
  SVG `<image>`, fonts, attachments). It serves `data:` images and a fixed allowlist of
  our own static files, read from disk. Everything else raises, so WeasyPrint skips the
  resource: no `file://`, no network at all, so no redirects either;
- stylesheets are handed over as strings (`CSS(string=…)`), never as URLs;
- presentational hints, PDF forms, attachments and XMP files are off; after layout the
  document is stripped of attachment links and form fields, and a finisher refuses a PDF
  that would still contain embedded files.

WeasyPrint is imported inside the functions only (ruff bans a module-level import):
importing it costs every web and worker process start-up time and memory.
"""

import base64
import functools
import logging
import mimetypes
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from .images import image_data_uri

__all__ = ["image_data_uri", "render_pdf", "render_template_to_pdf", "safe_url_fetcher"]

logger = logging.getLogger(__name__)

# Our own static files a document may load, by their name under `static/`. A fixed list
# on purpose: a prefix such as "img/" would let any file later dropped there into PDFs.
STATIC_ALLOWLIST: frozenset[str] = frozenset({"css/pdf.css", "img/favicon.svg"})

# Base URL of a document when the caller gives none. `.invalid` can never resolve
# (RFC 2606) and the fetcher never goes to the network anyway; an http(s)-shaped base is
# needed because urljoin() does not resolve relative references against a custom scheme.
INTERNAL_HOST = "samos.invalid"
INTERNAL_BASE_URL = f"https://{INTERNAL_HOST}/static/"

# `data:` URLs may only carry what `image_data_uri` produces: no HTML, CSS, fonts, SVG.
DATA_MEDIA_TYPES: frozenset[str] = frozenset({"image/jpeg", "image/png", "image/webp"})

# Only these link schemes stay clickable in a PDF; `file:`, `javascript:`, `smb:` … go.
LINK_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})

PDF_TEMPLATE_DIR = "pdf/"

# PDF/A-3a: archival (ISO 19005-3) *and* accessible level A, which requires tags.
ARCHIVAL_VARIANT = "pdf/a-3a"


class BlockedResourceError(ValueError):
    """A document asked for a resource outside the allowlist; WeasyPrint skips it."""


class UnsafePdfError(RuntimeError):
    """The PDF would contain embedded files: a bug in our stripping, so we fail closed."""


def static_file_bytes(name: str) -> bytes:
    """Return the bytes of the allowlisted static file NAME, found like collectstatic does."""
    if name not in STATIC_ALLOWLIST:
        raise BlockedResourceError(f"not an allowlisted static file: {name!r}")
    path = finders.find(name)
    if not path:
        raise BlockedResourceError(f"allowlisted static file is missing: {name!r}")
    with open(path, "rb") as handle:
        return handle.read()


def _check_base_url(base_url: str | None) -> str:
    if base_url is None:
        return INTERNAL_BASE_URL
    parts = urlsplit(base_url)
    # WeasyPrint turns anything that is not an absolute URL into a file:// URL.
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"base_url must be an absolute http(s) URL, not {base_url!r}")
    return base_url


def _static_prefixes(base_url: str) -> tuple[str, ...]:
    """URL prefixes under which a document may name an allowlisted static file.

    Relative names (`img/logo.png`) resolve against the base URL, `/static/img/logo.png`
    against its origin. Whatever the prefix, only allowlisted names are read, from disk.
    """
    prefixes = {INTERNAL_BASE_URL, base_url, urljoin(base_url, settings.STATIC_URL)}
    return tuple(sorted(prefixes, key=len, reverse=True))


def _static_name(url: str, prefixes: Sequence[str]) -> str | None:
    parts = urlsplit(url)
    if parts.query or parts.scheme not in ("http", "https"):
        return None
    bare = parts._replace(fragment="").geturl()
    for prefix in prefixes:
        if bare.startswith(prefix):
            name = unquote(bare[len(prefix) :])
            if name in STATIC_ALLOWLIST:
                return name
    return None


def _data_url(url: str) -> tuple[bytes, str]:
    """Decode a `data:` URL ourselves, so no urllib opener (with its network handlers) runs."""
    header, comma, payload = url[len("data:") :].partition(",")
    if not comma:
        raise BlockedResourceError("malformed data: URL")
    params = [part.strip() for part in header.split(";")]
    media_type = (params[0] or "text/plain").lower()
    if media_type not in DATA_MEDIA_TYPES:
        raise BlockedResourceError(f"data: URL of a type we do not embed: {media_type[:40]}")
    body = unquote_to_bytes(payload)
    if "base64" in (param.lower() for param in params[1:]):
        body = base64.b64decode(body, validate=False)
    return body, media_type


@functools.cache
def _fetcher_class() -> type:
    """Build the fetcher class once; it must subclass WeasyPrint's, so it is made lazily."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: TID251

    class SafeURLFetcher(URLFetcher):
        """Serves `data:` images and allowlisted static files; refuses everything else."""

        def __init__(self, *, base_url: str) -> None:
            # No protocol allowed and no redirects: should WeasyPrint's own fetch() ever be
            # reached by a future code path, it refuses instead of opening a connection.
            super().__init__(allowed_protocols=frozenset(), allow_redirects=False, timeout=1)
            self._prefixes = _static_prefixes(base_url)

        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if url[:5].lower() == "data:":
                body, media_type = _data_url(url)
                return URLFetcherResponse(url, body=body, headers={"Content-Type": media_type})
            name = _static_name(url, self._prefixes)
            if name is None:
                # Log the scheme and host only: a URL can carry personal data.
                parts = urlsplit(url)
                logger.warning("PDF: resource refused (%s://%s)", parts.scheme, parts.netloc)
                raise BlockedResourceError("resource outside the PDF allowlist")
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=static_file_bytes(name), headers={"Content-Type": content_type}
            )

    return SafeURLFetcher


def safe_url_fetcher(*, base_url: str | None = None) -> Any:
    """The fetcher `render_pdf` uses; public so tests can check its refusals directly."""
    return _fetcher_class()(base_url=_check_base_url(base_url))


def _keep_link(link_type: str, target: str) -> bool:
    if link_type == "internal":
        return True
    if link_type != "external":  # "attachment": would embed the target in the PDF
        return False
    parts = urlsplit(target)
    # A relative link without a caller's base_url points at our internal host: useless.
    return parts.scheme.lower() in LINK_SCHEMES and parts.hostname != INTERNAL_HOST


def _strip_active_content(document: Any) -> None:
    """Remove what could embed a file or act when the PDF is opened or clicked.

    `<link rel="attachment">` becomes document metadata and `<a rel="attachment">` a file
    annotation, both fetched only when the PDF is written — so dropping them here means
    they are never fetched. `data:` URLs pass the fetcher, so this is not redundant.
    """
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if _keep_link(link[0], link[1])]
        # CSS `appearance: auto` makes form fields even with pdf_forms off, and a submit
        # button becomes a /SubmitForm action that posts to any URL.
        page.forms = {None: []}


_REFUSED_PDF_TYPES = frozenset({"/EmbeddedFile", "/Filespec", "/FileAttachment", "/SubmitForm"})


def _refuse_embedded_files(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: the last look at the PDF objects before they are written."""
    names = pdf.catalog.get("Names") or {}
    if "EmbeddedFiles" in names or "AcroForm" in pdf.catalog:
        raise UnsafePdfError("PDF would contain embedded files or a form; refused")
    for pdf_object in pdf.objects:
        fields = getattr(pdf_object, "extra", pdf_object)  # a stream keeps its dict apart
        if isinstance(fields, dict) and (
            fields.get("Type") in _REFUSED_PDF_TYPES
            or fields.get("Subtype") in _REFUSED_PDF_TYPES
            or fields.get("S") in _REFUSED_PDF_TYPES
        ):
            raise UnsafePdfError("PDF would contain embedded files or a form; refused")


def render_pdf(
    html: str,
    *,
    base_url: str | None = None,
    stylesheets: Sequence[str] = ("css/pdf.css",),
    archival: bool = False,
) -> bytes:
    """Render HTML to PDF bytes.

    ARCHIVAL: a PDF/A-3a file, tagged (a structure tree for screen readers) with XMP
    identification, for records a municipality keeps (docs/adr/0008-archival-pdf.md).
    Concepts stay plain PDFs: they are read, not archived.

    BASE_URL (an absolute http(s) URL, e.g. settings.SAMOS_BASE_URL) only makes relative
    links clickable; it never widens what can be loaded. STYLESHEETS are names from
    STATIC_ALLOWLIST; a name outside it is a programming error and raises.
    """
    from weasyprint import CSS, HTML  # noqa: TID251

    base = _check_base_url(base_url)
    fetcher = safe_url_fetcher(base_url=base_url)
    css = [
        CSS(
            string=static_file_bytes(name).decode("utf-8"),
            base_url=INTERNAL_BASE_URL + name,
            url_fetcher=fetcher,
        )
        for name in stylesheets
    ]
    options = {
        "stylesheets": css,
        "presentational_hints": False,
        "pdf_forms": False,
        "attachments": None,
        "xmp_metadata": None,
        "custom_metadata": False,
        "pdf_tags": True,
    }
    if archival:
        options["pdf_variant"] = ARCHIVAL_VARIANT
    document = HTML(string=html, base_url=base, url_fetcher=fetcher).render(**options)
    _strip_active_content(document)
    return document.write_pdf(finisher=_refuse_embedded_files, **options)


def render_template_to_pdf(
    template_name: str,
    context: dict[str, Any],
    *,
    request: Any = None,
    base_url: str | None = None,
    archival: bool = False,
) -> bytes:
    """Render a document template from `templates/pdf/` to PDF.

    Django autoescapes the context, so user text shows as text; PDF templates never use
    `|safe` (a test scans them). Other templates are refused: page templates are written
    for browsers, not for this renderer.
    """
    if not template_name.startswith(PDF_TEMPLATE_DIR):
        raise ValueError(f"PDF templates live in templates/pdf/, not {template_name!r}")
    html = render_to_string(template_name, context, request=request)
    return render_pdf(html, base_url=base_url, archival=archival)
