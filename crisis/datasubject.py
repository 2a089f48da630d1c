"""Where hand-overs mention a person, for the data-subject search (samos.privacy): the
contact person at the recipient, who handed the case back, and the free texts."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samos.privacy.registry import Source
from samos.privacy.search import field_matches

from .models import Handover, HandoverReturn


def _label(handover) -> str:
    day = timezone.localtime(handover.handed_over_at).strftime("%d-%m-%Y")
    return f"{_('Overdracht van')} {day}"


def search(*, terms, limit):
    yield from field_matches(
        Handover.objects.all(),
        {
            "contact_name": _("contactpersoon"),
            "contact_details": _("bereikbaar via"),
            "scope": _("wat wordt overgedragen"),
        },
        terms=terms,
        limit=limit,
        kind=_("Overdracht aan crisisbeheersing"),
        describe=_label,
        moment=lambda handover: handover.handed_over_at,
    )
    yield from field_matches(
        HandoverReturn.objects.select_related("handover"),
        {"returned_by": _("teruggegeven door"), "what_comes_back": _("wat komt terug")},
        terms=terms,
        limit=limit,
        kind=_("Teruggave aan SAMOS"),
        describe=lambda way_back: _label(way_back.handover),
        moment=lambda way_back: way_back.returned_at,
    )


SOURCE = Source("crisis", _("Overdracht aan crisisbeheersing"), search, order=45)
