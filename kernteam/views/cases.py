"""Views of cases: list, open, detail (with the case's sessions), phase."""

import uuid as uuid_module

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from kernteam import exercises, selectors, services
from kernteam.forms import CaseForm, ConfidentialForm, PhaseForm
from kernteam.permissions import (
    CASE_EDIT_ROLES,
    CASE_READ_ROLES,
    can_convene,
    can_edit_cases,
    can_read_sessions,
    can_set_confidential,
)
from kernteam.workflow import PHASE_ACTION_KIND, Phase
from samos.accounts.permissions import RoleRequiredMixin
from samos.core.forms import add_service_errors
from signals import selectors as signal_selectors

# More ids than a case is ever opened from are skipped (and warned about), not queried.
MAX_CHOSEN_SIGNALS = 200


def _uuid_or_none(value: str):
    try:
        return uuid_module.UUID(value)
    except ValueError:
        return None


class CaseListView(RoleRequiredMixin, TemplateView):
    allowed_roles = CASE_READ_ROLES
    template_name = "kernteam/case_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        cases = list(selectors.case_list_visible_for(user=user))
        lessons_query = self.request.GET.get("lessen", "").strip()[:100]
        return super().get_context_data(
            open_cases=[c for c in cases if c.is_open],
            closed_cases=[c for c in cases if not c.is_open],
            can_edit=can_edit_cases(user),
            lessons_query=lessons_query,
            lessons=(
                list(selectors.case_lessons_search(user=user, text=lessons_query))
                if lessons_query
                else None
            ),
            **kwargs,
        )


class CaseCreateView(RoleRequiredMixin, FormView):
    """Open a case, empty or from the signals named in ?signalen=uuid,uuid."""

    allowed_roles = CASE_EDIT_ROLES
    form_class = CaseForm
    template_name = "kernteam/case_form.html"

    @cached_property
    def _chosen_signals(self):
        """The visible signals of ?signalen= (the hidden field on POST). Malformed, unknown
        or invisible ids are skipped with a warning, never a broken page."""
        request = self.request
        if request.method == "POST" and request.POST.get("signalen"):
            wanted = request.POST["signalen"]
        else:
            wanted = request.GET.get("signalen") or request.POST.get("signalen") or ""
        parts = [part.strip() for part in wanted.split(",") if part.strip()]
        parsed = [_uuid_or_none(part) for part in parts[:MAX_CHOSEN_SIGNALS]]
        uuids = {value for value in parsed if value is not None}
        signals = []
        if uuids:
            visible = signal_selectors.signal_list_visible_for(user=request.user)
            chosen = visible.filter(uuid__in=uuids).select_related("area")
            signals = list(chosen.prefetch_related("themes"))
        skipped = len(parts) > MAX_CHOSEN_SIGNALS or None in parsed or len(signals) < len(uuids)
        if skipped:
            messages.warning(
                request,
                _("Een of meer gekozen signalen bestaan niet (meer) en zijn overgeslagen."),
            )
        return signals

    def _signals(self):
        return self._chosen_signals

    def get_initial(self):
        """From several signals: their areas and themes are the case's first guess."""
        initial = super().get_initial()
        signals = self._signals()
        if signals:
            # A case spans kernen and wijken; a signal from a buurt counts for its kern.
            initial["areas"] = sorted(
                {
                    signal.area.parent_id if signal.area.kind == "buurt" else signal.area_id
                    for signal in signals
                }
                - {None}
            )
            initial["themes"] = sorted(
                {theme.pk for signal in signals for theme in signal.themes.all()}
            )
        return initial

    def get_context_data(self, **kwargs):
        signals = self._signals()
        return super().get_context_data(
            chosen_signals=signals, signal_uuids=",".join(str(s.uuid) for s in signals), **kwargs
        )

    def form_valid(self, form):
        try:
            case = services.case_open(
                user=self.request.user,
                signal_uuids=[s.uuid for s in self._signals()],
                request=self.request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De casus is geopend."))
        return redirect("kernteam:case_detail", uuid=case.uuid)


class CaseDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = CASE_READ_ROLES
    template_name = "kernteam/case_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        case = selectors.case_get_for(user=user, uuid=self.kwargs["uuid"])
        # Only the linked signals this user may see; the count of the rest is shown.
        # An exercise also shows its own fictitious signals (kernteam.exercises).
        visible_signals = exercises.case_signals_visible_for(user=user, case=case).filter(
            cases=case
        )
        # Who linked each visible signal, and when (one query for all links).
        links = {
            link.signal_id: link
            for link in case.signal_links.select_related("linked_by").filter(
                signal__in=visible_signals
            )
        }
        signal_rows = [(signal, links.get(signal.pk)) for signal in visible_signals]
        show_sessions = can_read_sessions(user)
        return super().get_context_data(
            show_sessions=show_sessions,
            sessions=(
                selectors.session_list_for_case_with_invitation(user=user, case=case)
                if show_sessions
                else []
            ),
            can_convene=can_convene(user) and case.is_open,
            case=case,
            phase_changes=case.phase_changes.select_related("changed_by"),
            signal_rows=signal_rows,
            hidden_signal_count=case.signals.count() - len(signal_rows),
            action_kind=PHASE_ACTION_KIND[Phase(case.phase)],
            can_edit=can_edit_cases(user) and case.is_open,
            phase_form=PhaseForm(initial={"phase": case.phase, "version": case.version}),
            confidential_form=(
                ConfidentialForm(
                    initial={
                        "besloten": "ja" if case.is_confidential else "nee",
                        "version": case.version,
                    }
                )
                if can_set_confidential(user, case)
                else None
            ),
            **kwargs,
        )


class CasePhaseView(RoleRequiredMixin, View):
    allowed_roles = CASE_EDIT_ROLES
    http_method_names = ["post"]

    def post(self, request, uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        form = PhaseForm(request.POST)
        if form.is_valid():
            try:
                services.case_set_phase(
                    user=request.user,
                    case_uuid=case.uuid,
                    phase=form.cleaned_data["phase"],
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
                messages.success(request, _("De fase is vastgelegd."))
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        return redirect("kernteam:case_detail", uuid=case.uuid)


class CaseConfidentialView(RoleRequiredMixin, View):
    """POST /casussen/<uuid>/besloten/: who sees the case (need-to-know)."""

    allowed_roles = CASE_EDIT_ROLES
    http_method_names = ["post"]

    def post(self, request, uuid):
        case = selectors.case_get_for(user=request.user, uuid=uuid)
        form = ConfidentialForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return redirect("kernteam:case_detail", uuid=case.uuid)
        try:
            case = services.case_set_confidential(
                user=request.user,
                case_uuid=case.uuid,
                confidential=form.cleaned_data["besloten"],
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("De casus is nu besloten.")
                if case.is_confidential
                else _("De casus is weer zichtbaar voor het hele kernteam."),
            )
        return redirect("kernteam:case_detail", uuid=case.uuid)
