"""The runner's communication blocks (registered with bob.runner_blocks and, for the
verslag, bob.minutes_blocks): the plan in the first session's communication step, the
feedback in a follow-up (the plan, what went out since the previous session, a judgement
per goal and target group), and every judgement in the closing session. Their forms post
here; on bad input the runner comes back with the typed text, in the same step."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import View

from bob import minutes_blocks, runner_blocks
from bob.permissions import SESSION_READ_ROLES, can_run_session
from bob.views.runner import SessionRunView, runner_context, runner_url
from communicatie import selectors, services
from communicatie.documents import judgement_rows, message_rows
from communicatie.forms.plan import PlanForm
from communicatie.forms.runner import JudgementsForm
from kernteam import selectors as kernteam_selectors
from samos.accounts.permissions import RoleRequiredMixin, record_denied
from samos.core.forms import add_service_errors


def _plan_form(plan, data=None):
    return PlanForm(
        target_groups=selectors.active_target_groups(), plan=plan, data=data, prefix="plan"
    )


def _since_previous(session):
    previous = kernteam_selectors.session_previous(session=session)
    start = previous.starts_at if previous else session.case.opened_at
    return previous, start


def _went_out_since(session) -> list:
    previous, start = _since_previous(session)
    return selectors.messages_went_out_between(
        case=session.case, start=start, end=max(timezone.now(), session.starts_at)
    )


def _by_target_group(plan, messages) -> list[dict]:
    """The plan's target groups, each with the messages that reached it."""
    groups = list(plan.groups.all()) if plan else []
    rows = [
        {"group": g, "messages": [m for m in messages if g.target_group in m.target_groups.all()]}
        for g in groups
    ]
    in_plan = {g.target_group_id for g in groups}
    others = [m for m in messages if not any(t.pk in in_plan for t in m.target_groups.all())]
    return rows + ([{"group": None, "messages": others}] if others else [])


# --- runner blocks ---------------------------------------------------------------------


def plan_block(request: runner_blocks.BlockRequest) -> dict:
    plan = services.plan_for_case(case=request.case)
    return {
        "communication_plan": plan,
        "plan_form": request.form("plan_form", lambda: _plan_form(plan)),
    }


def feedback_block(request: runner_blocks.BlockRequest) -> dict:
    plan = selectors.plan_of(case=request.case)
    went_out = _went_out_since(request.session)
    existing = selectors.judgements_for_session(session=request.session)
    return {
        "communication_plan": plan,
        "communication_went_out": _by_target_group(plan, went_out),
        "communication_went_out_count": len(went_out),
        "communication_previous": _since_previous(request.session)[0],
        "judgements_form": request.form(
            "judgements_form",
            lambda: JudgementsForm(plan=plan, existing=existing, prefix="oordeel"),
        ),
    }


def judgements_block(request: runner_blocks.BlockRequest) -> dict:
    return {"communication_judgements": selectors.judgements_for_case(case=request.case)}


# --- the verslag ---------------------------------------------------------------------


def _plan_minutes(session, reader):
    plan = selectors.plan_of(case=session.case)
    if plan is None or not plan.version:
        return None
    return {"plan": services.plan_snapshot(plan), "version": plan.version}


def _feedback_minutes(session, reader):
    judgements = judgement_rows(selectors.judgements_for_session(session=session))
    went_out = message_rows(_went_out_since(session))
    if not judgements and not went_out:
        return None
    return {"judgements": judgements, "messages": went_out}


def _judgements_minutes(session, reader):
    rows = [
        j
        for j in selectors.judgements_for_case(case=session.case)
        if j.session.starts_at <= session.starts_at
    ]
    return {"judgements": judgement_rows(rows)} if rows else None


def register_runner_blocks() -> None:
    """Called from CommunicatieConfig.ready()."""
    for key, context in (
        ("communication_plan", plan_block),
        ("communication_feedback", feedback_block),
        ("communication_judgements", judgements_block),
    ):
        runner_blocks.register(
            runner_blocks.RunnerBlock(key, context, template=f"communicatie/blocks/_{key}.html")
        )
    for key, content in (
        ("communication_plan", _plan_minutes),
        ("communication_feedback", _feedback_minutes),
        ("communication_judgements", _judgements_minutes),
    ):
        minutes_blocks.register(
            minutes_blocks.MinutesBlock(key, content, template=f"pdf/minutes_blocks/_{key}.html")
        )


# --- posts from the runner -------------------------------------------------------------


class _RunnerPost(RoleRequiredMixin, View):
    allowed_roles = SESSION_READ_ROLES
    http_method_names = ["post"]
    form_name = ""

    def post(self, request, uuid):
        session = kernteam_selectors.session_get_for(user=request.user, uuid=uuid)
        if not can_run_session(request.user, session):
            record_denied(request, reason="bijeenkomst")
            raise PermissionDenied
        step_key = request.POST.get("stap") or session.current_step
        form = self.make_form(session, request.POST)
        if form.is_valid():
            try:
                message = self.perform(session, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flash.success(request, message)
                return redirect(runner_url(session, step_key, anchor=self.anchor))
        context = runner_context(request, session, step_key=step_key, forms={self.form_name: form})
        return render(request, SessionRunView.template_name, context)


class RunnerPlanView(_RunnerPost):
    """POST /bijeenkomsten/<uuid>/communicatie/plan/."""

    form_name, anchor = "plan_form", "communicatieplan"

    def make_form(self, session, data):
        return _plan_form(services.plan_for_case(case=session.case), data)

    def perform(self, session, form):
        services.plan_update(
            actor=self.request.user,
            case=session.case,
            expected_version=form.cleaned_data["version"],
            values=form.values(),
            groups=form.group_entries(),
            session=session,
            runner=True,
        )
        return _("Het communicatieplan is opgeslagen.")


class RunnerJudgementsView(_RunnerPost):
    """POST /bijeenkomsten/<uuid>/communicatie/oordelen/."""

    form_name, anchor = "judgements_form", "communicatie-oordelen"

    def make_form(self, session, data):
        plan = selectors.plan_of(case=session.case)
        return JudgementsForm(
            plan=plan,
            existing=selectors.judgements_for_session(session=session),
            data=data,
            prefix="oordeel",
        )

    def perform(self, session, form):
        services.judgements_record(actor=self.request.user, session=session, entries=form.entries())
        return _("De oordelen over de communicatie zijn vastgelegd.")
