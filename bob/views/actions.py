"""Action pages: my actions and the open overview, one action with its progress, editing,
reporting progress, and agreeing an action in a session or on a case."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bob import protocol, selectors, services
from bob.forms.actions import ActionEditForm, ActionForm, ActionProgressForm
from bob.permissions import (
    ACTION_ROLES,
    SESSION_READ_ROLES,
    can_run_session,
    can_see_all_actions,
    can_update_action,
)
from bob.views.runner import SessionRunView, runner_context
from bob.views.runner import uuid_or_none as _uuid_or_none
from bob.workflow import OPEN_ACTION_STATUSES
from kernteam import exercises
from kernteam import selectors as kernteam_selectors
from kernteam.permissions import CASE_EDIT_ROLES
from samos.accounts.permissions import RoleRequiredMixin, record_denied
from samos.core.forms import add_service_errors
from samos.core.links import safe_next_url

# How many finished actions "Mijn acties" still lists below the open ones.
RECENTLY_CLOSED = 10


def safe_next(request, fallback: str) -> str:
    """The form's `next` when it is a local URL of this site, else FALLBACK."""
    return safe_next_url(request, fallback)


def _deny(request, reason: str):
    record_denied(request, reason=reason)
    raise PermissionDenied


class ActionListView(RoleRequiredMixin, TemplateView):
    """GET /acties/: my actions; for the coördinators also every open action."""

    allowed_roles = ACTION_ROLES
    template_name = "bob/action_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        mine = selectors.action_list_mine(user=user)
        see_all = can_see_all_actions(user)
        return super().get_context_data(
            my_open_actions=list(mine.filter(status__in=OPEN_ACTION_STATUSES)),
            my_closed_actions=list(
                mine.exclude(status__in=OPEN_ACTION_STATUSES).order_by("-closed_at", "-id")[
                    :RECENTLY_CLOSED
                ]
            ),
            can_see_all=see_all,
            all_open_actions=(
                list(selectors.action_list_open_overdue_first(user=user)) if see_all else []
            ),
            today=timezone.localdate(),
            **kwargs,
        )


def _citable_signals(user, case):
    """The signals USER may cite on CASE: its real ones and, in an exercise, that
    exercise's own fictitious ones (kernteam.exercises; never in a real case)."""
    return exercises.case_signals_visible_for(user=user, case=case)


def _progress_form(action, user, data=None) -> ActionProgressForm:
    case_signals = (
        _citable_signals(user, action.case).filter(cases=action.case).select_related("area")
    )
    return ActionProgressForm(data, action=action, signals=case_signals)


def _detail_context(request, action, *, progress_form=None) -> dict:
    can_update = can_update_action(request.user, action) and action.is_open
    if progress_form is None and can_update:
        progress_form = _progress_form(action, request.user)
    updates = list(action.updates.all())
    # Cited signals are shown only as far as this reader may see them; the rest is counted.
    cited = {signal.pk for update in updates for signal in update.signals.all()}
    visible = (
        set(
            _citable_signals(request.user, action.case)
            .filter(pk__in=cited)
            .values_list("pk", flat=True)
        )
        if cited
        else set()
    )
    for update in updates:
        signals = list(update.signals.all())
        update.visible_signals = [signal for signal in signals if signal.pk in visible]
        update.hidden_signal_count = len(signals) - len(update.visible_signals)
    return {
        "action": action,
        "case": action.case,
        "updates": updates,
        # The edit link; the progress form shows whenever there is one (a session's chair
        # who is sent back here after a refusal may not edit the action itself).
        "can_edit": can_update,
        "progress_form": progress_form,
    }


class ActionDetailView(RoleRequiredMixin, TemplateView):
    """GET /acties/<uuid>/: every SMART field, the status, the history, the progress form."""

    allowed_roles = ACTION_ROLES
    template_name = "bob/action_detail.html"

    def get_context_data(self, **kwargs):
        action = selectors.action_get_for(user=self.request.user, uuid=self.kwargs["uuid"])
        return super().get_context_data(**_detail_context(self.request, action), **kwargs)


