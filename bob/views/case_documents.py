"""The reading table at /stukken/: every stored record a reader may open, newest first,
with their own "gelezen" and, for adopted lists, who of the officials read it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from bob import selectors
from bob.filters import ReadingTableFilter
from bob.permissions import SESSION_READ_ROLES
from samos.accounts.permissions import RoleRequiredMixin
from samos.audit.services import audit_record
from samos.documents.responses import stored_pdf_response

PAGE_SIZE = 25


class ReadingTableView(RoleRequiredMixin, TemplateView):
    allowed_roles = SESSION_READ_ROLES
    template_name = "bob/reading_table.html"

    def get_context_data(self, **kwargs):
        queryset = selectors.case_documents_for(user=self.request.user)
        reading_filter = ReadingTableFilter(
            self.request.GET, queryset=queryset, request=self.request
        )
        if not reading_filter.is_valid():
            # An unknown case or kind in the address: say so and show everything.
            messages.warning(self.request, _("Dit filter bestaat niet (meer); alle stukken."))
            reading_filter = ReadingTableFilter(queryset=queryset, request=self.request)
        page = Paginator(reading_filter.qs, PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        entries = list(page)
        reads = selectors.official_reads(entries)
        for entry in entries:
            entry.official_reads = reads.get(entry.document_id, [])
        query = self.request.GET.copy()
        query.pop("pagina", None)
        return super().get_context_data(
            filter=reading_filter,
            page=page,
            entries=entries,
            filtered=any(self.request.GET.get(name) for name in ("case", "kind", "read")),
            query_string=query.urlencode(),
            **kwargs,
        )


class CaseDocumentPdfView(RoleRequiredMixin, View):
    """GET /stukken/<uuid>.pdf: the stored record, byte for byte; marks it read."""

    allowed_roles = SESSION_READ_ROLES

    def get(self, request, uuid):
        entry = selectors.case_document_get_for(user=request.user, uuid=uuid)
        if entry is None:
            raise Http404
        audit_record(action="stuk.gedownload", actor=request.user, obj=entry, request=request)
        return stored_pdf_response(
            request,
            entry.document,
            filename=entry.document.title,
            back_url=reverse("bob:reading_table"),
        )


def reading_panel_context(request) -> dict:
    """The start page's "Te lezen (n)": the count and the newest few unread records."""
    unread = selectors.unread_documents_for(user=request.user)
    return {"unread_count": unread.count(), "unread": list(unread[:5])}
