"""What retention needs from the kernteam app (registered from KernteamConfig.ready()).

Signals: a link to a case is a use, and so is that case's closing; a signal linked to an
open case is in use now; any link makes it part of a case record (it is no longer an
"unlinked" signal). Closed cases themselves are removed by the bob app's category, which
knows when the closing dossier was made (kernteam does not import bob).
"""

from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest

from signals.retention import Usage, latest_of_subquery

from .models import CaseSignal
from .workflow import CaseStatus


def _last_use():
    # The later of the newest link and the newest closing of a linked case.
    linked = latest_of_subquery(CaseSignal.objects.all(), "linked_at", signal_field="signal")
    closed = latest_of_subquery(
        CaseSignal.objects.filter(case__closed_at__isnull=False),
        "case__closed_at",
        signal_field="signal",
    )
    return Greatest(linked, Coalesce(closed, linked))


def _linked() -> Q:
    return Q(pk__in=CaseSignal.objects.values("signal_id"))


def _in_use() -> Q:
    return Q(pk__in=CaseSignal.objects.filter(case__status=CaseStatus.OPEN).values("signal_id"))


SIGNAL_USAGE = Usage(last_use=_last_use, linked=_linked, in_use=_in_use)
