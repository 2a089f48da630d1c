"""The plan as PDF, and communication in the case dossier."""

from django.utils.translation import gettext
from django.views.generic import View

from communicatie import selectors
from communicatie.documents import communication_snapshot, dossier_content, plan_filename, plan_pdf
from communicatie.permissions import PLAN_READ_ROLES
from samos.accounts.permissions import RoleRequiredMixin
from samos.audit.services import audit_record
from samos.documents.responses import pdf_attachment


class PlanPdfView(RoleRequiredMixin, View):
    """GET /casussen/<uuid>/communicatie/plan.pdf: the plan as it stands now."""

    allowed_roles = PLAN_READ_ROLES

    def get(self, request, uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        audit_record(
            action="communicatieplan.gedownload", actor=request.user, obj=case, request=request
        )
        return pdf_attachment(plan_pdf(communication_snapshot(case=case)), filename=plan_filename())


def _dossier_title() -> str:
    return gettext("Communicatie")


def register_dossier_sections() -> None:
    """Called from CommunicatieConfig.ready(): messages and judgements in the case dossier."""
    from bob.dossier_sections import DossierSection, register

    register(
        DossierSection(
            key="communicatie",
            title=_dossier_title,
            content=dossier_content,
            template="pdf/dossier_sections/communicatie.html",
            order=50,
        )
    )
