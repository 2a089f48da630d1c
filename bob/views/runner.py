"""The session runner at /bijeenkomsten/<uuid>/: the werkprotocol of the session's kind as
steps on one page. Every block posts to its own small view, which calls one service and
returns to the same step; on bad input the runner is shown again with the typed text and
the message next to the field. htmx swaps only #runner; without JavaScript the same forms
post and redirect as usual."""

import uuid as uuid_module

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import View

from bob import protocol, runner_blocks, services
from bob import selectors as bob_selectors
from bob.forms.runner import (
    AddMemberForm,
    AdoptForm,
    CloseCaseForm,
    DecisionForm,
    DecisionReviewForm,
    InformationAnswerForm,
    InformationRequestForm,
    NextSessionForm,
    PauseForm,
    ScenarioForm,
    ScenarioReviewForm,
    step_form_class,
)
from bob.permissions import (
    SESSION_READ_ROLES,
    can_answer_information_request,
    can_chair_session,
    can_run_session,
)
from bob.runner_blocks import BlockRequest
from bob.views.information import case_requests_url, render_refused_answer
from kernteam import selectors as kernteam_selectors
from kernteam import services as kernteam_services
from kernteam.forms import AddGuestForm, PhaseForm
from kernteam.workflow import SessionStatus
from samos.accounts.permissions import RoleRequiredMixin, record_denied
from samos.core.forms import add_service_errors
from samos.core.links import safe_next_url
from signals.permissions import can_manage_attention_requests


def _step_or_first(session, key):
    steps = protocol.steps_for(session.kind)
    return (protocol.step_for(session.kind, key) if key else None) or steps[0]


def _block_context(*, user, session, step, forms) -> dict:
    """What the blocks of STEP show (bob.runner_blocks): each registered block adds the
    names its template uses. Bound forms with errors in FORMS win over new ones."""
    request = BlockRequest(user=user, session=session, step=step, forms=forms)
    blocks = runner_blocks.blocks_for(step)
    context = {
        "blocks_before_record": [b for b in blocks if not b.after_record],
        "blocks_after_record": [b for b in blocks if b.after_record],
    }
    for block in blocks:
        context.update(block.context(request))
    return context


def runner_context(request, session, *, step_key=None, forms=None) -> dict:
    """Everything the runner page shows for one step."""
    forms = forms or {}
    user = request.user
    steps = protocol.steps_for(session.kind)
    step = _step_or_first(session, step_key or session.current_step)
    records = bob_selectors.step_records_by_key(session=session)
    record = records.get(step.key)
    step_form = forms.get("step_form") or step_form_class(step)(
        initial={"version": record.version if record else 0, **(record.data if record else {})}
    )
    index = steps.index(step)
    can_run = can_run_session(user, session)
    # Attendees and preparations are prefetched by session_get_for: no extra queries.
    member_attendees = [a for a in session.attendees.all() if a.user_id]
    return {
        "session": session,
        "case": session.case,
        "steps": [
            {"step": s, "done": s.key in records, "current": s.key == step.key} for s in steps
        ],
        "steps_done": sum(1 for s in steps if s.key in records),
        "step": step,
        "step_number": index + 1,
        "step_count": len(steps),
        "previous_step": steps[index - 1] if index else None,
        "next_step": steps[index + 1] if index + 1 < len(steps) else None,
        "record": record,
        "step_form": step_form,
        # Read-only: what was recorded, a choice by its label ("beperkt", not "1").
        "answers": bob_selectors.step_answers(step, record),
        "can_run": can_run,
        "is_invited": any(a.user_id == user.pk for a in member_attendees),
        "member_count": len(member_attendees),
        "prepared_count": len(session.preparations.all()),
        "can_chair": can_chair_session(user, session),
        "editable": can_run and session.status == SessionStatus.BEZIG,
        "decision_list": bob_selectors.decision_list_of(session=session),
        "decisions": bob_selectors.session_decisions(user=user, session=session),
        "open_information_requests": list(
            bob_selectors.open_information_requests(case=session.case)
        ),
        **_block_context(user=user, session=session, step=step, forms=forms),
    }


