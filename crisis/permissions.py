"""Who may hand a case over to crisis management and record its return (deny by default).

Derived from kernteam's rules: whoever may edit a case, and the burgemeester, who holds
command when crisis management takes over. Reading follows the sessions' readers (the
kernteam table and the mayor): the situation picture holds beeld, oordeel and decisions.
Every rule also needs the case itself to be visible (kernteam.selectors.case_get_for), so
a besloten case's hand-over is seen only by those who see the case.
"""

from kernteam.permissions import CASE_EDIT_ROLES, SESSION_READ_ROLES, can_read_sessions
from samos.accounts.roles import Role

HANDOVER_READ_ROLES = SESSION_READ_ROLES
HANDOVER_WRITE_ROLES = CASE_EDIT_ROLES | {Role.BURGEMEESTER}


def can_read_handovers(user) -> bool:
    return can_read_sessions(user)


def can_record_handover(user) -> bool:
    return user.is_authenticated and user.has_role(*HANDOVER_WRITE_ROLES)
