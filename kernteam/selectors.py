"""Every read of cases and sessions, with the visibility rules in one place."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from .models import Attendee, Case, Preparation, Session
from .permissions import can_read_cases, can_read_sessions
from .workflow import SessionStatus


def case_list_visible_for(*, user, include_exercises: bool = True) -> QuerySet[Case]:
    if not can_read_cases(user):
        return Case.objects.none()
    cases = Case.objects.prefetch_related("areas", "themes").select_related("opened_by")
    return cases if include_exercises else cases.filter(is_exercise=False)


def case_get_for(*, user, uuid) -> Case:
    case = case_list_visible_for(user=user).filter(uuid=uuid).first()
    if case is None:
        raise Http404
    return case


def session_list_visible_for(*, user) -> QuerySet[Session]:
    if not can_read_sessions(user):
        return Session.objects.none()
    return Session.objects.select_related("case", "chair", "secretary", "convened_by")


def session_get_for(*, user, uuid) -> Session:
    session = (
        session_list_visible_for(user=user)
        .prefetch_related(
            Prefetch("attendees", queryset=Attendee.objects.select_related("user")),
            Prefetch("preparations", queryset=Preparation.objects.select_related("author")),
        )
        .filter(uuid=uuid)
        .first()
    )
    if session is None:
        raise Http404
    return session


def session_list_for_case(*, user, case: Case) -> QuerySet[Session]:
    return session_list_visible_for(user=user).filter(case=case)


def session_previous(*, session: Session) -> Session | None:
    """The last finished session of the same case before this one (for vervolg/laatste)."""
    return (
        Session.objects.filter(case_id=session.case_id, status=SessionStatus.AFGEROND)
        .exclude(pk=session.pk)
        .filter(starts_at__lte=session.starts_at)
        .order_by("-starts_at", "-id")
        .first()
    )
