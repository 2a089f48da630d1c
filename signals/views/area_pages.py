"""The page of one area: what every app knows about that place, each part shown only
to who may see it (signals.area_sections)."""

from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from samos.accounts.permission_table import Can, roles_that
from samos.accounts.permissions import RoleRequiredMixin
from signals import area_sections
from signals.models import Area
from signals.selectors import area_with_descendant_ids


class AreaDetailView(RoleRequiredMixin, TemplateView):
    # Whoever reads signals or cases; the sections narrow it further.
    allowed_roles = roles_that(Can.READ_SIGNALS) | roles_that(Can.READ_CASES)
    template_name = "signals/area/area_detail.html"

    def get_context_data(self, **kwargs):
        area = get_object_or_404(
            Area.objects.select_related("parent"), uuid=kwargs["uuid"], is_active=True
        )
        area_ids = area_with_descendant_ids(area)
        below = Area.objects.filter(parent=area, is_active=True).order_by("name")
        return {
            **super().get_context_data(**kwargs),
            "area": area,
            "below": below,
            "sections": area_sections.sections_for(self.request, area, area_ids),
        }
