"""The verslag (minutes) of one session, as a page and as a PDF download.

Both are drawn from the same snapshot (bob.selectors.session_minutes_snapshot), built
live for the reader: this is the concept; freezing it at adoption is a later step.
"""

from django.shortcuts import render
from django.utils import timezone
from django.views.generic import View

from bob import selectors as bob_selectors
from bob.permissions import SESSION_READ_ROLES
from kernteam import selectors as kernteam_selectors
from samos.accounts.permissions import RoleRequiredMixin
from samos.audit.services import audit_record
from samos.documents.rendering import render_template_to_pdf
from samos.documents.responses import pdf_attachment


def minutes_pdf(snapshot: dict, *, created=None) -> bytes:
    context = {
        "doc": snapshot,
        "municipality": snapshot["municipality"],
        "confidentiality": snapshot["confidentiality"],
        "is_exercise": snapshot["case"]["is_exercise"],
        "is_concept": True,
        "created": (created or timezone.now()).date().isoformat(),
    }
    return render_template_to_pdf("pdf/verslag.html", context)


def minutes_filename(snapshot: dict) -> str:
    day = "-".join(reversed(snapshot["session"]["date"].split("-")))  # d-m-Y → Y-m-d
    return f"verslag-{day}-concept.pdf"


class SessionMinutesView(RoleRequiredMixin, View):
    """GET /bijeenkomsten/<uuid>/verslag/: the verslag on a page."""

    allowed_roles = SESSION_READ_ROLES
    template_name = "bob/session_minutes.html"

    def get(self, request, uuid):
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        snapshot = bob_selectors.session_minutes_snapshot(session=session, reader=request.user)
        return render(
            request,
            self.template_name,
            {"session": session, "case": session.case, "doc": snapshot},
        )


class SessionMinutesPdfView(RoleRequiredMixin, View):
    """GET /bijeenkomsten/<uuid>/verslag.pdf: the concept verslag as a PDF."""

    allowed_roles = SESSION_READ_ROLES

    def get(self, request, uuid):
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        snapshot = bob_selectors.session_minutes_snapshot(session=session, reader=request.user)
        pdf = minutes_pdf(snapshot)
        audit_record(action="verslag.gedownload", actor=request.user, obj=session, request=request)
        return pdf_attachment(pdf, filename=minutes_filename(snapshot))
