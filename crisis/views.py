"""Views of the hand-over: record it (with a preview of the situation picture), read it,
download its one-page situation picture, and record the way back.

Opened from the session runner (crisis.runner), the two forms carry a local `next` and
return there once saved; a refused form keeps it, with what was typed and the errors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from kernteam import selectors as kernteam_selectors
from samos.accounts.permissions import RoleRequiredMixin
from samos.audit.services import audit_record
from samos.core.forms import add_service_errors
from samos.core.links import safe_next_url
from samos.documents.responses import pdf_attachment

from . import selectors, services
from .documents import handover_facts, situation_filename, situation_pdf, situation_snapshot
from .forms import MOMENT_FIELDS, HandoverForm, HandoverReturnForm
from .permissions import HANDOVER_READ_ROLES, HANDOVER_WRITE_ROLES, can_record_handover
from .references import reference_links


def _service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "message_dict"):
        error = ValidationError(
            {MOMENT_FIELDS.get(field, field): msgs for field, msgs in error.message_dict.items()}
        )
    add_service_errors(form, error)


class _ReturnsToNext:
    """`next_url`: where the form was opened from (a local path, else ""); the page
    offers it as the way back and posts it along."""

    @cached_property
    def next_url(self) -> str:
        return safe_next_url(self.request, "")

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.next_url, **kwargs)


class HandoverCreateView(_ReturnsToNext, RoleRequiredMixin, FormView):
    """GET/POST /casussen/<uuid>/overdracht/: hand the case over to crisis management."""

    allowed_roles = HANDOVER_WRITE_ROLES
    form_class = HandoverForm
    template_name = "crisis/handover_form.html"

    @cached_property
    def case(self):
        return kernteam_selectors.case_get_for(user=self.request.user, uuid=self.kwargs["uuid"])

    def get(self, request, *args, **kwargs):
        if not self.case.is_open:
            messages.error(request, _("Een gesloten casus wordt niet meer overgedragen."))
            return redirect(self.next_url or self.case.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            case=self.case,
            preview=situation_snapshot(case=self.case),
            references=reference_links(),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            handover = services.handover_record(
                user=self.request.user,
                case_uuid=self.case.uuid,
                recipient=data["recipient"],
                handed_over_at=data["handed_over_at"],
                scope=data["scope"],
                contact_name=data["contact_name"],
                contact_details=data["contact_details"],
                request=self.request,
            )
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De overdracht is vastgelegd. Download het situatiebeeld voor de ontvanger."),
        )
        if self.next_url:  # back to the session being run; its block links the picture
            return redirect(self.next_url)
        return redirect("crisis:handover_detail", uuid=self.case.uuid, handover_uuid=handover.uuid)


class HandoverDetailView(RoleRequiredMixin, TemplateView):
    """GET /casussen/<uuid>/overdracht/<handover_uuid>/: the record and its way back."""

    allowed_roles = HANDOVER_READ_ROLES
    template_name = "crisis/handover_detail.html"

    def get_context_data(self, **kwargs):
        case, handover = selectors.handover_get_for(
            user=self.request.user, case_uuid=self.kwargs["uuid"], uuid=self.kwargs["handover_uuid"]
        )
        return super().get_context_data(
            case=case,
            handover=handover,
            facts=handover_facts(handover),
            doc=handover.snapshot,
            can_return=can_record_handover(self.request.user) and not handover.is_returned,
            **kwargs,
        )


class SituationPdfView(RoleRequiredMixin, View):
    """GET …/situatiebeeld.pdf: the one-page situation picture as it was handed over."""

    allowed_roles = HANDOVER_READ_ROLES

    def get(self, request, uuid, handover_uuid):
        case, handover = selectors.handover_get_for(
            user=request.user, case_uuid=uuid, uuid=handover_uuid
        )
        audit_record(
            action="situatiebeeld.gedownload",
            actor=request.user,
            obj=case,
            request=request,
            details={"overdracht": str(handover.uuid)},
        )
        return pdf_attachment(situation_pdf(handover), filename=situation_filename(handover))


class HandoverReturnView(_ReturnsToNext, RoleRequiredMixin, FormView):
    """GET/POST …/terug/: crisis management hands the case back ("terug naar SAMOS")."""

    allowed_roles = HANDOVER_WRITE_ROLES
    form_class = HandoverReturnForm
    template_name = "crisis/handover_return_form.html"

    @cached_property
    def found(self):
        return selectors.handover_get_for(
            user=self.request.user, case_uuid=self.kwargs["uuid"], uuid=self.kwargs["handover_uuid"]
        )

    def get(self, request, *args, **kwargs):
        case, handover = self.found
        if handover.is_returned:
            messages.info(request, _("Deze overdracht is al teruggegeven aan SAMOS."))
            return redirect(
                self.next_url
                or reverse(
                    "crisis:handover_detail",
                    kwargs={"uuid": case.uuid, "handover_uuid": handover.uuid},
                )
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        case, handover = self.found
        return super().get_context_data(
            case=case, handover=handover, facts=handover_facts(handover), **kwargs
        )

    def form_valid(self, form):
        case, handover = self.found
        data = form.cleaned_data
        try:
            services.handover_return_record(
                user=self.request.user,
                case_uuid=case.uuid,
                handover_uuid=handover.uuid,
                returned_at=data["returned_at"],
                returned_by=data["returned_by"],
                what_comes_back=data["what_comes_back"],
                request=self.request,
            )
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De teruggave aan SAMOS is vastgelegd."))
        return redirect(self.next_url or case.get_absolute_url())
