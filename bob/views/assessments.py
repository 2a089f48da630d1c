"""The vooraf-afweging pages: make one (from signals or from a case), read one, and
convene the kernteam from one.

GET/POST /afwegingen/nieuw/?signalen=uuid,uuid — from signals (the case is chosen or new)
GET/POST /casussen/<uuid>/afweging/nieuw/       — from an open case
GET      /afwegingen/<uuid>/                    — the assessment as recorded
GET/POST /afwegingen/<uuid>/bijeenroepen/       — the convene form, motivation prefilled
"""

import uuid as uuid_module
from functools import cached_property
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from bob import selectors as bob_selectors
from bob import services
from bob.forms.assessments import NEW_CASE, AssessmentForm
from bob.models import Assessment
from bob.workflow import AssessmentOutcome
from kernteam import selectors as kernteam_selectors
from kernteam.permissions import SESSION_READ_ROLES
from kernteam.views.sessions import SessionConveneView
from samos.accounts.permission_table import Can, roles_that
from samos.accounts.permissions import RoleRequiredMixin, record_denied
from samos.core.forms import add_service_errors
from signals import selectors as signal_selectors

ASSESS_ROLES = roles_that(Can.ASSESS)
MAX_CHOSEN_SIGNALS = 50


def _uuids(raw: str) -> tuple[list, bool]:
    """The well-formed UUIDs of a comma-separated list, and whether any part was not."""
    parts = [part.strip() for part in (raw or "").split(",") if part.strip()]
    found, skipped = [], len(parts) > MAX_CHOSEN_SIGNALS
    for part in parts[:MAX_CHOSEN_SIGNALS]:
        try:
            found.append(uuid_module.UUID(part))
        except ValueError:
            skipped = True
    return list(dict.fromkeys(found)), skipped


