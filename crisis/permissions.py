"""Who may hand a case over to crisis management and record its return (deny by default).

The role sets come from the one permission table (samos.accounts.permission_table):
recording is Can.HAND_OVER (whoever edits a case, and the burgemeester); reading follows
the sessions' readers (the situation picture holds beeld, oordeel and decisions). Every
rule also needs the case itself to be visible (kernteam.selectors.case_get_for), so a
besloten case's hand-over is seen only by those who see the case.
"""

from kernteam.permissions import SESSION_READ_ROLES, can_read_sessions
from samos.accounts.permission_table import Can, roles_that

HANDOVER_READ_ROLES = SESSION_READ_ROLES
HANDOVER_WRITE_ROLES = roles_that(Can.HAND_OVER)


def can_read_handovers(user) -> bool:
    return can_read_sessions(user)


def can_record_handover(user) -> bool:
    return user.is_authenticated and user.has_role(*HANDOVER_WRITE_ROLES)
