"""The burgemeester's approval queue (/communicatie/goedkeuren/) and its start-page panel:
what waits, oldest first, approved or sent back with a comment in one step."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import View

from communicatie import selectors, services
from communicatie.forms.approvals import DecideForm
from communicatie.permissions import APPROVER_ROLES, PLAN_READ_ROLES, can_approve_any
from samos.accounts.permissions import RoleRequiredMixin, record_denied
from samos.core import dashboard
from samos.core.forms import add_service_errors

# The start page shows the oldest few; the queue shows them all.
PANEL_ROWS = 3


def _form_id(message) -> str:
    # One page holds a form per message: ids must not collide.
    return f"beslis-{message.uuid}-%s"


def _with_forms(messages, *, next_url, bound=None):
    """Give each message its decide form; BOUND = (pk, form) keeps a failed one as typed."""
    for message in messages:
        if bound is not None and bound[0] == message.pk:
            message.decide_form = bound[1]
        else:
            message.decide_form = DecideForm(
                initial={"version": message.version, "next": next_url},
                auto_id=_form_id(message),
            )
    return messages


def approval_panel_context(request) -> dict:
    """The start page's "Wacht op uw goedkeuring": the count and the oldest few."""
    waiting = selectors.approval_queue_for(user=request.user)
    return {
        "approval_count": waiting.count(),
        "approval_messages": _with_forms(
            list(waiting[:PANEL_ROWS]), next_url=reverse("core:dashboard")
        ),
    }


def register_approval_panel() -> None:
    """Called from CommunicatieConfig.ready(). Only the burgemeester gets the panel; a
    mandated person finds their queue through the overview."""
    dashboard.register(
        dashboard.Panel(
            template="communicatie/partials/_panel_approvals.html",
            roles=APPROVER_ROLES,
            order=15,
            context=approval_panel_context,
        )
    )


class _ApproverMixin(RoleRequiredMixin):
    """The mayor, or whoever is mandated in some plan (a mandate is not a role: the role
    check lets every reader of communication through, then the mandate decides)."""

    allowed_roles = PLAN_READ_ROLES
    # Read by the URL × role walk: for these roles the page opens only with a mandate.
    narrowed_by = "a mandate to approve in some communication plan"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_approve_any(request.user):
            record_denied(request, reason="goedkeuren")
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _render_queue(request, *, bound=None, failed=None):
    """The queue; FAILED (a form) is a decision that failed on a message that no longer
    waits, so it has no place of its own on the page: its errors go on top."""
    waiting = list(selectors.approval_queue_for(user=request.user))
    _with_forms(waiting, next_url=reverse("communicatie:approvals"), bound=bound)
    bound_message = next((m for m in waiting if bound and m.pk == bound[0]), None)
    return render(
        request,
        ApprovalListView.template_name,
        {"waiting": waiting, "bound_message": bound_message, "failed_form": failed},
    )


class ApprovalListView(_ApproverMixin, View):
    """GET /communicatie/goedkeuren/."""

    template_name = "communicatie/approval_list.html"

    def get(self, request):
        return _render_queue(request)


def _safe_next(request, value: str) -> str:
    """Back to where the decision was taken: the queue or the start page, nothing else."""
    allowed = {reverse("communicatie:approvals"), reverse("core:dashboard")}
    if value in allowed and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("communicatie:approvals")


class MessageDecideView(_ApproverMixin, View):
    """POST /communicatie/uitingen/<uuid>/beslissen/: approve or send back, in one step.
    On an error the queue comes back with the message next to this message's form and
    the comment as typed."""

    http_method_names = ["post"]

    def post(self, request, uuid):
        message = selectors.message_get_for(user=request.user, uuid=uuid)
        form = DecideForm(request.POST, auto_id=_form_id(message))
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == "approve":
                    services.message_approve(
                        actor=request.user,
                        message=message,
                        expected_version=data["version"],
                        comment=data["comment"],
                    )
                    success = _("De uiting is goedgekeurd. De tekst ligt nu vast.")
                else:
                    services.message_send_back(
                        actor=request.user,
                        message=message,
                        expected_version=data["version"],
                        comment=data["comment"],
                    )
                    success = _("De uiting is teruggestuurd met uw opmerking.")
            except PermissionDenied:
                record_denied(request, reason="goedkeuren")
                raise
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flash.success(request, success)
                return redirect(_safe_next(request, data.get("next") or ""))
        # Decide again on what the page shows now: the form carries the current version,
        # so a stale decision is not refused a second time once the user has looked.
        fresh = selectors.message_get_for(user=request.user, uuid=uuid)
        form.data = form.data.copy()
        form.data["version"] = fresh.version
        form.data["next"] = reverse("communicatie:approvals")
        return _render_queue(request, bound=(message.pk, form), failed=form)
