"""The session runner: the werkprotocol of the session's kind as steps on one page."""

from django.views.generic import TemplateView

from bob import protocol
from bob.permissions import SESSION_READ_ROLES, can_chair_session, can_run_session
from kernteam import selectors as kernteam_selectors
from samos.accounts.permissions import RoleRequiredMixin


class SessionRunView(RoleRequiredMixin, TemplateView):
    """GET /bijeenkomsten/<uuid>/?stap=<key>: the step, the progress, and the blocks."""

    allowed_roles = SESSION_READ_ROLES
    template_name = "bob/session_run.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        session = kernteam_selectors.session_get_for(user=user, uuid=self.kwargs["uuid"])
        steps = protocol.steps_for(session.kind)
        wanted = self.request.GET.get("stap") or session.current_step
        step = protocol.step_for(session.kind, wanted) if wanted else None
        step = step or steps[0]
        return super().get_context_data(
            session=session,
            case=session.case,
            steps=steps,
            step=step,
            step_number=steps.index(step) + 1,
            can_run=can_run_session(user, session),
            can_chair=can_chair_session(user, session),
            **kwargs,
        )
