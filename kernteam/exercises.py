"""Exercises (oefeningen): every read and write of exercise material, in one place.

Fictitious signals are Signal rows marked is_exercise (signals.services creates them;
signals.selectors keeps them out of every real list, count and export). They are linked
to their exercise case like real signals; reading a case's signals goes through
`case_signals_visible_for`, which adds the case's own exercise material, never another's.
Linking a real signal to an exercise changes nothing about it (kernteam.services.cases).
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from samos.accounts.roles import Role
from samos.audit.services import audit_record
from signals import selectors as signal_selectors
from signals import services as signal_services

from .exercise_models import Exercise, ExerciseForm, ExerciseInject
from .models import Case, CaseSignal
from .permissions import can_edit_cases

# What each form asks of the facilitator (Handreiking, "Oefening"), shown on the page.
FORM_HINTS = {
    ExerciseForm.KERNTEAM: _lazy(
        "Centraal staan de samenwerking en communicatie tussen de vaste kernteamleden en het "
        "volgen van het werkprotocol. Advies: oefen eerst een- of tweemaal alleen met het "
        "kernteam."
    ),
    ExerciseForm.BEELD_OORDEEL: _lazy(
        "Zorg voor genoeg fictieve signalen voor een zo volledig mogelijk beeld; het kernteam "
        "vormt daarna zijn oordeel met scenario's (als …, dan …)."
    ),
    ExerciseForm.BESLUITVORMING: _lazy(
        "Beeld en oordeel zijn gegeven: vul ze hieronder in. De bijeenkomst begint met die "
        "stappen ingevuld en richt zich op de besluiten."
    ),
    ExerciseForm.EEN_EXTERNE: _lazy(
        "Nodig bij het bijeenroepen één externe partij (bijvoorbeeld een school) uit als "
        "derde; ook zij krijgt een uitnodiging waarin OEFENING staat."
    ),
    ExerciseForm.MEERDERE_EXTERNEN: _lazy(
        "Nodig bij het bijeenroepen externe betrokkenen uit verschillende sectoren uit als "
        "derden (bijvoorbeeld een school, het jongerenwerk en een bewonersorganisatie)."
    ),
    ExerciseForm.CRISIS: _lazy(
        "Breng met injects een chronologie aan, zodat het kernteam op enig moment moet "
        "overschakelen naar de crisisbeheersing of de nazorg volgens het GGD-protocol."
    ),
}

# An exercise session rarely lasts longer than a working day.
MAX_OFFSET_MINUTES = 24 * 60
_TEXT_MAX = 4000


# --- permissions ---------------------------------------------------------------------


def can_facilitate(user, exercise: Exercise | None) -> bool:
    """The facilitator (oefenleider) prepares the material: who set the exercise up, or a
    coördinator; both must be allowed to edit cases. Participants do not see the injects
    before they come in."""
    if not can_edit_cases(user):
        return False
    if exercise is None:
        return True
    return exercise.facilitator_id == user.pk or user.has_role(Role.COORDINATOR)


def can_evaluate(user, exercise: Exercise | None) -> bool:
    """Everyone at the kernteam table who may edit the case writes the evaluation."""
    return exercise is not None and can_edit_cases(user)


# --- selectors -----------------------------------------------------------------------


def exercise_of(*, case: Case) -> Exercise | None:
    if not case.is_exercise:
        return None
    return Exercise.objects.filter(case=case).select_related("facilitator", "evaluated_by").first()


def _exercise_signal_ids(case: Case) -> QuerySet:
    return CaseSignal.objects.filter(case=case, signal__is_exercise=True).values("signal_id")


def case_signals_visible_for(*, user, case: Case) -> QuerySet:
    """The signals USER may see or cite in CASE: real signals, and in an exercise also that
    exercise's own fictitious signals (never those of another exercise)."""
    if not case.is_exercise:
        return signal_selectors.signal_list_visible_for(user=user)
    return signal_selectors.signal_list_visible_for(user=user, include_exercise=True).filter(
        Q(is_exercise=False) | Q(pk__in=_exercise_signal_ids(case))
    )


def exercise_signals_for(*, user, case: Case) -> QuerySet:
    """The fictitious signals of one exercise case that USER may see."""
    if not case.is_exercise:
        return signal_selectors.signal_list_visible_for(user=user).none()
    return (
        signal_selectors.exercise_signal_list_for(user=user, signal_ids=_exercise_signal_ids(case))
        .select_related("area")
        .order_by("observed_at", "id")
    )


def injects_of(*, exercise: Exercise) -> list[ExerciseInject]:
    return list(exercise.injects.all())


