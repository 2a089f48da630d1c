"""Every write to cases: open, link signals, set the phase, close."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernteam.events import case_closed
from kernteam.models import Case, CaseSignal, PhaseChange
from kernteam.permissions import can_edit_cases, can_set_confidential
from kernteam.workflow import CaseStatus, Phase
from samos.audit.services import audit_record
from samos.core.locking import StaleVersion
from signals import selectors as signal_selectors
from signals import services as signal_services
from signals.models import Signal

__all__ = [
    "StaleVersion",
    "case_open",
    "case_link_signal",
    "case_unlink_signal",
    "case_set_phase",
    "case_close",
    "case_set_confidential",
]


def _check_version(case: Case, expected_version: int | None) -> None:
    if expected_version is not None and case.version != expected_version:
        raise StaleVersion(
            _(
                "Iemand anders heeft deze casus intussen gewijzigd. Bekijk de nieuwe stand "
                "en voer uw wijziging opnieuw in."
            ),
            code="stale",
        )


def _locked(case_uuid) -> Case:
    return Case.objects.select_for_update().get(uuid=case_uuid)


@transaction.atomic
def case_open(
    *,
    user,
    title: str,
    areas: Iterable,
    themes: Iterable = (),
    signal_uuids: Iterable = (),
    description: str = "",
    phase: str = Phase.RUST,
    is_exercise: bool = False,
    exercise_form: str = "",
    is_confidential: bool = False,
    request=None,
) -> Case:
    """Open a case, empty or from signals the user can see; those become gekoppeld.
    Who opens a besloten case takes part in it, so they keep seeing it."""
    if not can_edit_cases(user):
        raise PermissionDenied
    areas = list(areas)
    signals = [signal_selectors.signal_get_for(user=user, uuid=u) for u in signal_uuids]
    if not areas:
        areas = list({signal.area for signal in signals})
    errors = {}
    if not title.strip():
        errors["title"] = _("Geef de casus een korte titel.")
    if not areas:
        errors["areas"] = _("Kies ten minste één gebied.")
    if errors:
        raise ValidationError(errors)
    case = Case.objects.create(
        title=title.strip(),
        description=description.strip(),
        phase=phase,
        is_exercise=is_exercise,
        is_confidential=is_confidential,
        opened_by=user,
    )
    case.areas.set(areas)
    case.themes.set(themes)
    PhaseChange.objects.create(
        case=case, from_phase="", to_phase=phase, reason=_("Casus geopend"), changed_by=user
    )
    if is_exercise and exercise_form:
        from kernteam.exercises import exercise_create

        exercise_create(user=user, case=case, form=exercise_form, request=request)
    for signal in signals:
        _link(case=case, signal=signal, user=user, request=request)
    audit_record(
        action="casus.geopend",
        actor=user,
        obj=case,
        request=request,
        details={"besloten": is_confidential},
    )
    return case


def _link(*, case: Case, signal, user, request) -> None:
    if signal.is_exercise and not case.is_exercise:
        # Fictitious material never enters a real case (signal_get_for hides it anyway).
        raise ValidationError(_("Een oefensignaal kan alleen bij een oefening horen."))
    try:
        with transaction.atomic():
            CaseSignal.objects.create(case=case, signal=signal, linked_by=user)
    except IntegrityError:
        return  # already linked: nothing to do
    if not case.is_exercise:
        # An exercise reads real signals but changes nothing about them: their triage
        # status follows real cases only.
        signal_services.signal_mark_linked(actor=user, signal=signal, request=request)
    audit_record(
        action="casus.signaal_gekoppeld",
        actor=user,
        obj=case,
        request=request,
        details={"signaal": str(signal.uuid)},
    )


@transaction.atomic
def case_link_signal(*, user, case_uuid, signal_uuid, request=None) -> Case:
    if not can_edit_cases(user):
        raise PermissionDenied
    case = _locked(case_uuid)
    if not case.is_open:
        raise ValidationError(_("Een gesloten casus krijgt geen nieuwe signalen."))
    signal = signal_selectors.signal_get_for(user=user, uuid=signal_uuid)
    _link(case=case, signal=signal, user=user, request=request)
    return case


@transaction.atomic
def case_unlink_signal(*, user, case_uuid, signal_uuid, request=None) -> Case:
    if not can_edit_cases(user):
        raise PermissionDenied
    case = _locked(case_uuid)
    removed, _details = CaseSignal.objects.filter(case=case, signal__uuid=signal_uuid).delete()
    still_real = CaseSignal.objects.filter(signal__uuid=signal_uuid, case__is_exercise=False)
    if removed and not case.is_exercise and not still_real.exists():
        # No case holds it any more: "gekoppeld" was a consequence, so it goes too.
        signal_services.signal_mark_unlinked(
            actor=user, signal=Signal.objects.get(uuid=signal_uuid), request=request
        )
    if removed:
        audit_record(
            action="casus.signaal_ontkoppeld",
            actor=user,
            obj=case,
            request=request,
            details={"signaal": str(signal_uuid)},
        )
    return case


@transaction.atomic
def case_set_phase(
    *,
    user,
    case_uuid,
    phase: str,
    reason: str,
    expected_version: int | None = None,
    request=None,
) -> Case:
    """Record the kernteam's judgment of the phase, with its reason, in the history."""
    if not can_edit_cases(user):
        raise PermissionDenied
    case = _locked(case_uuid)
    _check_version(case, expected_version)
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Kies een fase uit de lijst.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Geef kort aan waarom de fase verandert.")})
    if phase == case.phase:
        raise ValidationError({"phase": _("De casus staat al in deze fase.")})
    PhaseChange.objects.create(
        case=case,
        from_phase=case.phase,
        to_phase=phase,
        reason=reason.strip()[:300],
        changed_by=user,
    )
    case.phase = phase
    case.version += 1
    case.save(update_fields=["phase", "version"])
    audit_record(
        action="casus.fase_gewijzigd",
        actor=user,
        obj=case,
        request=request,
        details={"naar": phase},
    )
    return case


