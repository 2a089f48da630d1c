"""The verslag (minutes) of one session, as a page and as a PDF download.

Both are drawn from the same snapshot (bob.selectors.session_minutes_snapshot), built
live for the reader while concept, frozen with the besluitenlijst at adoption.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import View

from bob import protocol, services
from bob import selectors as bob_selectors
from bob.documents import minutes_filename, minutes_pdf
from bob.permissions import SESSION_READ_ROLES, can_chair_session
from kernteam import selectors as kernteam_selectors
from samos.accounts.permissions import RoleRequiredMixin, record_denied
from samos.audit.services import audit_record
from samos.documents.responses import pdf_attachment, stored_pdf_response


def _frozen_list(session):
    """The session's adopted list when its verslag was frozen with it, else None."""
    decision_list = bob_selectors.decision_list_of(session=session)
    if decision_list is not None and decision_list.minutes_document_id:
        return decision_list
    return None


class SessionMinutesView(RoleRequiredMixin, View):
    """GET /bijeenkomsten/<uuid>/verslag/: the verslag on a page."""

    allowed_roles = SESSION_READ_ROLES
    template_name = "bob/session_minutes.html"

    def get(self, request, uuid):
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        frozen = _frozen_list(session)
        snapshot = (
            frozen.minutes_snapshot
            if frozen
            else bob_selectors.session_minutes_snapshot(session=session, reader=request.user)
        )
        decision_list = bob_selectors.decision_list_of(session=session)
        return render(
            request,
            self.template_name,
            {
                "session": session,
                "case": session.case,
                "doc": snapshot,
                # Only the chair, only while concept, only where members prepared.
                "can_choose_preparations": not frozen
                and can_chair_session(request.user, session)
                and protocol.has_block(session.kind, "preparations"),
                "include_preparations": bool(decision_list and decision_list.include_preparations),
            },
        )


class SessionMinutesPreparationsView(RoleRequiredMixin, View):
    """POST /bijeenkomsten/<uuid>/verslag/voorbereidingen/: the chair's choice."""

    allowed_roles = SESSION_READ_ROLES

    def post(self, request, uuid):
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        # The chair's choice only; the service checks again.
        if not can_chair_session(request.user, session):
            record_denied(request, reason="bijeenkomst")
            raise PermissionDenied
        include = request.POST.get("voorbereidingen") == "ja"
        try:
            services.minutes_preparations_set(
                user=request.user, session_uuid=session.uuid, include=include, request=request
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("De voorbereidingen staan als samenvatting in het verslag.")
                if include
                else _("De voorbereidingen staan niet in het verslag."),
            )
        return redirect("bob:session_minutes", uuid=session.uuid)


class SessionMinutesPdfView(RoleRequiredMixin, View):
    """GET /bijeenkomsten/<uuid>/verslag.pdf: the verslag as a PDF (stored once frozen)."""

    allowed_roles = SESSION_READ_ROLES

    def get(self, request, uuid):
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        frozen = _frozen_list(session)
        audit_record(action="verslag.gedownload", actor=request.user, obj=session, request=request)
        if frozen:
            return stored_pdf_response(
                request,
                frozen.minutes_document,
                filename=minutes_filename(frozen.minutes_snapshot),
                back_url=reverse("bob:session_minutes", kwargs={"uuid": session.uuid}),
            )
        snapshot = bob_selectors.session_minutes_snapshot(session=session, reader=request.user)
        return pdf_attachment(minutes_pdf(snapshot), filename=minutes_filename(snapshot))
