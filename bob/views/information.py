"""Information requests on the case page: setting one out before (or between) sessions,
and the page a refused answer from the case page comes back to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import FormView

from bob import services
from bob.forms.runner import InformationRequestForm
from kernteam import selectors as kernteam_selectors
from kernteam.permissions import CONVENE_ROLES
from samos.accounts.permissions import RoleRequiredMixin
from samos.core.forms import add_service_errors

CASE_ANCHOR = "#info-open-kop"


def case_requests_url(case) -> str:
    """The case page, at its open information requests."""
    return case.get_absolute_url() + CASE_ANCHOR


class CaseInformationRequestCreateView(RoleRequiredMixin, FormView):
    """GET/POST /casussen/<uuid>/informatieverzoeken/nieuw/: an information request on the
    case outside a session, by anyone who may convene the kernteam; afterwards back to
    the case page. A case the user may not see is a 404, a closed one says so."""

    allowed_roles = CONVENE_ROLES
    template_name = "bob/information_request_form.html"

    def _load(self):
        self.case = kernteam_selectors.case_get_for(
            user=self.request.user, uuid=self.kwargs["uuid"]
        )
        if not self.case.is_open:
            messages.error(self.request, services.INFORMATION_REQUEST_MESSAGES["case_closed"])
            return redirect(self.case)
        return None

    def get(self, request, *args, **kwargs):
        return self._load() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._load() or super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        if self.request.method == "POST":
            return InformationRequestForm(self.request.POST)
        # Whoever sets it out usually fetches it too (when they are in the list).
        return InformationRequestForm(initial={"requested_by": self.request.user.pk})

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            case=self.case, cancel_url=case_requests_url(self.case), **kwargs
        )

    def form_valid(self, form):
        try:
            services.case_information_request_create(
                user=self.request.user,
                case_uuid=self.case.uuid,
                request=self.request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Het informatieverzoek is uitgezet."))
        return redirect(case_requests_url(self.case))


def render_refused_answer(request, info, form, *, next_url: str):
    """A refused answer given outside a runner: the request again, with what was typed,
    the messages next to the fields and the summary on top."""
    return render(
        request,
        "bob/information_request_answer.html",
        {"info": info, "case": info.case, "form": form, "next": next_url},
    )