@transaction.atomic
def case_close(
    *, user, case_uuid, evaluation: str, expected_version: int | None = None, request=None
) -> Case:
    """Close a case with its evaluation: the lessons stay findable across cases."""
    if not can_edit_cases(user):
        raise PermissionDenied
    case = _locked(case_uuid)
    _check_version(case, expected_version)
    if not case.is_open:
        raise ValidationError(_("Deze casus is al gesloten."))
    if not evaluation.strip():
        raise ValidationError(
            {"evaluation": _("Schrijf de evaluatie: wat werkte, wat niet, wat leren we?")}
        )
    case.status = CaseStatus.CLOSED
    case.closed_at = timezone.now()
    case.evaluation = evaluation.strip()
    case.version += 1
    case.save(update_fields=["status", "closed_at", "evaluation", "version"])
    audit_record(action="casus.gesloten", actor=user, obj=case, request=request)
    case_closed.send(sender=Case, case=case)
    return case


@transaction.atomic
def case_set_confidential(
    *, user, case_uuid, confidential: bool, expected_version: int | None = None, request=None
) -> Case:
    """Mark a case besloten (need-to-know) or shared with the whole kernteam again."""
    from kernteam.selectors import case_get_for

    case_get_for(user=user, uuid=case_uuid)  # 404 for whoever may not see it
    case = _locked(case_uuid)
    if not can_set_confidential(user, case):
        raise PermissionDenied
    _check_version(case, expected_version)
    if case.is_confidential == confidential:
        return case
    case.is_confidential = confidential
    case.version += 1
    case.save(update_fields=["is_confidential", "version"])
    audit_record(
        action="casus.besloten" if confidential else "casus.niet_besloten",
        actor=user,
        obj=case,
        request=request,
    )
    return case
