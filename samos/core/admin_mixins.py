"""Admin building blocks shared by the samos packages."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.http import Http404
from django.utils.translation import gettext as _

from samos.core.forms import SENSIBLE_YEARS


class SensibleDateHierarchyChangeList(ChangeList):
    """A changelist whose date drill-down refuses years outside SENSIBLE_YEARS (Django's
    own code would overflow on ?at__year=9999 and answer 500); the admin then shows the
    list with its "invalid filter" notice (?e=1), as for any other bad lookup."""

    def get_filters(self, request):
        if self.date_hierarchy:
            year = self.params.get(f"{self.date_hierarchy}__year")
            if year is not None:
                year = year[-1] if isinstance(year, list) else year
                try:
                    valid = SENSIBLE_YEARS[0] <= int(year) <= SENSIBLE_YEARS[1]
                except (TypeError, ValueError):
                    valid = False
                if not valid:
                    raise IncorrectLookupParameters(year)
        return super().get_filters(request)


class MissingObject404Mixin:
    """An admin page (change, delete, history) of an object that does not exist, or an id
    that cannot be one ("abc"), answers 404, not Django's redirect with a message."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404(_("Dit object bestaat niet (meer)."))

    def get_changelist(self, request, **kwargs):
        return SensibleDateHierarchyChangeList


class LabelledListEditableMixin:
    """Django renders the inputs of `list_editable` without a label; a screen reader then
    hears "edit field" sixteen times (axe: label, critical). Each input is named after its
    column and its row: "Volgorde — Politie"."""

    def get_changelist_form(self, request, **kwargs):
        row_form = super().get_changelist_form(request, **kwargs)

        class LabelledRowForm(row_form):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                for field in self.fields.values():
                    field.widget.attrs["aria-label"] = f"{field.label} — {self.instance}"

        return LabelledRowForm


class SamosModelAdmin(MissingObject404Mixin, LabelledListEditableMixin, admin.ModelAdmin):
    """The base of every SAMOS ModelAdmin. Short lists use plain selects rather than
    autocomplete: select2's combobox has no accessible name (axe: aria-input-field-name).
    No "Op de site bekijken": an object's SAMOS page (a case) is for the people at its
    table, so for a beheerder that link ends in a 403."""

    view_on_site = False


class ReadOnlyModelAdmin(SamosModelAdmin):
    """For records written only by services (audit trail, sent reminders, heartbeats):
    beheerders may look, nobody edits by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