def uuid_or_none(value):
    """A posted UUID, or None when it is missing or malformed (never a server error)."""
    try:
        return uuid_module.UUID(str(value)) if value else None
    except ValueError:
        return None


def runner_url(session, step_key=None, anchor="stap") -> str:
    url = reverse("bob:session_run", kwargs={"uuid": session.uuid})
    return f"{url}?stap={step_key}#{anchor}" if step_key else f"{url}#{anchor}"


class SessionRunView(RoleRequiredMixin, View):
    """GET /bijeenkomsten/<uuid>/?stap=<key>: the step, the progress and its blocks."""

    allowed_roles = SESSION_READ_ROLES
    template_name = "bob/session_run.html"

    def get(self, request, uuid):
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        context = runner_context(request, session, step_key=request.GET.get("stap"))
        return render(request, self.template_name, context)


class SessionInjectsView(RoleRequiredMixin, View):
    """GET /bijeenkomsten/<uuid>/injects/?stap=<key>&binnen=<n>: only the runner's injects
    block, which htmx asks for while an exercise session runs.

    The runner's own rule (the session visible to this reader, need-to-know included)
    and nothing more is read: the session with its case, the exercise and its injects.
    A real case has no injects: 404. When the reader already shows BINNEN injects and the
    session still runs, nothing changed: 204, which htmx leaves alone."""

    allowed_roles = SESSION_READ_ROLES
    block_key = "exercise_injects"

    def get(self, request, uuid):
        session = kernteam_selectors.session_get_brief_for(user=request.user, uuid=uuid)
        block = runner_blocks.registered(self.block_key)
        if block is None or not session.case.is_exercise:
            raise Http404
        step = _step_or_first(session, request.GET.get("stap") or session.current_step)
        context = block.context(BlockRequest(user=request.user, session=session, step=step))
        shown = context.get("exercise_injects") or []
        if context.get("exercise_injects_poll") and request.GET.get("binnen") == str(len(shown)):
            return HttpResponse(status=204)
        context.update(session=session, case=session.case, step=step)
        return render(request, block.template_name, context)


