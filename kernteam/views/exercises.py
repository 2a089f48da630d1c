"""The exercise page at /casussen/<uuid>/oefening/: the form of the exercise, the
facilitator's material (fictitious signals, injects, the given beeld and oordeel) and the
exercise's own evaluation. Each form posts to its own view; on bad input the page comes
back with the typed text and the messages at the top and next to the fields."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import View

from kernteam import exercises, selectors
from kernteam.exercise_forms import (
    EvaluationForm,
    ExerciseFormChoiceForm,
    ExerciseSignalForm,
    GivenForm,
    InjectForm,
)
from kernteam.permissions import CASE_EDIT_ROLES, CASE_READ_ROLES
from samos.accounts.permissions import RoleRequiredMixin, record_denied
from samos.core.forms import add_service_errors
from signals.forms import grouped_area_choices

TEMPLATE = "kernteam/exercise_detail.html"


def _exercise_case(request, uuid):
    case = selectors.case_get_for(user=request.user, uuid=uuid)
    if not case.is_exercise:
        raise Http404
    return case


def _signal_form(data=None):
    form = ExerciseSignalForm(data, prefix="signaal")
    form.fields["area"].choices = grouped_area_choices()
    return form


def exercise_context(request, case, forms=None) -> dict:
    forms = forms or {}
    user = request.user
    exercise = exercises.exercise_of(case=case)
    facilitate = exercises.can_facilitate(user, exercise) and case.is_open
    shown_injects = []
    if exercise is not None and facilitate:
        shown_injects = exercises.injects_of(exercise=exercise)
    context = {
        "case": case,
        "exercise": exercise,
        "form_hint": exercises.FORM_HINTS.get(exercise.form, "") if exercise else "",
        "can_facilitate": facilitate,
        "can_evaluate": exercises.can_evaluate(user, exercise)
        and not (exercise and exercise.is_evaluated),
        "exercise_signals": list(exercises.exercise_signals_for(user=user, case=case)),
        "injects": shown_injects,
        "sessions": list(selectors.session_list_for_case(user=user, case=case)),
    }
    if facilitate:
        context["choice_form"] = forms.get("choice_form") or ExerciseFormChoiceForm(
            initial={"exercise_form": exercise.form if exercise else ""}, prefix="vorm"
        )
        if exercise is not None:
            context["signal_form"] = forms.get("signal_form") or _signal_form()
            context["inject_form"] = forms.get("inject_form") or InjectForm(prefix="inject")
            context["given_form"] = forms.get("given_form") or GivenForm(
                instance=exercise, prefix="gegeven"
            )
    if context["can_evaluate"]:
        context["evaluation_form"] = forms.get("evaluation_form") or EvaluationForm(
            prefix="evaluatie"
        )
    return context


class ExerciseDetailView(RoleRequiredMixin, View):
    allowed_roles = CASE_READ_ROLES

    def get(self, request, uuid):
        case = _exercise_case(request, uuid)
        return render(request, TEMPLATE, exercise_context(request, case))


class _ExercisePost(RoleRequiredMixin, View):
    """Validate one form, call one service, back to the exercise page (or the runner)."""

    allowed_roles = CASE_EDIT_ROLES
    http_method_names = ["post"]
    form_name = ""
    success_message = ""
    anchor = ""

    def make_form(self, case):  # pragma: no cover - every subclass implements it
        raise NotImplementedError

    def perform(self, case, form):  # pragma: no cover
        raise NotImplementedError

    def post(self, request, uuid, **kwargs):
        self.kwargs = {"uuid": uuid, **kwargs}
        case = _exercise_case(request, uuid)
        form = self.make_form(case)
        if form.is_valid():
            try:
                self.perform(case, form)
            except PermissionDenied:
                record_denied(request, reason="oefening")
                raise
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.success_message)
                url = reverse("kernteam:exercise_detail", kwargs={"uuid": case.uuid})
                return redirect(f"{url}#{self.anchor}" if self.anchor else url)
        return render(
            request, TEMPLATE, exercise_context(request, case, forms={self.form_name: form})
        )


class ExerciseSetFormView(_ExercisePost):
    form_name = "choice_form"
    success_message = _("De oefenvorm is vastgelegd.")
    anchor = "oefenvorm"

    def make_form(self, case):
        return ExerciseFormChoiceForm(self.request.POST, prefix="vorm")

    def perform(self, case, form):
        exercises.exercise_set_form(
            user=self.request.user,
            case_uuid=case.uuid,
            form=form.cleaned_data["exercise_form"],
            request=self.request,
        )


class ExerciseSignalAddView(_ExercisePost):
    form_name = "signal_form"
    success_message = _("Het oefensignaal is toegevoegd. Het telt nergens mee.")
    anchor = "oefensignalen"

    def make_form(self, case):
        return _signal_form(self.request.POST)

    def perform(self, case, form):
        exercises.exercise_signal_add(
            user=self.request.user, case_uuid=case.uuid, request=self.request, **form.cleaned_data
        )


class ExerciseInjectAddView(_ExercisePost):
    form_name = "inject_form"
    success_message = _("De inject staat klaar.")
    anchor = "injects"

    def make_form(self, case):
        return InjectForm(self.request.POST, prefix="inject")

    def perform(self, case, form):
        exercises.exercise_inject_add(
            user=self.request.user, case_uuid=case.uuid, request=self.request, **form.cleaned_data
        )


class ExerciseGivenView(_ExercisePost):
    form_name = "given_form"
    success_message = _("Het gegeven beeld en oordeel zijn opgeslagen.")
    anchor = "gegeven"

    def make_form(self, case):
        return GivenForm(self.request.POST, prefix="gegeven")

    def perform(self, case, form):
        exercises.exercise_given_save(
            user=self.request.user,
            case_uuid=case.uuid,
            data=form.cleaned_data,
            request=self.request,
        )


class ExerciseEvaluateView(_ExercisePost):
    form_name = "evaluation_form"
    success_message = _("De evaluatie van de oefening is vastgelegd; de oefening is afgesloten.")
    anchor = "evaluatie"

    def make_form(self, case):
        return EvaluationForm(self.request.POST, prefix="evaluatie")

    def perform(self, case, form):
        exercises.exercise_evaluate(
            user=self.request.user, case_uuid=case.uuid, request=self.request, **form.cleaned_data
        )


class ExerciseInjectReleaseView(RoleRequiredMixin, View):
    """POST: "Nu tonen". Back to the runner of the session named in `bijeenkomst`, when
    the facilitator pressed it there, or else to the exercise page."""

    allowed_roles = CASE_EDIT_ROLES
    http_method_names = ["post"]

    def post(self, request, uuid, inject_uuid):
        case = _exercise_case(request, uuid)
        try:
            exercises.exercise_inject_release(
                user=request.user, case_uuid=case.uuid, inject_uuid=inject_uuid, request=request
            )
        except PermissionDenied:
            record_denied(request, reason="oefening")
            raise
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("De inject is nu zichtbaar in de bijeenkomst."))
        session_uuid = request.POST.get("bijeenkomst", "")
        session = next(
            (
                s
                for s in selectors.session_list_for_case(user=request.user, case=case)
                if str(s.uuid) == session_uuid
            ),
            None,
        )
        if session is not None:
            return redirect(f"{session.get_absolute_url()}?stap={session.current_step}#injects")
        return redirect(
            reverse("kernteam:exercise_detail", kwargs={"uuid": case.uuid}) + "#injects"
        )
