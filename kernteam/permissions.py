"""Who may do what with cases."""

from samos.accounts.roles import KERNTEAM_ROLES, Role

# Any kernteam member or coördinator opens a case, links signals and sets the phase.
CASE_EDIT_ROLES = KERNTEAM_ROLES
# The mayor reads cases (and their documents); communication works per case.
CASE_READ_ROLES = KERNTEAM_ROLES | {Role.BURGEMEESTER, Role.COMMUNICATIE}


def can_edit_cases(user) -> bool:
    return user.is_authenticated and user.has_role(*CASE_EDIT_ROLES)


def can_read_cases(user) -> bool:
    return user.is_authenticated and user.has_role(*CASE_READ_ROLES)