def inject_moment(inject: ExerciseInject, session) -> object:
    """When INJECT comes in during SESSION: by hand (released_at), or its offset after the
    session's start; None while the session has not started and nobody released it."""
    moments = []
    if inject.released_at is not None:
        moments.append(inject.released_at)
    if inject.offset_minutes is not None and session.started_at is not None:
        moments.append(session.started_at + timedelta(minutes=inject.offset_minutes))
    return min(moments) if moments else None


def injects_for_session(*, session, now=None) -> tuple[list, list]:
    """(the injects that came in, oldest first, each with `moment`; the ones still to
    come) of the exercise SESSION belongs to. Both empty for a real case."""
    exercise = exercise_of(case=session.case)
    if exercise is None:
        return [], []
    now = now or timezone.now()
    shown, pending = [], []
    for inject in injects_of(exercise=exercise):
        inject.moment = inject_moment(inject, session)
        (shown if inject.moment is not None and inject.moment <= now else pending).append(inject)
    shown.sort(key=lambda inject: inject.moment)
    return shown, pending


def exercise_lessons_q(word: str) -> Q:
    """Matches closed exercises whose own evaluation mentions WORD (for the lessons
    search of kernteam.selectors)."""
    return (
        Q(exercise__evaluation_cooperation__icontains=word)
        | Q(exercise__evaluation_protocol__icontains=word)
        | Q(exercise__evaluation_improvements__icontains=word)
    )


# --- services ------------------------------------------------------------------------


def _locked_exercise(case: Case) -> Exercise:
    exercise = Exercise.objects.select_for_update().filter(case=case).first()
    if exercise is None:
        raise Http404
    return exercise


def _visible_case(user, case_uuid) -> Case:
    from .selectors import case_get_for  # selectors → models; avoid an import cycle

    case = case_get_for(user=user, uuid=case_uuid)
    if not case.is_exercise:
        raise Http404
    return case


def _material(user, case_uuid) -> tuple[Case, Exercise]:
    """The open exercise case and its exercise, locked, for its facilitator."""
    case = _visible_case(user, case_uuid)
    exercise = _locked_exercise(case)
    if not can_facilitate(user, exercise):
        raise PermissionDenied
    if not case.is_open:
        raise ValidationError(_("Deze oefening is afgesloten; het materiaal ligt vast."))
    return case, exercise


def _check_form(form: str) -> None:
    if form not in ExerciseForm.values:
        raise ValidationError({"exercise_form": _("Kies een van de zes oefenvormen.")})


@transaction.atomic
def exercise_create(*, user, case: Case, form: str, request=None) -> Exercise:
    """The exercise side of a case opened as an exercise; USER is its facilitator."""
    if not can_edit_cases(user):
        raise PermissionDenied
    _check_form(form)
    exercise = Exercise.objects.create(case=case, form=form, facilitator=user)
    audit_record(
        action="oefening.ingericht", actor=user, obj=case, request=request, details={"vorm": form}
    )
    return exercise


@transaction.atomic
def exercise_set_form(*, user, case_uuid, form: str, request=None) -> Exercise:
    """Choose (or change) the form of an exercise case; an exercise case opened before
    forms existed gets its exercise side here, with USER as facilitator."""
    case = _visible_case(user, case_uuid)
    exercise = Exercise.objects.select_for_update().filter(case=case).first()
    if not can_facilitate(user, exercise):
        raise PermissionDenied
    if exercise is None:
        return exercise_create(user=user, case=case, form=form, request=request)
    _check_form(form)
    if exercise.form != form:
        exercise.form = form
        exercise.version += 1
        exercise.save(update_fields=["form", "version"])
        audit_record(
            action="oefening.vorm_gewijzigd",
            actor=user,
            obj=case,
            request=request,
            details={"vorm": form},
        )
    return exercise


@transaction.atomic
def exercise_signal_add(
    *,
    user,
    case_uuid,
    observation: str,
    area,
    source_kind,
    themes=(),
    observed_at=None,
    urgency: str = "midden",
    channel: str = "offline",
    request=None,
):
    """A fictitious signal for this exercise, linked to it (never to a real case)."""
    case, exercise = _material(user, case_uuid)
    signal = signal_services.exercise_signal_create(
        author=user,
        observation=observation,
        area=area,
        source_kind=source_kind,
        themes=themes,
        observed_at=observed_at,
        urgency=urgency,
        channel=channel,
        request=request,
    )
    CaseSignal.objects.create(case=case, signal=signal, linked_by=user)
    audit_record(
        action="oefening.oefensignaal_toegevoegd",
        actor=user,
        obj=case,
        request=request,
        details={"signaal": str(signal.uuid)},
    )
    return signal