class ActionEditView(RoleRequiredMixin, FormView):
    """GET/POST /acties/<uuid>/bewerken/: change the SMART fields of an open action."""

    allowed_roles = ACTION_ROLES
    template_name = "bob/action_form.html"

    def _load(self):
        self.action = selectors.action_get_for(user=self.request.user, uuid=self.kwargs["uuid"])
        if not can_update_action(self.request.user, self.action):
            _deny(self.request, "object")
        if not self.action.is_open:
            messages.error(self.request, services.ACTION_MESSAGES["final"])
            return redirect(self.action)
        return None

    def get(self, request, *args, **kwargs):
        return self._load() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._load() or super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return ActionEditForm(
            self.request.POST if self.request.method == "POST" else None,
            user=self.request.user,
            action=self.action,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action=self.action,
            case=self.action.case,
            heading=_("Actie bewerken"),
            submit_label=_("Wijzigingen opslaan"),
            cancel_url=self.action.get_absolute_url(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            action = services.action_update(
                user=self.request.user,
                action_uuid=self.action.uuid,
                expected_version=form.cleaned_data["version"],
                request=self.request,
                **form.action_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De actie is bijgewerkt."))
        return redirect(action)


class ActionProgressView(RoleRequiredMixin, View):
    """POST /acties/<uuid>/voortgang/: a progress note, maybe a status move.

    From the action page, or from a session (hidden `sessie`, and `next` back to it). A
    refusal shows the page it came from again — the runner's review step, or the action
    page — with the messages and what was typed.
    """

    # A session's chair may review actions without an action role (can_run_session); the
    # object check below and the service decide.
    allowed_roles = SESSION_READ_ROLES | ACTION_ROLES
    http_method_names = ["post"]

    def post(self, request, uuid):
        user = request.user
        session = None
        session_uuid = _uuid_or_none(request.POST.get("sessie"))
        if session_uuid is not None:
            session = kernteam_selectors.session_get_for(user=user, uuid=session_uuid)
        elif not user.has_role(*ACTION_ROLES):
            _deny(request, "rol")
        action = selectors.action_get_for(user=user, uuid=uuid, session=session)
        in_session = session is not None and can_run_session(user, session)
        if not (can_update_action(user, action) or in_session):
            _deny(request, "object")
        if not action.is_open:
            messages.error(request, services.ACTION_MESSAGES["final"])
            return redirect(safe_next(request, action.get_absolute_url()))
        form = _progress_form(action, user, data=request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.action_report_progress(
                    user=user,
                    action_uuid=action.uuid,
                    note=data["note"],
                    to_status=data["to_status"] or None,
                    session_uuid=session.uuid if session else None,
                    third_party_done=data.get("third_party_done"),
                    result_visible=data["result_visible"],
                    signal_uuids=[s.uuid for s in data.get("signals") or ()],
                    judged_result=data["judged_result"],
                    expected_version=data["version"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De voortgang is vastgelegd."))
                return redirect(safe_next(request, action.get_absolute_url()))
        review_step = (
            protocol.step_showing(session.kind, "action_review", request.POST.get("stap"))
            if in_session
            else None
        )
        if review_step is not None:
            # A refusal in the meeting keeps the chair in the runner, at this action.
            return render(
                request,
                SessionRunView.template_name,
                runner_context(
                    request,
                    session,
                    step_key=review_step.key,
                    forms={"action_review": (action.pk, form)},
                ),
            )
        context = _detail_context(request, action, progress_form=form)
        return render(request, "bob/action_detail.html", context)


class _ActionCreateView(RoleRequiredMixin, FormView):
    """Agree a SMART action; subclasses say on which case and where to go afterwards."""

    template_name = "bob/action_form.html"
    session = None
    case = None
    # Outside a session, the vooraf-afweging the action follows from (?afweging=).
    assessment_uuid = None

    def _load(self):
        """Set self.case (and self.session); a response here ends the request."""
        raise NotImplementedError

    def success_url_for(self, action) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self._load() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._load() or super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return ActionForm(
            self.request.POST if self.request.method == "POST" else None,
            user=self.request.user,
            session=self.session,
        )

    def get_context_data(self, **kwargs):
        back = self.session.get_absolute_url() if self.session else self.case.get_absolute_url()
        return super().get_context_data(
            case=self.case,
            session=self.session,
            next=safe_next(self.request, ""),
            heading=_("Actie afspreken"),
            submit_label=_("Actie vastleggen"),
            cancel_url=safe_next(self.request, back),
            assessment_uuid=self.assessment_uuid,
            **kwargs,
        )

    def form_valid(self, form):
        decision = form.cleaned_data.get("decision")
        try:
            action = services.action_create(
                user=self.request.user,
                case_uuid=self.case.uuid,
                session_uuid=self.session.uuid if self.session else None,
                decision_uuid=decision.uuid if decision else None,
                assessment_uuid=self.assessment_uuid,
                request=self.request,
                **form.action_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("De actie “%(title)s” is vastgelegd.") % {"title": action.title}
        )
        return redirect(safe_next(self.request, self.success_url_for(action)))


class SessionActionCreateView(_ActionCreateView):
    """GET/POST /bijeenkomsten/<uuid>/acties/nieuw/: the chair or secretary agrees an
    action during the session; afterwards back to the session (or `next`)."""

    allowed_roles = SESSION_READ_ROLES

    def _load(self):
        self.session = kernteam_selectors.session_get_for(
            user=self.request.user, uuid=self.kwargs["uuid"]
        )
        self.case = self.session.case
        if not can_run_session(self.request.user, self.session):
            _deny(self.request, "object")
        return None

    def success_url_for(self, action) -> str:
        return self.session.get_absolute_url()


class CaseActionCreateView(_ActionCreateView):
    """GET/POST /casussen/<uuid>/acties/nieuw/: an action outside a session; afterwards
    to the new action (or `next`)."""

    allowed_roles = CASE_EDIT_ROLES

    def _load(self):
        self.case = kernteam_selectors.case_get_for(
            user=self.request.user, uuid=self.kwargs["uuid"]
        )
        if not self.case.is_open:
            messages.error(self.request, services.ACTION_MESSAGES["case_closed"])
            return redirect(self.case)
        self.assessment_uuid = _uuid_or_none(
            self.request.POST.get("afweging") or self.request.GET.get("afweging")
        )
        return None

    def success_url_for(self, action) -> str:
        return action.get_absolute_url()
