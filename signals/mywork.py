""" "Mijn werk" section of signals (samos.core.mywork): the aandachtsverzoeken I issued
that end within a few days, so I can extend or close them in time."""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samos.core.mywork import SHOWN, WorkItem, WorkList, WorkSection, register

from .permissions import ATTENTION_MANAGE_ROLES

ENDING_WITHIN = timedelta(days=3)


def attention_requests_ending(user) -> WorkList:
    from .models import AttentionRequest

    today = timezone.localdate()
    requests = AttentionRequest.objects.filter(
        created_by=user, closed_at__isnull=True, until__gte=today, until__lte=today + ENDING_WITHIN
    ).order_by("until", "id")
    total = requests.count()
    items = []
    for request in requests[:SHOWN] if total else []:
        days = (request.until - today).days
        items.append(
            WorkItem(
                label=request.title,
                url=request.get_absolute_url(),
                detail=_("loopt tot en met %(date)s")
                % {"date": date_format(request.until, "l j F")},
                flag=(
                    _("vandaag de laatste dag")
                    if days == 0
                    else ngettext("nog %(n)d dag", "nog %(n)d dagen", days) % {"n": days}
                ),
            )
        )
    return WorkList(title=_("Uw aandachtsverzoeken die bijna aflopen"), items=items, total=total)


def register_work_sections() -> None:
    """Called from SignalsConfig.ready()."""
    register(
        WorkSection(
            "signals.attention_ending", ATTENTION_MANAGE_ROLES, attention_requests_ending, 60
        )
    )
