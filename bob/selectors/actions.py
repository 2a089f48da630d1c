"""Every read of SMART actions, with who may see them.

Actions are read at the kernteam table: users with a kernteam role see the actions of the
cases they can read (all of them, today); nobody else does. Each list carries the
select_related/prefetch its pages need, so a list costs the same number of queries
whatever its length.
"""

from django.db.models import Case as SqlCase
from django.db.models import IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from bob.models import Action, ActionUpdate
from bob.permissions import ACTION_ROLES, can_see_all_actions
from bob.workflow import OPEN_ACTION_STATUSES
from kernteam import selectors as kernteam_selectors
from kernteam.permissions import can_run_session
from samos.accounts.models import User

__all__ = [
    "action_assignable_users",
    "action_get_for",
    "action_list_for_case",
    "action_list_mine",
    "action_list_open_for_case",
    "action_list_to_review",
    "action_list_open_overdue_first",
    "action_list_visible_for",
]

_RELATED = ("case", "session", "executor", "arranged_by", "coordinator")


def _updates_prefetch() -> Prefetch:
    return Prefetch(
        "updates",
        queryset=ActionUpdate.objects.select_related("author", "session").order_by(
            "created_at", "id"
        ),
    )


def _open_first() -> SqlCase:
    return SqlCase(
        When(status__in=OPEN_ACTION_STATUSES, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def action_list_visible_for(*, user) -> QuerySet[Action]:
    """The actions USER may read: kernteam roles only, of the cases they can read."""
    if not user.is_authenticated or not user.has_role(*ACTION_ROLES):
        return Action.objects.none()
    cases = kernteam_selectors.case_list_visible_for(user=user)
    # Whoever carries out, arranges or coordinates an action keeps sight of it, even in a
    # besloten case they do not otherwise take part in: they have to do it.
    own = Q(executor=user) | Q(arranged_by=user) | Q(coordinator=user)
    return Action.objects.filter(Q(case__in=cases.values("pk")) | own).select_related(*_RELATED)


def action_list_mine(*, user) -> QuerySet[Action]:
    """What USER carries out, arranges or coordinates: open first, then by due date."""
    return (
        action_list_visible_for(user=user)
        .filter(Q(executor=user) | Q(arranged_by=user) | Q(coordinator=user))
        .annotate(open_rank=_open_first())
        .order_by("open_rank", "due_date", "id")
    )


def action_list_open_overdue_first(*, user) -> QuerySet[Action]:
    """Every open action, overdue ones first, then by due date (the coördinators' view)."""
    if not can_see_all_actions(user):
        return Action.objects.none()
    overdue_first = SqlCase(
        When(due_date__lt=timezone.localdate(), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        action_list_visible_for(user=user)
        .filter(status__in=OPEN_ACTION_STATUSES)
        .annotate(overdue_rank=overdue_first)
        .order_by("overdue_rank", "due_date", "id")
    )


def action_get_for(*, user, uuid, session=None) -> Action:
    """The action with its progress history, or 404.

    With SESSION (already read through kernteam's selectors) its chair or secretary may
    read the actions of the session's case too: reviewing them is part of running it.
    """
    actions = action_list_visible_for(user=user)
    if session is not None and can_run_session(user, session):
        actions = Action.objects.filter(case_id=session.case_id).select_related(*_RELATED)
    action = (
        actions.prefetch_related(_updates_prefetch(), "updates__signals").filter(uuid=uuid).first()
    )
    if action is None:
        raise Http404
    return action


def action_list_for_case(*, user, case) -> QuerySet[Action]:
    """The actions of CASE that USER may read, open first, then by due date."""
    return (
        action_list_visible_for(user=user)
        .filter(case=case)
        .annotate(open_rank=_open_first())
        .order_by("open_rank", "due_date", "id")
    )


def action_list_open_for_case(*, case) -> QuerySet[Action]:
    """The open actions of CASE with their updates: what a follow-up session reviews.

    No user: the caller has already decided the reader may see the session (the runner);
    this is the carry-over from earlier sessions, not a list of its own.
    """
    return (
        Action.objects.filter(case=case, status__in=OPEN_ACTION_STATUSES)
        .select_related(*_RELATED)
        .prefetch_related(_updates_prefetch())
        .order_by("due_date", "id")
    )


def action_list_to_review(*, session) -> QuerySet[Action]:
    """What a follow-up reviews: every action of the case that was open at the previous
    session — still open, or closed since — open ones first. Without a previous session,
    the open ones. No user: the caller has decided the reader may see the session."""
    previous = kernteam_selectors.session_previous(session=session)
    still_or_lately_open = Q(status__in=OPEN_ACTION_STATUSES)
    if previous is not None:
        still_or_lately_open |= Q(closed_at__gte=previous.starts_at)
    return (
        Action.objects.filter(still_or_lately_open, case_id=session.case_id)
        .select_related(*_RELATED)
        .prefetch_related(_updates_prefetch())
        .annotate(open_rank=_open_first())
        .order_by("open_rank", "due_date", "id")
    )


def action_assignable_users() -> QuerySet[User]:
    """Who can carry out, arrange or coordinate an action: active users with a kernteam
    role."""
    return (
        User.objects.filter(is_active=True, groups__name__in=[str(r) for r in ACTION_ROLES])
        .select_related("organisation")
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