class RunnerPostView(RoleRequiredMixin, View):
    """Base of every form the runner posts: validate, call one service, back to the step.

    Subclasses set `form_class`, `form_name` (the context name the runner uses for the
    form) and `success_message`, and implement `perform(session, form)`.
    """

    allowed_roles = SESSION_READ_ROLES
    http_method_names = ["post"]
    form_class = None
    form_name = ""
    success_message = ""
    anchor = "stap"

    def get_form(self, session):
        return self.form_class(self.request.POST)

    def post(self, request, uuid, **kwargs):
        self.kwargs = {"uuid": uuid, **kwargs}
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        # Only those who run the session post to it; the services check again.
        if not can_run_session(request.user, session):
            record_denied(request, reason="bijeenkomst")
            raise PermissionDenied
        step_key = request.POST.get("stap") or session.current_step
        form = self.get_form(session)
        if form.is_valid():
            try:
                result = self.perform(session, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if self.success_message:
                    messages.success(request, self.success_message)
                return redirect(self.success_url(session, step_key, result))
        return render(
            request,
            SessionRunView.template_name,
            runner_context(request, session, step_key=step_key, forms={self.form_name: form}),
        )

    def success_url(self, session, step_key, result):
        return runner_url(session, step_key, self.anchor)

    def perform(self, session, form):  # pragma: no cover - every subclass implements it
        raise NotImplementedError


class StepSaveView(RunnerPostView):
    form_name = "step_form"
    success_message = _("De stap is opgeslagen.")

    def get_form(self, session):
        step = protocol.step_for(session.kind, self.kwargs["step"])
        if step is None:
            raise Http404
        self.step = step
        return step_form_class(step)(self.request.POST)

    def post(self, request, uuid, step):
        # The step in the URL is the one being saved; go back to it on an error.
        request.POST = request.POST.copy()
        request.POST["stap"] = step
        return super().post(request, uuid, step=step)

    def perform(self, session, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.step_save(
            user=self.request.user,
            session_uuid=session.uuid,
            step_key=self.step.key,
            data=data,
            expected_version=form.cleaned_data["version"],
            request=self.request,
        )

    def success_url(self, session, step_key, result):
        if "verder" in self.request.POST:
            following = protocol.step_after(session.kind, self.step.key)
            if following is not None:
                return runner_url(session, following.key)
        return runner_url(session, self.step.key)


class _NoFields(RunnerPostView):
    """A button without fields (start, resume, finish)."""

    def get_form(self, session):
        return forms.Form(self.request.POST)


class SessionStartView(_NoFields):
    form_name = "start_form"
    success_message = _("De bijeenkomst is geopend.")

    def perform(self, session, form):
        return kernteam_services.session_start(
            user=self.request.user, session_uuid=session.uuid, request=self.request
        )


class SessionResumeView(_NoFields):
    form_name = "resume_form"
    success_message = _("De bijeenkomst gaat verder.")

    def perform(self, session, form):
        return kernteam_services.session_resume(
            user=self.request.user, session_uuid=session.uuid, request=self.request
        )


class SessionFinishView(_NoFields):
    form_name = "finish_form"
    success_message = _(
        "De bijeenkomst is afgerond. De besluitenlijst blijft concept tot ze is vastgesteld."
    )

    def perform(self, session, form):
        return kernteam_services.session_finish(
            user=self.request.user, session_uuid=session.uuid, request=self.request
        )


class SessionPauseView(RunnerPostView):
    form_class = PauseForm
    form_name = "pause_form"
    success_message = _("De bijeenkomst is onderbroken. De open informatieverzoeken staan klaar.")

    def perform(self, session, form):
        return kernteam_services.session_pause(
            user=self.request.user,
            session_uuid=session.uuid,
            resume_at=form.cleaned_data["resume_at"],
            resume_location=form.cleaned_data["resume_location"],
            request=self.request,
        )


class InformationRequestCreateView(RunnerPostView):
    form_class = InformationRequestForm
    form_name = "information_form"
    success_message = _("Het informatieverzoek is vastgelegd.")
    anchor = "informatieverzoeken"

    def perform(self, session, form):
        return services.information_request_create(
            user=self.request.user,
            session_uuid=session.uuid,
            request=self.request,
            **form.cleaned_data,
        )


class InformationRequestAnswerView(RoleRequiredMixin, View):
    """POST /informatieverzoeken/<uuid>/: what came in, or no longer needed.

    From a runner (hidden `sessie`), back to that runner; from the case page (a request
    set out there, outside a session), back to the case page or a safe `next`, and a
    refusal shows the request on a page of its own, as typed.
    """

    allowed_roles = SESSION_READ_ROLES
    http_method_names = ["post"]

    def post(self, request, uuid):
        info = bob_selectors.information_request_get_for(user=request.user, uuid=uuid)
        if not can_answer_information_request(request.user, info):
            record_denied(request, reason="object")
            raise PermissionDenied
        form = InformationAnswerForm(request.POST, auto_id=f"antwoord-{info.uuid}-%s")
        # Back to the session being run (a request asked in an earlier one is answered in
        # a follow-up), as far as this user may read it; else where it was asked: its
        # session, or the case page for one set out outside a session.
        session = info.session
        running = uuid_or_none(request.POST.get("sessie"))
        if running is not None:
            session = kernteam_selectors.session_get_for(user=request.user, uuid=running)
        elif request.POST.get("next"):
            session = None
        step_key = request.POST.get("stap", "")
        outside = safe_next_url(request, case_requests_url(info.case)) if session is None else ""
        if form.is_valid():
            try:
                services.information_request_answer(
                    user=request.user, request_uuid=info.uuid, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het informatieverzoek is bijgewerkt."))
                if session is None:
                    return redirect(outside)
                return redirect(runner_url(session, step_key, "informatieverzoeken"))
        if session is None:
            return render_refused_answer(request, info, form, next_url=outside)
        step = protocol.step_showing(session.kind, "information_requests", step_key)
        if step is None:  # this kind of session shows no requests: say it on top
            for message in [m for errors in form.errors.values() for m in errors]:
                messages.error(request, message)
            return redirect(runner_url(session, step_key, "informatieverzoeken"))
        return render(
            request,
            SessionRunView.template_name,
            runner_context(
                request, session, step_key=step.key, forms={"information_answer": (info.pk, form)}
            ),
        )


class ScenarioCreateView(RunnerPostView):
    form_class = ScenarioForm
    form_name = "scenario_form"
    success_message = _("Het scenario is toegevoegd.")
    anchor = "scenarios"

    def perform(self, session, form):
        return services.scenario_add(
            user=self.request.user,
            session_uuid=session.uuid,
            request=self.request,
            **form.cleaned_data,
        )


class ScenarioReviewView(RunnerPostView):
    """A scenario of an earlier session looked at again; a refusal stays at that scenario."""

    form_name = "scenario_review_form"
    success_message = _("Het scenario is opnieuw bekeken.")
    anchor = "scenarios"

    def get_form(self, session):
        scenario = self.kwargs["scenario"]
        form = ScenarioReviewForm(self.request.POST, auto_id=f"herzien-{scenario}-%s")
        form.scenario_uuid = self.kwargs["scenario"]
        return form

    def perform(self, session, form):
        return services.scenario_review(
            user=self.request.user,
            session_uuid=session.uuid,
            scenario_uuid=self.kwargs["scenario"],
            request=self.request,
            **form.cleaned_data,
        )


class DecisionCreateView(RunnerPostView):
    form_name = "decision_form"
    success_message = _("Het besluit staat op de besluitenlijst.")
    anchor = "besluiten"

    def get_form(self, session):
        # Signals and corrections are checked by the service; accept the posted ids here.
        form = DecisionForm(
            self.request.POST, may_ask_network=can_manage_attention_requests(self.request.user)
        )
        form.fields.pop("signals", None)
        form.fields.pop("corrects", None)
        return form

    @transaction.atomic
    def perform(self, session, form):
        data = form.cleaned_data
        decision = services.decision_record(
            user=self.request.user,
            session_uuid=session.uuid,
            stage=data["stage"],
            text=data["text"],
            signal_uuids=self.request.POST.getlist("signals"),
            corrects_uuid=self.request.POST.get("corrects") or None,
            request=self.request,
        )
        if data.get("attention"):
            # One step: a refused request (no areas, a past date) records no decision either.
            if data.get("attention_until") is None:
                raise ValidationError({"attention_until": _("Tot wanneer loopt het verzoek?")})
            services.decision_issue_attention_request(
                user=self.request.user,
                decision=decision,
                until=data["attention_until"],
                request=self.request,
            )
            messages.success(self.request, _("Het aandachtsverzoek is uitgezet."))
        return decision


class DecisionRemoveView(_NoFields):
    form_name = "remove_form"
    success_message = _("Het besluit is van de conceptlijst gehaald.")
    anchor = "besluiten"

    def perform(self, session, form):
        decision = bob_selectors.decision_get_in_session(
            session=session, uuid=self.kwargs["decision"]
        )
        return services.decision_remove(
            user=self.request.user, decision_uuid=decision.uuid, request=self.request
        )


class DecisionReviewView(RunnerPostView):
    form_class = DecisionReviewForm
    form_name = "review_form"
    success_message = _("Het effect van het besluit is vastgelegd.")
    anchor = "effect-besluiten"

    def perform(self, session, form):
        return services.decision_review_record(
            user=self.request.user,
            session_uuid=session.uuid,
            decision_uuid=self.kwargs["decision"],
            request=self.request,
            **form.cleaned_data,
        )


class AdoptPreviousListView(RunnerPostView):
    """In a follow-up: the kernteam adopts the previous session's besluitenlijst."""

    form_class = AdoptForm
    form_name = "adopt_form"
    success_message = _("De besluitenlijst van de vorige bijeenkomst is vastgesteld.")
    anchor = "vorige-besluitenlijst"

    def perform(self, session, form):
        previous = kernteam_selectors.session_previous(session=session)
        if previous is None:
            raise ValidationError(_("Er is geen eerdere bijeenkomst."))
        return services.decision_list_adopt(
            user=self.request.user,
            session_uuid=previous.uuid,
            in_session_uuid=session.uuid,
            confirmed=form.cleaned_data["confirmed"],
            request=self.request,
        )


class SessionPhaseView(RunnerPostView):
    form_class = PhaseForm
    form_name = "phase_form"
    success_message = _("De fase van de casus is vastgelegd.")
    anchor = "fase"

    def perform(self, session, form):
        return kernteam_services.case_set_phase(
            user=self.request.user,
            case_uuid=session.case.uuid,
            phase=form.cleaned_data["phase"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            request=self.request,
        )


class SessionCloseCaseView(RunnerPostView):
    form_class = CloseCaseForm
    form_name = "close_form"
    success_message = _("De casus is gesloten. De evaluatie blijft vindbaar bij de casus.")
    anchor = "casus-sluiten"

    def perform(self, session, form):
        return kernteam_services.session_close_case(
            user=self.request.user,
            session_uuid=session.uuid,
            evaluation=form.cleaned_data["evaluation"],
            expected_version=form.cleaned_data["version"],
            request=self.request,
        )


class NextSessionView(RunnerPostView):
    """Afspraken vervolgsessie: plan the next session; the chair keeps or changes who is
    invited (the form shows today's members ticked)."""

    form_class = NextSessionForm
    form_name = "next_session_form"
    success_message = _("De volgende bijeenkomst is gepland; de uitnodigingen worden verstuurd.")
    anchor = "volgende"

    def get_form(self, session):
        return NextSessionForm(
            self.request.POST, candidates=kernteam_selectors.session_invitable_users()
        )

    def perform(self, session, form):
        data = form.cleaned_data
        # Without the participants part (an older page), the same people are invited.
        chosen = "deelnemers_gekozen" in self.request.POST
        return kernteam_services.session_convene_follow_up(
            user=self.request.user,
            session_uuid=session.uuid,
            kind=data["kind"],
            starts_at=data["starts_at"],
            location=data["location"],
            agenda=data["agenda"],
            members=list(data["members"]) if chosen else None,
            invite_guests=data["invite_guests"] if chosen else True,
            request=self.request,
        )


class SignalLinkForm(forms.Form):
    signal = forms.UUIDField()


class NewSignalLinkView(RunnerPostView):
    """ "Wat is er nieuw?": link a new signal to the case, to cite it in a decision."""

    form_class = SignalLinkForm
    form_name = "signal_link_form"
    success_message = _(
        "Het signaal is aan de casus gekoppeld en kan nu bij een besluit worden genoemd."
    )
    anchor = "nieuw-kop"

    def perform(self, session, form):
        return kernteam_services.session_link_signal(
            user=self.request.user,
            session_uuid=session.uuid,
            signal_uuid=form.cleaned_data["signal"],
            request=self.request,
        )


class AddMemberView(RunnerPostView):
    """Widen the kernteam in the meeting: one more person at the table, invited at once."""

    form_name = "add_member_form"
    success_message = _("Uitgenodigd; de uitnodiging wordt verstuurd.")
    anchor = "uitbreiden"

    def get_form(self, session):
        return AddMemberForm(
            self.request.POST, candidates=kernteam_selectors.session_invitable_users()
        )

    def perform(self, session, form):
        return kernteam_services.session_add_member(
            user=self.request.user,
            session_uuid=session.uuid,
            member=form.cleaned_data["member"],
            request=self.request,
        )


class AddGuestView(RunnerPostView):
    """Widen the kernteam in the meeting with a derde (no account)."""

    form_name = "add_guest_form"
    success_message = _("De derde is uitgenodigd.")
    anchor = "uitbreiden"

    def get_form(self, session):
        return AddGuestForm(self.request.POST, auto_id="derde_%s")

    def perform(self, session, form):
        return kernteam_services.session_add_guest(
            user=self.request.user,
            session_uuid=session.uuid,
            request=self.request,
            **form.cleaned_data,
        )
