"""Reads of case dossiers: the one in the making, the latest ready one, and what the
dossier page says about them."""

from datetime import timedelta

from django.utils import timezone

from bob.models import CaseDossier
from bob.workflow import PENDING_DOSSIER_STATUSES, DossierStatus

__all__ = ["dossier_latest_ready", "dossier_pending_for", "dossier_state_for", "is_stale"]

# A dossier still pending after this long was lost (a worker killed at its hard limit,
# a broker restart): the page then says it failed and offers to try again. Two runs of
# the task at its hard limit plus the retry delay, with room to spare.
STALE_AFTER = timedelta(minutes=12)


def is_stale(dossier: CaseDossier, *, now=None) -> bool:
    now = now or timezone.now()
    return dossier.status in PENDING_DOSSIER_STATUSES and dossier.requested_at < now - STALE_AFTER


def dossier_pending_for(*, case) -> CaseDossier | None:
    """The dossier of CASE in the making, if any (a lost one does not count)."""
    pending = (
        CaseDossier.objects.filter(case=case, status__in=PENDING_DOSSIER_STATUSES)
        .order_by("-requested_at", "-id")
        .first()
    )
    return None if pending is None or is_stale(pending) else pending


def dossier_latest_ready(*, case) -> CaseDossier | None:
    """What /casussen/<uuid>/dossier.pdf serves: the closing dossier when there is one,
    else the newest tussenstand."""
    ready = CaseDossier.objects.filter(case=case, status=DossierStatus.KLAAR).select_related(
        "document__document"
    )
    return ready.order_by("interim", "-finished_at", "-id").first()


def dossier_state_for(*, case) -> dict:
    """What the dossier page and its polled fragment show."""
    latest = CaseDossier.objects.filter(case=case).order_by("-requested_at", "-id").first()
    state = "none"
    if latest is not None:
        if is_stale(latest) or latest.status == DossierStatus.MISLUKT:
            state = "failed"
        elif latest.status in PENDING_DOSSIER_STATUSES:
            state = "pending"
        else:
            state = "ready"
    return {"state": state, "latest": latest, "ready": dossier_latest_ready(case=case)}
