"""The mail that follows a vooraf-afweging, for samos.reminders.

"Alleen partners informeren": a notice to the chosen kernteam members, once. It links to
the assessment; the note itself stays in SAMOS (mail leaves the municipality), and the
subject is fixed text. "Geen actie nu": the review date reminds the author on the day
and the day after, until someone records a newer assessment on the case.
"""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bob.models import Assessment
from bob.workflow import AssessmentOutcome
from kernteam.workflow import CaseStatus
from samos.reminders.registry import AFTER, MISSED_AFTER, NOTICE, ON, Deadline

NOTICE_DAYS_BEHIND = datetime.timedelta(days=7)
REVIEW_TIME = datetime.time(9, 0)


def _prefix(case) -> str:
    return "OEFENING: " if case.is_exercise else ""


def assessment_note_key(assessment) -> str:
    return f"bob.assessment_note:{assessment.uuid}"


def assessment_notes(*, now: datetime.datetime, assessments=None) -> list[Deadline]:
    """The note of each recent "alleen partners informeren" to the members chosen."""
    if assessments is None:
        assessments = (
            Assessment.objects.filter(
                outcome=AssessmentOutcome.INFORMEREN,
                created_at__gte=now - NOTICE_DAYS_BEHIND,
                created_at__lte=now,
            )
            .select_related("case", "author")
            .prefetch_related("informed")
            .order_by("created_at", "id")
        )
    with translation.override("nl"):
        return [
            Deadline(
                key=assessment_note_key(assessment),
                due_at=assessment.created_at,
                recipients=tuple(assessment.informed.all()),
                subject=_("%(prefix)sVooraf-afweging ter informatie")
                % {"prefix": _prefix(assessment.case)},
                summary=_(
                    "%(author)s heeft een vooraf-afweging gemaakt en informeert u, zonder "
                    "het kernteam bijeen te roepen. De notitie leest u in SAMOS."
                )
                % {"author": assessment.author},
                url=assessment.get_absolute_url(),
                offsets=(NOTICE,),
            )
            for assessment in assessments
        ]


def assessment_reviews(*, now: datetime.datetime) -> list[Deadline]:
    """The review date of "geen actie nu": the author, on the day and the day after,
    while the case is open and nobody assessed it again since."""
    today = timezone.localdate(now)
    newer = Assessment.objects.filter(case=OuterRef("case"), created_at__gt=OuterRef("created_at"))
    assessments = (
        Assessment.objects.filter(
            outcome=AssessmentOutcome.GEEN_ACTIE,
            review_on__range=(today - MISSED_AFTER, today + datetime.timedelta(days=2)),
            case__status=CaseStatus.OPEN,
        )
        .exclude(Exists(newer))
        .select_related("case", "author")
        .order_by("review_on", "id")
    )
    zone = timezone.get_default_timezone()
    with translation.override("nl"):
        return [
            Deadline(
                key=f"bob.assessment_review:{assessment.uuid}",
                due_at=datetime.datetime.combine(assessment.review_on, REVIEW_TIME, tzinfo=zone),
                recipients=(assessment.author,),
                subject=_("%(prefix)sVooraf-afweging opnieuw bekijken")
                % {"prefix": _prefix(assessment.case)},
                summary=_(
                    "U besloot op %(date)s: geen actie nu, en opnieuw te kijken. Kijk of "
                    "de situatie nu om een nieuwe afweging vraagt."
                )
                % {"date": timezone.localtime(assessment.created_at).strftime("%d-%m-%Y")},
                url=assessment.get_absolute_url(),
                offsets=(ON, AFTER),
            )
            for assessment in assessments
        ]
