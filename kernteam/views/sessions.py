"""Views around a session: convene it, prepare for it, record attendance, invite derden.

The session's own page is the runner (bob:session_run); the forms for attendance and
derden are partials the runner includes, posting here and returning to `next`.
"""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from kernteam import selectors, services
from kernteam.forms import AddGuestForm, ConveneForm, PreparationForm
from kernteam.permissions import (
    CONVENE_ROLES,
    SESSION_READ_ROLES,
    can_invite_guests,
    can_prepare,
)
from kernteam.services.preparations import PREPARATION_OPEN_STATUSES
from kernteam.workflow import SessionKind
from samos.accounts.permissions import RoleRequiredMixin, record_denied
from samos.core.forms import add_service_errors
from samos.core.links import safe_next_url
from samos.core.locking import StaleVersion


def _safe_next(request, fallback: str) -> str:
    """The `next` parameter when it points into SAMOS itself, else FALLBACK."""
    return safe_next_url(request, fallback)


class SessionMixin:
    """The session of the URL, as the user may see it (404 otherwise)."""

    @cached_property
    def session(self):
        return selectors.session_get_for(user=self.request.user, uuid=self.kwargs["uuid"])


class SessionConveneView(RoleRequiredMixin, FormView):
    """GET/POST /casussen/<uuid>/bijeenroepen/: convene the kernteam about a case."""

    allowed_roles = CONVENE_ROLES
    form_class = ConveneForm
    template_name = "kernteam/session_convene.html"

    @cached_property
    def case(self):
        return selectors.case_get_for(user=self.request.user, uuid=self.kwargs["uuid"])

    def get(self, request, *args, **kwargs):
        if not self.case.is_open:
            return self._closed()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.case.is_open:
            return self._closed()
        return super().post(request, *args, **kwargs)

    def _closed(self):
        messages.error(
            self.request,
            _("De casus is gesloten; het kernteam kan niet meer worden bijeengeroepen."),
        )
        return redirect(self.case.get_absolute_url())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "people": selectors.session_invitable_users()}

    def get_initial(self):
        chair, secretary = selectors.kernteam_officers()
        has_eerste = selectors.session_has_eerste(case=self.case)
        return {
            "kind": SessionKind.VERVOLG if has_eerste else SessionKind.EERSTE,
            "chair": chair.pk if chair else None,
            "secretary": secretary.pk if secretary else None,
            # A besloten case: nobody is invited by default; the convener chooses who
            # needs to know.
            "members": [] if self.case.is_confidential else selectors.kernteam_member_user_ids(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.case, **kwargs)

    def form_valid(self, form):
        try:
            session = services.session_convene(
                user=self.request.user,
                case_uuid=self.case.uuid,
                request=self.request,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "starts_at" in error.error_dict:
                # The form asks for the moment as a date and a time.
                error.error_dict["date"] = error.error_dict.pop("starts_at")
            add_service_errors(form, error)
            return self.form_invalid(form)
        self.convened(session)
        messages.success(
            self.request, _("De bijeenkomst is bijeengeroepen; de uitnodigingen worden verstuurd.")
        )
        return redirect(session.get_absolute_url())

    def convened(self, session) -> None:
        """After convening: a subclass records what the session came from."""


class SessionPrepareView(RoleRequiredMixin, SessionMixin, FormView):
    """GET/POST /bijeenkomsten/<uuid>/voorbereiding/: an invited member's own preparation.

    Anyone not invited gets 404: they need not learn the session exists.
    """

    allowed_roles = SESSION_READ_ROLES
    form_class = PreparationForm
    template_name = "kernteam/session_prepare.html"

    def _check_invited(self):
        if not can_prepare(self.request.user, self.session):
            record_denied(self.request, reason="niet uitgenodigd")
            raise Http404

    def get(self, request, *args, **kwargs):
        self._check_invited()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._check_invited()
        if not self.editable:
            messages.error(request, self._closed_message())
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    @cached_property
    def preparation(self):
        return selectors.preparation_get_for_author(session=self.session, user=self.request.user)

    @property
    def editable(self) -> bool:
        return self.session.status in PREPARATION_OPEN_STATUSES

    def _closed_message(self):
        return _(
            "De bijeenkomst is %(status)s; de voorbereiding kan niet meer worden gewijzigd."
        ) % {"status": self.session.get_status_display().lower()}

    def get_initial(self):
        preparation = self.preparation
        if preparation is None:
            return {"version": 0}
        return {
            "version": preparation.version,
            **{field: getattr(preparation, field) for field in preparation.TEXT_FIELDS},
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session,
            case=self.session.case,
            preparation=self.preparation,
            answer_sections=selectors.preparation_answer_sections(self.preparation),
            editable=self.editable,
            closed_message="" if self.editable else self._closed_message(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.preparation_save(
                user=self.request.user,
                session_uuid=self.session.uuid,
                expected_version=form.cleaned_data.get("version"),
                request=self.request,
                **form.answers(),
            )
        except StaleVersion as error:
            # Keep the typed text; the form now carries the saved version, so a second
            # save is a deliberate overwrite. The saved text is shown next to it.
            self.__dict__.pop("preparation", None)
            data = self.request.POST.copy()
            data["version"] = self.preparation.version if self.preparation else 0
            form = self.get_form_class()(data=data)
            form.is_valid()
            add_service_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form, stale=True))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Uw voorbereiding is opgeslagen."))
        return redirect(self.request.path)


ATTENDANCE_FIELD_PREFIX = "aanwezigheid-"


def attendance_from_post(data) -> dict[str, str]:
    """``{attendee uuid: status}`` from the fields ``aanwezigheid-<uuid>`` of the form."""
    return {
        key.removeprefix(ATTENDANCE_FIELD_PREFIX): data.get(key, "")
        for key in data
        if key.startswith(ATTENDANCE_FIELD_PREFIX)
    }


class SessionAttendanceView(RoleRequiredMixin, SessionMixin, View):
    """POST /bijeenkomsten/<uuid>/aanwezigheid/: who was present (the runner's partial)."""

    allowed_roles = SESSION_READ_ROLES
    http_method_names = ["post"]

    def post(self, request, uuid):
        session = self.session
        try:
            services.attendance_record(
                user=request.user,
                session_uuid=session.uuid,
                attendance=attendance_from_post(request.POST),
                request=request,
            )
        except PermissionDenied:
            record_denied(request, reason="aanwezigheid")
            raise
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("De aanwezigheid is vastgelegd."))
        return redirect(_safe_next(request, session.get_absolute_url()))


class SessionAddGuestView(RoleRequiredMixin, SessionMixin, FormView):
    """GET/POST /bijeenkomsten/<uuid>/derden/: invite a derde; errors show on a page of
    their own with the typed text kept, success returns to `next`."""

    allowed_roles = SESSION_READ_ROLES
    form_class = AddGuestForm
    template_name = "kernteam/session_add_guest.html"

    def _check_allowed(self):
        if not can_invite_guests(self.request.user, self.session):
            record_denied(self.request, reason="derden uitnodigen")
            raise PermissionDenied

    def get(self, request, *args, **kwargs):
        self._check_allowed()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._check_allowed()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session,
            case=self.session.case,
            next_url=_safe_next(self.request, self.session.get_absolute_url()),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            attendee = services.session_add_guest(
                user=self.request.user,
                session_uuid=self.session.uuid,
                request=self.request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if attendee.guest_email:
            message = _("%(name)s is uitgenodigd; de uitnodiging wordt verstuurd.")
        else:
            message = _("%(name)s staat op de lijst van deelnemers (zonder e-mailadres).")
        messages.success(self.request, message % {"name": attendee.guest_name})
        return redirect(_safe_next(self.request, self.session.get_absolute_url()))
