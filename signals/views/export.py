"""The filtered signal list as CSV or Excel."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import View

from samos.accounts.permissions import RoleRequiredMixin
from samos.audit.services import audit_record
from signals import selectors
from signals.export import stream_csv, xlsx_response
from signals.export_columns import export_columns
from signals.filters import SignalFilter
from signals.permissions import EXPORT_ROLES


class SignalExportView(RoleRequiredMixin, View):
    """The filtered list as CSV (streamed) or XLSX: the same filter, the same visibility."""

    allowed_roles = EXPORT_ROLES

    def get(self, request, fmt):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        queryset = selectors.signal_list_visible_for(user=request.user)
        signal_filter = SignalFilter(request.GET, queryset=queryset)
        if signal_filter.is_bound and not signal_filter.form.is_valid():
            # Back to the list with the same filter: it shows the field errors there.
            messages.error(
                request, _("De export is niet gemaakt: pas eerst de gemarkeerde filters aan.")
            )
            return redirect(f"{reverse('signals:signal_list')}?{request.GET.urlencode()}")
        rows = signal_filter.qs.order_by("-observed_at", "-id")
        columns = export_columns()
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        audit_record(
            action="signalen.geexporteerd",
            actor=request.user,
            request=request,
            details={"formaat": fmt, "filter": request.GET.urlencode()[:200]},
        )
        if fmt == "csv":
            return stream_csv(
                rows.iterator(chunk_size=2000), columns, filename=f"signalen-{stamp}.csv"
            )
        return xlsx_response(
            rows.iterator(chunk_size=2000),
            columns,
            filename=f"signalen-{stamp}.xlsx",
            sheet_title="Signalen",
        )
