"""The besluitenlijst of one session: read it, download it as PDF, and let the chair
adopt it with a confirmation step (the Handreiking: normally at the next session, or by
the chair)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import View

from bob import selectors as bob_selectors
from bob import services
from bob.forms.runner import AdoptForm
from bob.permissions import SESSION_READ_ROLES, can_chair_session
from kernteam import selectors as kernteam_selectors
from kernteam.workflow import SessionStatus
from samos.accounts.permissions import RoleRequiredMixin
from samos.audit.services import audit_record
from samos.core.forms import add_service_errors
from samos.documents.rendering import render_template_to_pdf


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

    A besluitenlijst is a page or two, so it is rendered in the request (well under a
    second); stored documents and long renders belong in a task.
    """

    allowed_roles = SESSION_READ_ROLES

    def get(self, request, uuid):
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        context = bob_selectors.decision_list_document(user=request.user, session=session)
        pdf = render_template_to_pdf("pdf/besluitenlijst.html", context, request=request)
        audit_record(
            action="besluitenlijst.gedownload", actor=request.user, obj=session, request=request
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"besluitenlijst-{session.starts_at:%Y-%m-%d}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
