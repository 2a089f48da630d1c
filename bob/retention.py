"""Retention in the bob app (registered from BobConfig.ready()).

**Closed cases are deleted** SAMOS_RETENTION_CLOSED_CASE_YEARS after their closing dossier
was made: the case with its sessions, attendees (derden included), preparations, step
notes, information requests, scenarios, besluitenlijsten, decisions, actions, the case's
documents and every stored PDF (files included). Deleted, not anonymised: a case is one
story about named places, people and decisions; stripped of that nothing useful remains,
and the closing dossier is the record the municipality files in its own archive (where
its archive rules, the Archiefwet selectielijst, govern it further).

The clock starts when the closing dossier is ready ("the dossier is filed"); a closed
case whose closing dossier never got made stays and is counted as skipped, so the audit
log shows it until someone has the dossier made again.

Signals: a decision or an action update citing a signal is a use of it and makes it part
of a case record.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Max, OuterRef, ProtectedError, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from kernteam.models import Case
from kernteam.workflow import CaseStatus
from samos.retention.registry import Category, Handling, Outcome
from samos.retention.services import cutoff, in_batches
from signals.retention import Usage, latest_of_subquery

from .models import ActionUpdate, CaseDossier, Decision
from .services.retention import case_purge_with_records
from .workflow import DossierStatus


def _filed_at():
    return Subquery(
        CaseDossier.objects.filter(case=OuterRef("pk"), interim=False, status=DossierStatus.KLAAR)
        .order_by()
        .values("case")
        .annotate(latest=Max("finished_at"))
        .values("latest")[:1]
    )


def _closed_before(limit):
    return Case.objects.filter(status=CaseStatus.CLOSED, closed_at__lt=limit)


def closed_cases_due(*, now):
    limit = cutoff(now=now, years=settings.SAMOS_RETENTION_CLOSED_CASE_YEARS)
    return _closed_before(limit).annotate(filed_at=_filed_at()).filter(filed_at__lt=limit)


def enforce_closed_cases(*, now, batch_size) -> Outcome:
    limit = cutoff(now=now, years=settings.SAMOS_RETENTION_CLOSED_CASE_YEARS)
    unfiled = (
        _closed_before(limit).annotate(filed_at=_filed_at()).filter(filed_at__isnull=True).count()
    )

    def handle(pks):
        outcome = Outcome()
        for case in Case.objects.select_for_update().filter(pk__in=pks).order_by("pk"):
            if not closed_cases_due(now=now).filter(pk=case.pk).exists():
                continue  # reopened or changed since the candidates were read
            try:
                with transaction.atomic():
                    files = case_purge_with_records(case=case)
            except ProtectedError:
                outcome = outcome + Outcome(skipped=1)
                continue
            outcome = outcome + Outcome(count=1, files=files)
        return outcome

    return in_batches(closed_cases_due(now=now), handle, batch_size=batch_size) + Outcome(
        skipped=unfiled
    )


CLOSED_CASES = Category(
    code="casussen.gesloten",
    label=_("gesloten casussen met hun stukken"),
    handling=Handling.DELETE,
    setting="SAMOS_RETENTION_CLOSED_CASE_YEARS",
    # First: the links of a removed case no longer hold its signals, so the signal
    # categories below finish the work in the same run (a second run finds nothing).
    enforce=enforce_closed_cases,
    order=10,
)


def _cited_last_use():
    decisions = latest_of_subquery(
        Decision.signals.through.objects.all(), "decision__created_at", signal_field="signal"
    )
    updates = latest_of_subquery(
        ActionUpdate.signals.through.objects.all(),
        "actionupdate__created_at",
        signal_field="signal",
    )
    return Greatest(Coalesce(decisions, updates), Coalesce(updates, decisions))


def _cited() -> Q:
    return Q(pk__in=Decision.signals.through.objects.values("signal_id")) | Q(
        pk__in=ActionUpdate.signals.through.objects.values("signal_id")
    )


SIGNAL_USAGE = Usage(last_use=_cited_last_use, linked=_cited)
