"""The besluitenlijst of one session: read it, download it as PDF, and let the chair
adopt it with a confirmation step (the Handreiking: normally at the next session, or by
the chair)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import View

from bob import selectors as bob_selectors
from bob import services
from bob.documents import decision_list_filename, decision_list_pdf
from bob.forms.runner import AdoptForm
from bob.permissions import SESSION_READ_ROLES, can_chair_session
from kernteam import selectors as kernteam_selectors
from kernteam.workflow import SessionStatus
from samos.accounts.permissions import RoleRequiredMixin
from samos.audit.services import audit_record
from samos.core.forms import add_service_errors
from samos.documents.responses import pdf_attachment, stored_pdf_response


class DecisionListView(RoleRequiredMixin, View):
    allowed_roles = SESSION_READ_ROLES
    template_name = "bob/decisionlist_detail.html"

    def _context(self, session, form=None):
        decision_list = bob_selectors.decision_list_of(session=session)
        adoptable = (
            can_chair_session(self.request.user, session)
            and session.status == SessionStatus.AFGEROND
            and not (decision_list and decision_list.is_adopted)
        )
        return {
            "session": session,
            "case": session.case,
            "decision_list": decision_list,
            "decisions": bob_selectors.session_decisions(user=self.request.user, session=session),
            "adoptable": adoptable,
            "adopt_form": form or AdoptForm(),
            "fingerprint": (
                bob_selectors.snapshot_fingerprint(decision_list.snapshot)
                if decision_list and decision_list.snapshot
                else ""
            ),
        }

    def get(self, request, uuid):
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        return render(request, self.template_name, self._context(session))

    def post(self, request, uuid):
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        form = AdoptForm(request.POST)
        if form.is_valid():
            try:
                services.decision_list_adopt(
                    user=request.user,
                    session_uuid=session.uuid,
                    confirmed=form.cleaned_data["confirmed"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De besluitenlijst is vastgesteld."))
                return redirect("bob:decision_list", uuid=session.uuid)
        return render(request, self.template_name, self._context(session, form))


class DecisionListPdfView(RoleRequiredMixin, View):
    """GET /bijeenkomsten/<uuid>/besluitenlijst.pdf: the list as the mayor reads it.

    An adopted list is served from the file stored at adoption, byte for byte; a concept
    is a page or two, rendered in the request from a live snapshot for this reader.
    """

    allowed_roles = SESSION_READ_ROLES

    def get(self, request, uuid):
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        decision_list = bob_selectors.decision_list_of(session=session)
        audit_record(
            action="besluitenlijst.gedownload", actor=request.user, obj=session, request=request
        )
        if decision_list is not None and decision_list.document_id:
            return stored_pdf_response(
                request,
                decision_list.document,
                filename=decision_list_filename(decision_list.snapshot),
                back_url=reverse("bob:decision_list", kwargs={"uuid": session.uuid}),
            )
        snapshot = bob_selectors.decision_list_snapshot(session=session, reader=request.user)
        pdf = decision_list_pdf(snapshot)
        return pdf_attachment(pdf, filename=decision_list_filename(snapshot))
