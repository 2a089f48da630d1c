"""Who may do what in the BOB procedure. Session-level rules come from kernteam."""

from kernteam.permissions import (  # noqa: F401  (re-exported for bob's views)
    SESSION_READ_ROLES,
    can_chair_session,
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
