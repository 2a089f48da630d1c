"""The case dossier: /casussen/<uuid>/dossier/ (ask for one, see it being made),
.../dossier/status/ (the fragment htmx polls) and /casussen/<uuid>/dossier.pdf."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import View

from bob import selectors, services
from bob.permissions import SESSION_READ_ROLES
from kernteam import selectors as kernteam_selectors
from samos.accounts.permissions import RoleRequiredMixin
from samos.audit.services import audit_record
from samos.documents.responses import stored_pdf_response

# How often the page asks whether the dossier is ready (htmx; without JS: a link).
POLL_SECONDS = 2


def _context(case) -> dict:
    return {
        "case": case,
        "dossier": selectors.dossier_state_for(case=case),
        "poll_seconds": POLL_SECONDS,
    }


class CaseDossierView(RoleRequiredMixin, View):
    allowed_roles = SESSION_READ_ROLES
    template_name = "bob/case_dossier.html"

    def get(self, request, uuid):
        case = kernteam_selectors.case_get_for(user=request.user, uuid=uuid)
        return render(request, self.template_name, _context(case))

    def post(self, request, uuid):
        case = kernteam_selectors.case_get_for(user=request.user, uuid=uuid)
        services.dossier_request(user=request.user, case_uuid=case.uuid, request=request)
        messages.info(request, _("Het dossier wordt gemaakt. Dat duurt meestal enkele seconden."))
        return redirect("bob:case_dossier", uuid=case.uuid)


class CaseDossierStatusView(RoleRequiredMixin, View):
    """The dossier's state as a fragment: htmx swaps it in until the dossier is ready."""

    allowed_roles = SESSION_READ_ROLES

    def get(self, request, uuid):
        case = kernteam_selectors.case_get_for(user=request.user, uuid=uuid)
        return render(request, "bob/partials/_dossier_state.html", _context(case))


class CaseDossierPdfView(RoleRequiredMixin, View):
    """The closing dossier once there is one, else the newest tussenstand."""

    allowed_roles = SESSION_READ_ROLES

    def get(self, request, uuid):
        case = kernteam_selectors.case_get_for(user=request.user, uuid=uuid)
        ready = selectors.dossier_latest_ready(case=case)
        if ready is None:
            messages.info(request, _("Er is nog geen dossier van deze casus. Maak er hier een."))
            return redirect("bob:case_dossier", uuid=case.uuid)
        audit_record(action="dossier.gedownload", actor=request.user, obj=case, request=request)
        document = ready.document.document
        return stored_pdf_response(
            request,
            document,
            filename=document.title,
            back_url=reverse("bob:case_dossier", kwargs={"uuid": case.uuid}),
        )
