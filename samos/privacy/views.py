"""The beheerder's data-subject search page and its CSV export (one view, POST only).

The term travels in the POST body, never in the URL: web-server logs, browser history and
Referer headers would otherwise keep the name that was searched for.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from samos.accounts.permissions import RoleRequiredMixin
from samos.accounts.roles import Role
from samos.core.export import Column, stream_csv

from .forms import SubjectSearchForm
from .services import subject_export, subject_search


def _rows(results):
    for result in results:
        for match in result.matches:
            yield result.source.label, match


def export_columns() -> list[Column]:
    return [
        Column(_("Bron"), lambda row: str(row[0])),
        Column(_("Soort"), lambda row: row[1].kind),
        Column(_("Kenmerk"), lambda row: row[1].reference),
        Column(_("Omschrijving"), lambda row: row[1].description),
        Column(_("Veld"), lambda row: row[1].field),
        Column(_("Fragment"), lambda row: row[1].excerpt),
        Column(_("Datum"), lambda row: row[1].moment),
    ]


class SubjectSearchView(RoleRequiredMixin, TemplateView):
    allowed_roles = {Role.BEHEERDER}
    template_name = "privacy/subject_search.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=SubjectSearchForm()))

    def post(self, request, *args, **kwargs):
        form = SubjectSearchForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        term = form.cleaned_data["q"]
        if "export" in request.POST:
            results = subject_export(user=request.user, term=term, request=request)
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            return stream_csv(
                list(_rows(results)), export_columns(), filename=f"persoonsgegevens-{stamp}.csv"
            )
        results = subject_search(user=request.user, term=term, request=request)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                results=results,
                searched=True,
                total=sum(len(result.matches) for result in results),
            )
        )
