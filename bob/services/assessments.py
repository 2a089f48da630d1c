"""Recording a vooraf-afweging and what follows from it (Handreiking A2.1, "Vooraf").

A member goes through beeld-, oordeels- and besluitvorming on their own and records one
outcome. The assessment is kept as written; the outcome's follow-up points back to it:
a session convened from it, a note mailed to chosen partners (sent once, through the
reminders' claim), case-level actions, or a review date that becomes a reminder.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bob.models import Assessment
from bob.protocol import SEVERITY, TIME
from bob.selectors.assessments import assessment_informable_users
from bob.services.information import case_information_request_create, information_request_clean
from bob.workflow import AssessmentOutcome, PictureSoundness
from kernteam import exercises
from kernteam import selectors as kernteam_selectors
from kernteam import services as kernteam_services
from kernteam.models import Case, Session
from samos.accounts.permission_table import Can, may
from samos.audit.services import audit_record
from signals import selectors as signal_selectors

__all__ = ["assessment_convened", "assessment_record", "can_assess"]

NOTE_MAX = 2000
TEXT_MAX = 4000
# A review further away than this is no review: the situation will have changed.
REVIEW_MAX_DAYS = 180

MESSAGES = {
    "case": _("Kies bij welke casus deze afweging hoort, of geef een titel voor een nieuwe."),
    "case_closed": _("De casus is gesloten; maak de afweging bij een open casus."),
    "what_happened": _("Wat is er gebeurd? Beschrijf het in een paar zinnen."),
    "picture_sound": _("Geef aan of de signalen een gedegen beeld geven."),
    "severity": _("Kies hoe ernstig de situatie is."),
    "urgency": _("Kies hoe urgent de situatie is."),
    "outcome": _("Kies een uitkomst."),
    "motivation": _("Waarom deze uitkomst? Een paar woorden volstaan."),
    "informed": _("Kies ten minste één kernteamlid om te informeren."),
    "note_to_partners": _("Schrijf de korte notitie die de partners krijgen."),
    "review_on": _("Wanneer kijkt u opnieuw? Kies een datum."),
    "review_past": _("Kies een datum na vandaag."),
    "review_far": _("Kies een datum binnen een half jaar: daarna is de situatie een andere."),
    "signal": _("Een of meer gekozen signalen bestaan niet (meer) of zijn niet voor u."),
    "no_signals": _("Kies ten minste één signaal: de nieuwe casus krijgt er haar gebied van."),
}


def can_assess(user) -> bool:
    return may(user, Can.ASSESS)


def _clean(text, limit=TEXT_MAX) -> str:
    return (text or "").strip()[:limit]


def _choice_errors(errors, *, picture_sound, severity, urgency, outcome):
    if picture_sound not in PictureSoundness.values:
        errors["picture_sound"] = MESSAGES["picture_sound"]
    if severity not in dict(SEVERITY):
        errors["severity"] = MESSAGES["severity"]
    if urgency not in dict(TIME):
        errors["urgency"] = MESSAGES["urgency"]
    if outcome not in AssessmentOutcome.values:
        errors["outcome"] = MESSAGES["outcome"]


def _outcome_errors(errors, *, outcome, case, author, informed, note_to_partners, review_on, today):
    """What each outcome needs besides the motivation."""
    if outcome == AssessmentOutcome.INFORMEREN:
        allowed = {person.pk for person in assessment_informable_users(case=case, author=author)}
        if not informed or any(person.pk not in allowed for person in informed):
            errors["informed"] = MESSAGES["informed"]
        if not note_to_partners:
            errors["note_to_partners"] = MESSAGES["note_to_partners"]
    elif outcome == AssessmentOutcome.GEEN_ACTIE:
        if review_on is None:
            errors["review_on"] = MESSAGES["review_on"]
        elif review_on <= today:
            errors["review_on"] = MESSAGES["review_past"]
        elif review_on > today + datetime.timedelta(days=REVIEW_MAX_DAYS):
            errors["review_on"] = MESSAGES["review_far"]


def _visible_signals(*, user, case: Case | None, uuids: Iterable) -> list:
    uuids = list(dict.fromkeys(uuids))
    if not uuids:
        return []
    if case is not None:
        visible = exercises.case_signals_visible_for(user=user, case=case)
    else:
        visible = signal_selectors.signal_list_visible_for(user=user)
    signals = list(visible.filter(uuid__in=uuids))
    if len(signals) != len(uuids):
        raise ValidationError({"signals": MESSAGES["signal"]})
    return signals


@transaction.atomic
def assessment_record(
    *,
    user,
    case_uuid=None,
    new_case_title: str = "",
    signal_uuids: Iterable = (),
    supporting_signal_uuids: Iterable = (),
    what_happened: str,
    state_of_unrest: str = "",
    picture_sound: str,
    picture_gaps: str = "",
    what_may_happen: str = "",
    consequences: str = "",
    severity: str,
    urgency: str,
    outcome: str,
    motivation: str,
    note_to_partners: str = "",
    informed: Iterable = (),
    review_on: datetime.date | None = None,
    information_requests: Iterable[dict] = (),
    request=None,
) -> Assessment:
    """Record USER's vooraf-afweging on an open case (CASE_UUID), or on a new case named
    NEW_CASE_TITLE opened from the signals. Every refusal is reported at once and
    nothing is written; the chosen signals are linked to the case. INFORMATION_REQUESTS
    (question, source, requested_by, deadline) become tracked informatieverzoeken."""
    if not can_assess(user):
        raise PermissionDenied
    case = None
    if case_uuid is not None:
        case = kernteam_selectors.case_get_for(user=user, uuid=case_uuid)
    new_case_title = _clean(new_case_title, 150)
    what_happened = _clean(what_happened)
    motivation = _clean(motivation)
    note_to_partners = _clean(note_to_partners, NOTE_MAX)
    informed = list(informed)
    errors: dict = {}
    if case is None and not new_case_title:
        errors["case"] = MESSAGES["case"]
    elif case is not None and not case.is_open:
        errors["case"] = MESSAGES["case_closed"]
    if not what_happened:
        errors["what_happened"] = MESSAGES["what_happened"]
    if not motivation:
        errors["motivation"] = MESSAGES["motivation"]
    _choice_errors(
        errors, picture_sound=picture_sound, severity=severity, urgency=urgency, outcome=outcome
    )
    _outcome_errors(
        errors,
        outcome=outcome,
        case=case,
        author=user,
        informed=informed,
        note_to_partners=note_to_partners,
        review_on=review_on,
        today=timezone.localdate(),
    )
    try:
        signals = _visible_signals(user=user, case=case, uuids=signal_uuids)
        supporting = _visible_signals(user=user, case=case, uuids=supporting_signal_uuids)
    except ValidationError as error:
        errors.update(error.message_dict)
        signals = supporting = []
    # Each row may say which row of the form it came from ("row"), for the error keys.
    information_requests = [
        (fields.get("row", number), {k: v for k, v in fields.items() if k != "row"})
        for number, fields in enumerate(information_requests, start=1)
    ]
    for number, fields in information_requests:
        try:
            information_request_clean(**fields)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors[f"info_{number}_{name}"] = messages
    if case is None and not signals and not supporting and "signals" not in errors:
        errors["signals"] = MESSAGES["no_signals"]
    if errors:
        raise ValidationError(errors)

    linked = list(dict.fromkeys([*signals, *supporting]))
    if case is None:
        case = kernteam_services.case_open(
            user=user,
            title=new_case_title,
            areas=[],
            themes={theme for signal in linked for theme in signal.themes.all()},
            signal_uuids=[signal.uuid for signal in linked],
            description=what_happened,
            request=request,
        )
    else:
        held = set(case.signals.values_list("pk", flat=True))
        for signal in linked:
            if signal.pk not in held:
                kernteam_services.case_link_signal(
                    user=user, case_uuid=case.uuid, signal_uuid=signal.uuid, request=request
                )
    assessment = Assessment.objects.create(
        case=case,
        author=user,
        what_happened=what_happened,
        state_of_unrest=_clean(state_of_unrest),
        picture_sound=picture_sound,
        picture_gaps=_clean(picture_gaps),
        what_may_happen=_clean(what_may_happen),
        consequences=_clean(consequences),
        severity=severity,
        urgency=urgency,
        outcome=outcome,
        motivation=motivation,
        note_to_partners=note_to_partners if outcome == AssessmentOutcome.INFORMEREN else "",
        review_on=review_on if outcome == AssessmentOutcome.GEEN_ACTIE else None,
    )
    assessment.signals.set(signals)
    assessment.supporting_signals.set(supporting)
    for _number, fields in information_requests:
        info = case_information_request_create(
            user=user, case_uuid=case.uuid, request=request, **fields
        )
        info.assessment = assessment
        info.save(update_fields=["assessment"])
    if outcome == AssessmentOutcome.INFORMEREN:
        assessment.informed.set(informed)
        from bob.tasks import enqueue_assessment_note

        enqueue_assessment_note(assessment.pk)
    audit_record(
        action="vooraf_afweging.vastgelegd",
        actor=user,
        obj=assessment,
        request=request,
        details={"uitkomst": outcome, "casus": str(case.uuid)},
    )
    return assessment


@transaction.atomic
def assessment_convened(*, user, assessment: Assessment, session: Session, request=None) -> None:
    """Mark that SESSION was convened from ASSESSMENT (by its author, on its case)."""
    if assessment.author_id != user.pk:
        raise PermissionDenied
    if session.case_id != assessment.case_id or assessment.session_id is not None:
        raise ValidationError({NON_FIELD_ERRORS: _("Deze afweging hoort al bij een bijeenkomst.")})
    Assessment.objects.filter(pk=assessment.pk).update(session=session)
    assessment.session = session
    audit_record(
        action="vooraf_afweging.bijeengeroepen",
        actor=user,
        obj=assessment,
        request=request,
        details={"bijeenkomst": str(session.uuid)},
    )
