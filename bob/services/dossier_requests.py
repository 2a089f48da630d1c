"""Writes of the case dossier: request one, render it (in a Celery task), record failure.

A closing dossier is requested when the case closes (kernteam.events.case_closed); a
tussenstand whenever a reader asks for one while the case is open. One dossier of a case
is in the making at a time; a request that finds one pending joins it.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bob.documents import case_dossier_filename, case_dossier_pdf
from bob.models import CaseDossier
from bob.selectors.dossier import case_dossier_snapshot
from bob.selectors.dossier_requests import dossier_pending_for
from bob.services.case_documents import case_document_file
from bob.workflow import DocumentKind, DossierStatus
from kernteam.models import Case
from kernteam.permissions import can_read_sessions
from samos.audit.services import audit_record
from samos.core.queue import enqueue_on_commit
from samos.documents.services import stored_document_create

__all__ = ["dossier_mark_failed", "dossier_render", "dossier_request", "dossier_request_closing"]

logger = logging.getLogger(__name__)


def _enqueue(dossier: CaseDossier) -> None:
    from bob.tasks import render_case_dossier  # the task module imports this one

    # Broker down: the dossier shows as failed after STALE_AFTER and can be asked again.
    enqueue_on_commit(render_case_dossier, dossier.pk)


@transaction.atomic
def dossier_request(*, user, case_uuid, request=None) -> CaseDossier:
    """Ask for a dossier of CASE_UUID: a tussenstand while it is open, the closing dossier
    once it is closed. Returns the dossier being made (a pending one is reused)."""
    if not can_read_sessions(user):
        raise PermissionDenied
    # The lock makes two quick clicks (or two readers) share one dossier.
    case = Case.objects.select_for_update().get(uuid=case_uuid)
    pending = dossier_pending_for(case=case)
    if pending is not None:
        return pending
    dossier = CaseDossier.objects.create(case=case, interim=case.is_open, requested_by=user)
    audit_record(
        action="dossier.aangevraagd",
        actor=user,
        obj=case,
        request=request,
        details={"tussenstand": dossier.interim},
    )
    _enqueue(dossier)
    return dossier


def dossier_request_closing(*, case: Case) -> CaseDossier:
    """The closing dossier of CASE, requested by the system when the case closes."""
    dossier = CaseDossier.objects.create(case=case, interim=False)
    _enqueue(dossier)
    return dossier


def _label(dossier: CaseDossier, snapshot: dict) -> str:
    if dossier.interim:
        return _("Dossier, tussenstand van %(moment)s") % {"moment": snapshot["generated_at"]}
    return _("Dossier bij sluiting, %(moment)s") % {"moment": snapshot["generated_at"]}


def dossier_render(*, dossier_id: int, at=None) -> CaseDossier | None:
    """Render and store dossier DOSSIER_ID. Idempotent: a dossier that is ready (a second
    worker, a redelivery) is left alone; an unknown one is a no-op. AT: the moment it is
    made (default now; only the demo seeder, whose story lies in the past, passes it)."""
    with transaction.atomic():
        dossier = CaseDossier.objects.select_for_update().filter(pk=dossier_id).first()
        if dossier is None or dossier.status == DossierStatus.KLAAR:
            return dossier
        dossier.status = DossierStatus.BEZIG
        dossier.attempts += 1
        dossier.save(update_fields=["status", "attempts"])
    # Rendering takes seconds: outside any transaction, so no row stays locked meanwhile.
    case = Case.objects.get(pk=dossier.case_id)
    created = at or timezone.now()
    snapshot = case_dossier_snapshot(case=case, reader=None, interim=dossier.interim, at=created)
    content = case_dossier_pdf(snapshot, created=created)
    with transaction.atomic():
        dossier = CaseDossier.objects.select_for_update().get(pk=dossier_id)
        if dossier.status == DossierStatus.KLAAR:
            return dossier
        document = stored_document_create(
            kind="dossier", title=case_dossier_filename(snapshot), content=content
        )
        dossier.document = case_document_file(
            case=case,
            document=document,
            kind=DocumentKind.TUSSENSTAND if dossier.interim else DocumentKind.DOSSIER,
            label=_label(dossier, snapshot),
            created_at=created,
        )
        dossier.status = DossierStatus.KLAAR
        dossier.finished_at = created
        dossier.failure = ""
        dossier.save(update_fields=["document", "status", "finished_at", "failure"])
        audit_record(
            action="dossier.gemaakt",
            obj=case,
            details={"tussenstand": dossier.interim, "sha256": document.sha256},
        )
    return dossier


def dossier_mark_failed(*, dossier_id: int, error: BaseException) -> None:
    """The last attempt failed: say so on the page (never an endless spinner)."""
    updated = CaseDossier.objects.filter(pk=dossier_id).exclude(status=DossierStatus.KLAAR)
    updated.update(
        status=DossierStatus.MISLUKT,
        finished_at=timezone.now(),
        failure=type(error).__name__[:100],
    )
