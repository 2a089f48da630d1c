"""The deadlines of the BOB procedure, for samos.reminders: actions (due date and
report-back date) and information requests.

Each source yields only the open deadlines around `now` (due within DAYS_AHEAD days or
overdue by up to DAYS_BEHIND days), so the scan that runs every minute stays cheap; a
deadline that is done is simply no longer yielded. One overdue for longer is "gemist"
(samos.reminders.registry.MISSED_AFTER): no more mail, but the lists still show it,
marked "gemist" (Action.is_missed, InformationRequest.is_missed). Subjects carry the
title and nothing else written by people (the mail says no more than the list on the
screen).
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bob.documents import decision_list_filename
from bob.models import Action, DecisionList, InformationRequest
from bob.workflow import OPEN_ACTION_STATUSES, DecisionListStatus, InformationRequestStatus
from samos.accounts.models import User
from samos.reminders.registry import MISSED_AFTER, NOTICE, Deadline

DAYS_AHEAD = 2
DAYS_BEHIND = MISSED_AFTER.days
# A date-only deadline falls at the start of the working day, Europe/Amsterdam.
DUE_TIME = datetime.time(9, 0)


def _at_nine(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, DUE_TIME, tzinfo=timezone.get_default_timezone())


def _exercise(case) -> str:
    return _("Oefening — ") if case.is_exercise else ""


def open_actions(*, now: datetime.datetime) -> list[Deadline]:
    """Open actions: the due date to whoever carries, arranges and coordinates it; the
    report-back date to the coordinator. Both at 09:00 on their day."""
    today = timezone.localdate(now)
    window = (
        today - datetime.timedelta(days=DAYS_BEHIND),
        today + datetime.timedelta(days=DAYS_AHEAD),
    )
    actions = (
        Action.objects.filter(status__in=OPEN_ACTION_STATUSES)
        .filter(Q(due_date__range=window) | Q(report_back_on__range=window))
        .select_related("case", "executor", "arranged_by", "coordinator")
        .order_by("due_date", "id")
    )
    deadlines = []
    # A list, not a generator: the language override must not outlive this call.
    with translation.override("nl"):
        for action in actions:
            prefix = _exercise(action.case)
            url = action.get_absolute_url()
            if window[0] <= action.due_date <= window[1]:
                people = (action.executor, action.arranged_by, action.coordinator)
                deadlines.append(
                    Deadline(
                        key=f"bob.action:{action.uuid}:due:{action.due_date.isoformat()}",
                        due_at=_at_nine(action.due_date),
                        recipients=tuple(person for person in people if person is not None),
                        subject=_("%(prefix)sTermijn van een actie") % {"prefix": prefix},
                        summary=_("Actie “%(title)s”: het resultaat moet dan bereikt zijn.")
                        % {"title": action.title},
                        url=url,
                    )
                )
            back = action.report_back_on
            if back is not None and window[0] <= back <= window[1]:
                deadlines.append(
                    Deadline(
                        key=f"bob.action:{action.uuid}:report:{back.isoformat()}",
                        due_at=_at_nine(back),
                        recipients=(action.coordinator,),
                        subject=_("%(prefix)sTerugkoppeling van een actie") % {"prefix": prefix},
                        summary=_(
                            "Actie “%(title)s”: dan koppelt u de voortgang terug in het kernteam."
                        )
                        % {"title": action.title},
                        url=url,
                    )
                )
    return deadlines


def _information_request_url(info: InformationRequest) -> str:
    """The session it was asked in; one set out from the case page, the case page."""
    if info.session is None:
        return info.case.get_absolute_url() + "#info-open-kop"
    return info.session.get_absolute_url()


def open_information_requests(*, now: datetime.datetime) -> list[Deadline]:
    """Open information requests: the deadline to whoever asks for the information."""
    requests = (
        InformationRequest.objects.filter(
            status=InformationRequestStatus.OPEN,
            deadline__range=(
                now - datetime.timedelta(days=DAYS_BEHIND),
                now + datetime.timedelta(days=DAYS_AHEAD),
            ),
        )
        .select_related("case", "session", "requested_by")
        .order_by("deadline", "id")
    )
    deadlines = []
    with translation.override("nl"):
        for info in requests:
            moment = info.deadline.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M")
            deadlines.append(
                Deadline(
                    key=f"bob.information_request:{info.uuid}:{moment}",
                    due_at=info.deadline,
                    recipients=(info.requested_by,),
                    subject=_("%(prefix)sTermijn van een informatieverzoek")
                    % {"prefix": _exercise(info.case)},
                    summary=_(
                        "Informatieverzoek “%(question)s”: de informatie moet dan binnen zijn."
                    )
                    % {"question": info.question},
                    url=_information_request_url(info),
                )
            )
    return deadlines


NOTICE_DAYS_BEHIND = 7


def _attachment(decision_list: DecisionList):
    """The stored file of an adopted list, read (and hash-checked) only when mailed."""

    def read() -> tuple[str, bytes]:
        return decision_list_filename(decision_list.snapshot), decision_list.document.read_bytes()

    return read


def adopted_decision_lists(*, now: datetime.datetime) -> list[Deadline]:
    """A notice to the burgemeester (and the roles in SAMOS_ADOPTION_NOTICE_ROLES) when a
    besluitenlijst is adopted: a link to the reading table, nothing of its content — not
    even the case title — in subject or body; the stored PDF attached only when
    SAMOS_ADOPTION_NOTICE_ATTACH_PDF is on. Lists adopted up to a week ago are still announced
    after an outage; exactly-once is the reminder path's claim, not ours."""
    adopted = list(
        DecisionList.objects.filter(
            status=DecisionListStatus.VASTGESTELD,
            adopted_at__gte=now - datetime.timedelta(days=NOTICE_DAYS_BEHIND),
            adopted_at__lte=now,
        )
        .select_related("session__case", "document")
        .order_by("adopted_at", "id")
    )
    if not adopted:
        return []
    readers = tuple(
        User.objects.filter(is_active=True, groups__name__in=settings.SAMOS_ADOPTION_NOTICE_ROLES)
        .distinct()
        .order_by("pk")
    )
    attach = settings.SAMOS_ADOPTION_NOTICE_ATTACH_PDF
    deadlines = []
    with translation.override("nl"), timezone.override(timezone.get_default_timezone()):
        for decision_list in adopted:
            session = decision_list.session
            deadlines.append(
                Deadline(
                    key=f"bob.decision_list:{decision_list.uuid}:vastgesteld",
                    due_at=decision_list.adopted_at,
                    recipients=readers,
                    subject=_("%(prefix)sBesluitenlijst vastgesteld")
                    % {"prefix": _exercise(session.case)},
                    summary=_("Een besluitenlijst van het kernteam is vastgesteld."),
                    url=reverse("bob:reading_table"),
                    offsets=(NOTICE,),
                    attachment=_attachment(decision_list) if attach else None,
                )
            )
    return deadlines
