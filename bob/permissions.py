"""Who may do what in the BOB procedure. Session-level rules come from kernteam."""

from django.db.models import Q

from kernteam.models import Session
from kernteam.permissions import (  # noqa: F401  (re-exported for bob's views)
    CHAIR_ROLES,
    SESSION_READ_ROLES,
    can_chair_session,
    can_convene,
    can_read_sessions,
    can_run_session,
)
from samos.accounts.permission_table import Can, roles_that
from samos.accounts.roles import Role

# /acties/: everyone at the kernteam table (the mayor too) sees their own actions;
# coördinators and those who chair see all.
ACTION_ROLES = roles_that(Can.CARRY_ACTIONS)
ACTION_OVERVIEW_ROLES = roles_that(Can.SEE_ALL_ACTIONS)


def can_see_all_actions(user) -> bool:
    return user.is_authenticated and user.has_role(*ACTION_OVERVIEW_ROLES)


def can_update_action(user, action) -> bool:
    """Progress is reported by whoever carries, arranges or coordinates the action, and by
    the coördinators who keep the overview."""
    if not user.is_authenticated or not user.has_role(*ACTION_ROLES):
        return False
    involved = {action.executor_id, action.arranged_by_id, action.coordinator_id}
    return user.pk in involved or user.has_role(Role.COORDINATOR)


def can_set_out_information_request(user) -> bool:
    """An information request on a case, outside a session (before the kernteam is
    convened, or between sessions): whoever may convene it (Handreiking A2.1)."""
    return can_convene(user)


def runs_a_session_of(user, case_id) -> bool:
    """Whether USER chairs or takes the minutes of one of the case's sessions."""
    return (
        Session.objects.filter(case_id=case_id).filter(Q(chair=user) | Q(secretary=user)).exists()
    )


def can_answer_information_request(user, info, *, runs_case_session=None) -> bool:
    """Who records what came in, or that it is no longer needed: whoever fetches it and
    the coördinators; for one asked in a session, whoever runs that session; for one set
    out on the case page, who set it out, a voorzitter or the mayor, and the chair or
    secretary of one of the case's sessions. Whether the case is visible at all is the
    selectors' rule (bob.selectors.information_request_get_for). RUNS_CASE_SESSION: a
    callable answering runs_a_session_of for the case, for a caller checking many."""
    if not user.is_authenticated or not can_read_sessions(user):
        return False
    if user.pk == info.requested_by_id or user.has_role(Role.COORDINATOR):
        return True
    if info.session_id is not None:
        return can_run_session(user, info.session)
    if user.pk == info.created_by_id or user.has_role(*CHAIR_ROLES):
        return True
    if runs_case_session is not None:
        return runs_case_session()
    return runs_a_session_of(user, info.case_id)
