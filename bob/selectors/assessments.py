"""Reads of the vooraf-afweging: who may see which, what a new one can draw on, and
which ones a session starts from."""

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from bob.assessment_reminders import assessment_note_key
from bob.models import Assessment
from kernteam import exercises
from kernteam import selectors as kernteam_selectors
from kernteam.models import Case, Session
from kernteam.permissions import can_read_sessions
from kernteam.workflow import CaseStatus
from samos.reminders.models import SentReminder
from samos.reminders.selectors import sent_reminders_for_keys
from signals import selectors as signal_selectors
from signals.workflow import SignalStatus

__all__ = [
    "assessment_candidate_signals",
    "assessment_cases_for_signals",
    "assessment_get_for",
    "assessment_informable_users",
    "assessment_list_for_case",
    "assessment_note_delivery",
    "assessments_readable",
    "assessments_for_session",
]

# Besides the chosen signals, the newest of the last three weeks a member may add to the
# picture; older ones are chosen from the signal list ("Vooraf-afweging met de gekozen").
CANDIDATE_DAYS = 21
CANDIDATE_ROWS = 12


def _base() -> QuerySet[Assessment]:
    return Assessment.objects.select_related("author", "case", "session").prefetch_related(
        "signals__area", "supporting_signals__area", "informed"
    )


def assessment_list_for_case(*, user, case: Case) -> list[Assessment]:
    """The case's assessments, newest first, for a reader at the kernteam table who may
    see the case (the caller checked the case)."""
    if not can_read_sessions(user):
        return []
    return list(_base().filter(case=case))


def assessment_get_for(*, user, uuid) -> Assessment:
    """The assessment, or 404 when the user may not see its case or sits not at the table."""
    if not can_read_sessions(user):
        raise Http404
    visible_cases = kernteam_selectors.case_list_visible_for(user=user)
    assessment = _base().filter(uuid=uuid, case__in=visible_cases).first()
    if assessment is None:
        raise Http404
    return assessment


def assessments_for_session(*, session: Session) -> list[Assessment]:
    """What a session starts from: the assessments it was convened from, and those made on
    its case since the previous session (or since the case was opened) that led nowhere
    else yet."""
    previous = (
        Session.objects.filter(case=session.case_id, starts_at__lt=session.starts_at)
        .exclude(pk=session.pk)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    since = previous or session.case.opened_at
    return list(
        _base()
        .filter(case=session.case_id)
        .filter(Q(session=session) | Q(session__isnull=True, created_at__gte=since))
        .order_by("created_at", "id")
    )


def assessment_candidate_signals(*, user, case: Case | None, chosen: list) -> list:
    """The signals a new assessment can link: the CHOSEN ones first, then the newest of
    the case's own and recent open signals of the same areas — a short list to tick, not
    the whole history (older ones are chosen from the signal list)."""
    if case is not None:
        visible = exercises.case_signals_visible_for(user=user, case=case)
    else:
        visible = signal_selectors.signal_list_visible_for(user=user)
    rows = list(chosen)
    seen = {signal.pk for signal in rows}
    since = timezone.now() - datetime.timedelta(days=CANDIDATE_DAYS)
    if case is not None:
        own = visible.filter(cases=case, observed_at__gte=since).exclude(pk__in=seen)
        rows += list(own.order_by("-observed_at", "-id")[:CANDIDATE_ROWS])
        areas = list(case.areas.values_list("pk", flat=True))
    else:
        areas = list({signal.area_id for signal in chosen})
    room = CANDIDATE_ROWS - (len(rows) - len(chosen))
    if areas and room > 0 and not (case is not None and case.is_exercise):
        seen = {signal.pk for signal in rows}
        recent = (
            visible.filter(Q(area__in=areas) | Q(area__parent__in=areas), observed_at__gte=since)
            .exclude(pk__in=seen)
            .exclude(status__in=(SignalStatus.GEARCHIVEERD, SignalStatus.INGETROKKEN))
            .order_by("-observed_at", "-id")[:room]
        )
        rows += list(recent)
    others = sorted(rows[len(chosen) :], key=lambda s: (s.observed_at, s.pk), reverse=True)
    return [*chosen, *others]


def assessment_cases_for_signals(*, user, signals: list) -> list[Case]:
    """Open cases the user may see that already hold one of SIGNALS or share an area:
    the choices for "bij welke casus hoort dit?", holding ones first."""
    if not signals:
        return []
    areas = {signal.area_id for signal in signals} | {
        signal.area.parent_id for signal in signals if signal.area.parent_id
    }
    cases = (
        kernteam_selectors.case_list_visible_for(user=user, include_exercises=False)
        .filter(status=CaseStatus.OPEN)
        .filter(Q(signals__in=signals) | Q(areas__in=areas))
        .distinct()
        .order_by("-opened_at")[:10]
    )
    holding = set(
        Case.objects.filter(signals__in=signals, pk__in=[c.pk for c in cases]).values_list(
            "pk", flat=True
        )
    )
    return sorted(cases, key=lambda case: (case.pk not in holding, -case.opened_at.timestamp()))


def assessment_informable_users(*, case: Case | None, author=None) -> list:
    """Who a note "alleen partners informeren" can go to: the people at the kernteam
    table who may see the case (a besloten case only its participants), not the author."""
    people = list(
        kernteam_selectors.session_invitable_users().exclude(pk=getattr(author, "pk", None))
    )
    if case is None or not case.is_confidential:
        return people
    return [
        person
        for person in people
        if kernteam_selectors.case_list_visible_for(user=person).filter(pk=case.pk).exists()
    ]


def assessment_note_delivery(*, assessment: Assessment) -> list[dict]:
    """Per informed member: when the note's mail went out (None: not yet), or failed."""
    rows = sent_reminders_for_keys(keys=[assessment_note_key(assessment)])
    by_email = {email: row for (_key, _offset, email), row in rows.items()}
    delivery = []
    for person in assessment.informed.all():
        row = by_email.get(person.email)
        delivery.append(
            {
                "person": person,
                "sent_at": row.sent_at if row and row.status == SentReminder.Status.SENT else None,
                "failed": bool(row and row.status == SentReminder.Status.FAILED),
            }
        )
    return delivery


def assessments_readable(*, user, assessments: list[Assessment]) -> list[Assessment]:
    """Give each assessment the signals USER may read (``visible_signals``,
    ``visible_supporting``) and how many are hidden: an assessment cites what its author
    saw, and a reader sees only what they may."""
    if not assessments:
        return assessments
    ids = {s.pk for a in assessments for s in [*a.signals.all(), *a.supporting_signals.all()]}
    readable = set()
    for case in {a.case for a in assessments}:
        visible = exercises.case_signals_visible_for(user=user, case=case)
        readable |= set(visible.filter(pk__in=ids).values_list("pk", flat=True))
    for assessment in assessments:
        beeld = list(assessment.signals.all())
        oordeel = list(assessment.supporting_signals.all())
        assessment.visible_signals = [s for s in beeld if s.pk in readable]
        assessment.visible_supporting = [s for s in oordeel if s.pk in readable]
        assessment.hidden_signal_count = len({s.pk for s in [*beeld, *oordeel]} - readable)
    return assessments