class AssessmentCreateView(RoleRequiredMixin, FormView):
    allowed_roles = ASSESS_ROLES
    form_class = AssessmentForm
    template_name = "bob/assessment_form.html"

    @cached_property
    def case(self):
        if "uuid" not in self.kwargs:
            return None
        return kernteam_selectors.case_get_for(user=self.request.user, uuid=self.kwargs["uuid"])

    @cached_property
    def chosen_signals(self) -> list:
        """The signals of ?signalen= (a hidden field on POST) the user may see; unknown or
        invisible ones are skipped with a warning, never a broken page."""
        raw = self.request.POST.get("signalen") or self.request.GET.get("signalen") or ""
        uuids, skipped = _uuids(raw)
        signals = []
        if uuids:
            visible = signal_selectors.signal_list_visible_for(user=self.request.user)
            by_uuid = {s.uuid: s for s in visible.filter(uuid__in=uuids).select_related("area")}
            signals = [by_uuid[u] for u in uuids if u in by_uuid]
            skipped = skipped or len(signals) < len(uuids)
        if skipped and self.request.method == "GET":
            messages.warning(
                self.request,
                _("Een of meer gekozen signalen bestaan niet (meer) en zijn overgeslagen."),
            )
        return signals

    @cached_property
    def cases(self):
        """The open cases to choose from when started from signals (None: fixed case)."""
        if self.case is not None:
            return None
        return bob_selectors.assessment_cases_for_signals(
            user=self.request.user, signals=self.chosen_signals
        )

    def get(self, request, *args, **kwargs):
        if self.case is not None and not self.case.is_open:
            messages.error(request, _("De casus is gesloten; maak de afweging bij een open casus."))
            return redirect(self.case.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "cases": self.cases,
            "candidates": bob_selectors.assessment_candidate_signals(
                user=self.request.user, case=self.case, chosen=self.chosen_signals
            ),
            "people": bob_selectors.assessment_informable_users(
                case=self.case, author=self.request.user
            ),
        }

    def get_initial(self):
        chosen = [str(signal.uuid) for signal in self.chosen_signals]
        initial = {"signals": chosen}
        if self.cases is not None:
            holding = [case for case in self.cases if case.pk in self._holding_ids]
            initial["case"] = str(holding[0].uuid) if len(holding) == 1 else NEW_CASE
        return initial

    @cached_property
    def _holding_ids(self) -> set:
        return set(
            kernteam_selectors.case_list_visible_for(user=self.request.user)
            .filter(signals__in=self.chosen_signals)
            .values_list("pk", flat=True)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            case=self.case,
            chosen_signals=self.chosen_signals,
            signal_uuids=",".join(str(signal.uuid) for signal in self.chosen_signals),
            outcomes=AssessmentOutcome,
            **kwargs,
        )

    def form_valid(self, form):
        kwargs = form.service_kwargs()
        if self.case is not None:
            kwargs["case_uuid"] = self.case.uuid
        try:
            assessment = services.assessment_record(
                user=self.request.user, request=self.request, **kwargs
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect(_next_step(self.request, assessment))


def _next_step(request, assessment: Assessment) -> str:
    """Where the outcome leads: the convene form, a new action, or the assessment."""
    outcome = assessment.outcome
    if outcome == AssessmentOutcome.BIJEENROEPEN:
        messages.success(request, _("Uw afweging is vastgelegd. Roep het kernteam nu bijeen."))
        return reverse("bob:assessment_convene", kwargs={"uuid": assessment.uuid})
    if outcome == AssessmentOutcome.ANDERE_ACTIES:
        messages.success(request, _("Uw afweging is vastgelegd. Spreek nu de actie af."))
        query = urlencode({"afweging": assessment.uuid, "next": assessment.get_absolute_url()})
        url = reverse("bob:case_action_create", kwargs={"uuid": assessment.case.uuid})
        return f"{url}?{query}"
    if outcome == AssessmentOutcome.INFORMEREN:
        messages.success(
            request, _("Uw afweging is vastgelegd; de gekozen kernteamleden krijgen bericht.")
        )
    else:
        messages.success(
            request,
            _(
                "Uw afweging is vastgelegd. Op %(date)s krijgt u een herinnering om "
                "opnieuw te kijken."
            )
            % {"date": assessment.review_on.strftime("%d-%m-%Y")},
        )
    return assessment.get_absolute_url()


class AssessmentDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = SESSION_READ_ROLES
    template_name = "bob/assessment_detail.html"

    @cached_property
    def assessment(self):
        return bob_selectors.assessment_get_for(user=self.request.user, uuid=self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        user = self.request.user
        assessment = bob_selectors.assessments_readable(user=user, assessments=[self.assessment])[0]
        is_author = assessment.author_id == user.pk
        return super().get_context_data(
            assessment=assessment,
            case=assessment.case,
            is_author=is_author,
            may_convene=(
                is_author
                and assessment.outcome == AssessmentOutcome.BIJEENROEPEN
                and assessment.session_id is None
                and assessment.case.is_open
            ),
            may_add_action=(
                assessment.outcome == AssessmentOutcome.ANDERE_ACTIES
                and assessment.case.is_open
                and services.can_assess(user)
            ),
            actions=list(assessment.actions.all()),
            information_requests=list(
                assessment.information_requests.select_related("requested_by")
            ),
            delivery=(
                bob_selectors.assessment_note_delivery(assessment=assessment)
                if assessment.outcome == AssessmentOutcome.INFORMEREN
                else []
            ),
            **kwargs,
        )


class AssessmentConveneView(SessionConveneView):
    """The convene form for the case of an assessment (its author only), with the
    motivation as the agenda's first point and the assessment beside it; the session
    remembers the assessment, so its first step shows it."""

    template_name = "bob/assessment_convene.html"

    @cached_property
    def assessment(self):
        assessment = bob_selectors.assessment_get_for(
            user=self.request.user, uuid=self.kwargs["uuid"]
        )
        if assessment.author_id != self.request.user.pk:
            record_denied(self.request, reason="object")
            raise PermissionDenied
        return assessment

    @cached_property
    def case(self):
        return self.assessment.case

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.assessment.session_id is not None:
            messages.info(request, _("Vanuit deze afweging is het kernteam al bijeengeroepen."))
            return redirect(self.assessment.session.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        initial["agenda"] = _("Motivering (vooraf-afweging van %(author)s): %(motivation)s") % {
            "author": self.assessment.author,
            "motivation": self.assessment.motivation,
        }
        return initial

    def get_context_data(self, **kwargs):
        readable = bob_selectors.assessments_readable(
            user=self.request.user, assessments=[self.assessment]
        )
        return super().get_context_data(assessment=readable[0], **kwargs)

    def convened(self, session):
        services.assessment_convened(
            user=self.request.user,
            assessment=self.assessment,
            session=session,
            request=self.request,
        )