@transaction.atomic
def exercise_inject_add(
    *, user, case_uuid, text: str, offset_minutes: int | None, request=None
) -> ExerciseInject:
    """An inject for the exercise sessions: after OFFSET_MINUTES from a session's start,
    or (None) when the facilitator shows it by hand."""
    case, exercise = _material(user, case_uuid)
    errors = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Schrijf wat er binnenkomt.")
    elif len(text) > _TEXT_MAX:
        errors["text"] = _("Ten hoogste %(limit)s tekens.") % {"limit": _TEXT_MAX}
    if offset_minutes is not None and not 0 <= offset_minutes <= MAX_OFFSET_MINUTES:
        errors["offset_minutes"] = _("Kies een aantal minuten tussen 0 en %(max)s.") % {
            "max": MAX_OFFSET_MINUTES
        }
    if errors:
        raise ValidationError(errors)
    inject = ExerciseInject.objects.create(
        exercise=exercise, text=text, offset_minutes=offset_minutes, created_by=user
    )
    audit_record(
        action="oefening.inject_toegevoegd",
        actor=user,
        obj=case,
        request=request,
        details={"inject": str(inject.uuid)},
    )
    return inject


@transaction.atomic
def exercise_inject_release(*, user, case_uuid, inject_uuid, request=None) -> ExerciseInject:
    """ "Nu tonen": the inject comes in now, whatever its offset."""
    case, exercise = _material(user, case_uuid)
    inject = ExerciseInject.objects.filter(exercise=exercise, uuid=inject_uuid).first()
    if inject is None:
        raise Http404
    if inject.released_at is None:
        inject.released_at = timezone.now()
        inject.save(update_fields=["released_at"])
        audit_record(
            action="oefening.inject_getoond",
            actor=user,
            obj=case,
            request=request,
            details={"inject": str(inject.uuid)},
        )
    return inject


@transaction.atomic
def exercise_given_save(*, user, case_uuid, data: dict, request=None) -> Exercise:
    """The beeld and oordeel the besluitvorming form gives in advance."""
    case, exercise = _material(user, case_uuid)
    fields = [*Exercise.GIVEN_BEELD, *Exercise.GIVEN_OORDEEL]
    errors = {
        name: _("Ten hoogste %(limit)s tekens.") % {"limit": _TEXT_MAX}
        for name in fields
        if len(str(data.get(name) or "")) > _TEXT_MAX
    }
    if errors:
        raise ValidationError(errors)
    for name in fields:
        setattr(exercise, name, str(data.get(name) or "").strip())
    exercise.version += 1
    exercise.save(update_fields=[*fields, "version"])
    audit_record(action="oefening.beeld_oordeel_gegeven", actor=user, obj=case, request=request)
    return exercise


def _composed_evaluation(cooperation: str, protocol: str, improvements: str) -> str:
    return "\n\n".join(
        f"{label}: {text}"
        for label, text in (
            (_("Samenwerking"), cooperation),
            (_("Werkprotocol"), protocol),
            (_("Verbeterpunten"), improvements),
        )
        if text
    )


@transaction.atomic
def exercise_evaluate(
    *, user, case_uuid, cooperation: str, protocol: str, improvements: str, request=None
) -> Exercise:
    """The exercise's own evaluation: how the cooperation went, how the werkprotocol was
    handled, what to improve. An open exercise closes with it (the evaluation is its end),
    and it stays findable among the lessons like a case's evaluation."""
    from .services.cases import case_close

    case = _visible_case(user, case_uuid)
    exercise = _locked_exercise(case)
    if not can_evaluate(user, exercise):
        raise PermissionDenied
    cooperation, protocol, improvements = (
        (value or "").strip() for value in (cooperation, protocol, improvements)
    )
    errors = {}
    for name, value in (
        ("cooperation", cooperation),
        ("protocol", protocol),
        ("improvements", improvements),
    ):
        if not value:
            errors[name] = _("Vul dit deel van de evaluatie in.")
        elif len(value) > _TEXT_MAX:
            errors[name] = _("Ten hoogste %(limit)s tekens.") % {"limit": _TEXT_MAX}
    if errors:
        raise ValidationError(errors)
    exercise.evaluation_cooperation = cooperation
    exercise.evaluation_protocol = protocol
    exercise.evaluation_improvements = improvements
    exercise.evaluated_by = user
    exercise.evaluated_at = timezone.now()
    exercise.version += 1
    exercise.save(
        update_fields=[
            "evaluation_cooperation",
            "evaluation_protocol",
            "evaluation_improvements",
            "evaluated_by",
            "evaluated_at",
            "version",
        ]
    )
    audit_record(action="oefening.geevalueerd", actor=user, obj=case, request=request)
    if case.is_open:
        case_close(
            user=user,
            case_uuid=case.uuid,
            evaluation=_composed_evaluation(cooperation, protocol, improvements),
            request=request,
        )
    return exercise
