""" "Mijn werk" sections of bob (samos.core.mywork): my actions, the information requests
I fetch, besluitenlijsten waiting for adoption, and others' overdue actions. Each costs a
fixed number of queries (the first few rows and a count)."""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bob.models import Assessment, DecisionList, InformationRequest
from bob.permissions import ACTION_OVERVIEW_ROLES, ACTION_ROLES, SESSION_READ_ROLES
from bob.selectors.actions import action_list_visible_for
from bob.workflow import (
    OPEN_ACTION_STATUSES,
    AssessmentOutcome,
    DecisionListStatus,
    InformationRequestStatus,
)
from kernteam import selectors as kernteam_selectors
from kernteam.workflow import CaseStatus, SessionStatus
from samos.accounts.permission_table import Can, roles_that
from samos.core.mywork import SHOWN, WorkItem, WorkList, WorkSection, register

ADOPTION_ROLES = roles_that(Can.LEAD)
ASSESS_ROLES = roles_that(Can.ASSESS)


def _late_flag(overdue: bool, missed: bool) -> tuple[str, str]:
    if missed:
        return _("gemist"), "danger"
    if overdue:
        return _("te laat"), "danger"
    return "", ""


def _mine_q(user) -> Q:
    return Q(executor=user) | Q(arranged_by=user) | Q(coordinator=user)


def my_actions(user) -> WorkList:
    actions = (
        action_list_visible_for(user=user)
        .filter(_mine_q(user), status__in=OPEN_ACTION_STATUSES)
        .order_by("due_date", "id")
    )
    total = actions.count()
    items = []
    for action in actions[:SHOWN] if total else []:
        flag, tone = _late_flag(action.is_overdue, action.is_missed)
        items.append(
            WorkItem(
                label=action.title,
                url=action.get_absolute_url(),
                detail=_("%(case)s · resultaat op %(date)s")
                % {"case": action.case.title, "date": date_format(action.due_date, "d-m-Y")},
                flag=flag,
                tone=tone,
            )
        )
    return WorkList(
        title=_("Mijn acties"),
        items=items,
        total=total,
        more_url=reverse("bob:action_list"),
        more_label=ngettext("Bekijk uw open actie", "Bekijk al uw %(count)d open acties", total)
        % {"count": total},
    )


def my_information_requests(user) -> WorkList:
    cases = kernteam_selectors.case_list_visible_for(user=user)
    requests = (
        InformationRequest.objects.filter(
            requested_by=user,
            status=InformationRequestStatus.OPEN,
            case__in=cases.values("pk"),
        )
        .select_related("case")
        .order_by("deadline", "id")
    )
    total = requests.count()
    items = []
    for info in requests[:SHOWN] if total else []:
        flag, tone = _late_flag(info.is_overdue, info.is_missed)
        items.append(
            WorkItem(
                label=info.question,
                url=info.case.get_absolute_url() + "#info-open-kop",
                detail=_("Bij %(source)s · uiterlijk %(when)s · %(case)s")
                % {
                    "source": info.source,
                    "when": date_format(timezone.localtime(info.deadline), "d-m-Y H:i"),
                    "case": info.case.title,
                },
                flag=flag,
                tone=tone,
            )
        )
    return WorkList(title=_("Informatieverzoeken die u opvraagt"), items=items, total=total)


def lists_to_adopt(user) -> WorkList:
    """Concept besluitenlijsten of finished sessions: adopted at the next session, or now."""
    sessions = kernteam_selectors.session_list_visible_for(user=user)
    lists = (
        DecisionList.objects.filter(
            status=DecisionListStatus.CONCEPT,
            session__status=SessionStatus.AFGEROND,
            session__in=sessions.values("pk"),
        )
        .select_related("session__case")
        .order_by("session__starts_at", "id")
    )
    total = lists.count()
    items = [
        WorkItem(
            label=_("Besluitenlijst %(kind)s %(date)s")
            % {
                "kind": decision_list.session.get_kind_display().lower(),
                "date": date_format(timezone.localtime(decision_list.session.starts_at), "d-m-Y"),
            },
            url=reverse("bob:decision_list", kwargs={"uuid": decision_list.session.uuid}),
            detail=decision_list.session.case.title,
            flag=_("concept"),
        )
        for decision_list in (lists[:SHOWN] if total else [])
    ]
    return WorkList(title=_("Vast te stellen besluitenlijsten"), items=items, total=total)


def others_overdue_actions(user) -> WorkList | None:
    overdue = (
        action_list_visible_for(user=user)
        .filter(status__in=OPEN_ACTION_STATUSES, due_date__lt=timezone.localdate())
        .exclude(_mine_q(user))
        .count()
    )
    if not overdue:
        return None
    return WorkList(
        title=_("Acties van anderen"),
        total=overdue,
        summary=ngettext(
            "%(count)d actie van anderen is te laat.",
            "%(count)d acties van anderen zijn te laat.",
            overdue,
        )
        % {"count": overdue},
        more_url=reverse("bob:action_list") + "#alle-acties-kop",
        more_label=ngettext("Bekijk haar", "Bekijk ze", overdue),
    )


REVIEW_DAYS_AHEAD = 7


def my_assessment_reviews(user) -> WorkList | None:
    """My "geen actie nu" assessments whose review date comes within a week (or passed),
    while the case is open and nobody assessed it again since."""
    today = timezone.localdate()
    newer = Assessment.objects.filter(case=OuterRef("case"), created_at__gt=OuterRef("created_at"))
    due = (
        Assessment.objects.filter(
            author=user,
            outcome=AssessmentOutcome.GEEN_ACTIE,
            review_on__lte=today + datetime.timedelta(days=REVIEW_DAYS_AHEAD),
            case__status=CaseStatus.OPEN,
        )
        .exclude(Exists(newer))
        .select_related("case")
        .order_by("review_on", "id")
    )
    total = due.count()
    if not total:
        return None
    items = []
    for assessment in due[:SHOWN]:
        late = assessment.review_on < today
        flag = _("te laat") if late else (_("vandaag") if assessment.review_on == today else "")
        items.append(
            WorkItem(
                label=assessment.case.title,
                url=assessment.get_absolute_url(),
                detail=_("Opnieuw bekijken op %(date)s")
                % {"date": date_format(assessment.review_on, "d-m-Y")},
                flag=flag,
                tone="danger" if late else "",
            )
        )
    return WorkList(title=_("Vooraf-afwegingen om opnieuw te bekijken"), items=items, total=total)


def register_work_sections() -> None:
    """Called from BobConfig.ready()."""
    for section in (
        WorkSection("bob.my_actions", ACTION_ROLES, my_actions, order=10),
        WorkSection("bob.information_requests", SESSION_READ_ROLES, my_information_requests, 20),
        WorkSection("bob.lists_to_adopt", ADOPTION_ROLES, lists_to_adopt, order=40),
        WorkSection("bob.assessment_reviews", ASSESS_ROLES, my_assessment_reviews, order=30),
        WorkSection("bob.others_overdue", ACTION_OVERVIEW_ROLES, others_overdue_actions, 50),
    ):
        register(section)
