"""Who may do what with communication plans and messages (deny by default).

Every rule also needs the case itself to be visible to the user (need-to-know, through
kernteam.selectors.case_get_for): a role never opens a besloten case by itself.
"""

from samos.accounts.permission_table import Can, roles_that

from .workflow import MessageStatus

# The adviser writes, the mayor directs and approves, the kernteam reads and proposes.
PLAN_READ_ROLES = roles_that(Can.READ_COMMUNICATION)
PLAN_WRITE_ROLES = roles_that(Can.WRITE_COMMUNICATION)
MESSAGE_PROPOSE_ROLES = PLAN_READ_ROLES
MESSAGE_MANAGE_ROLES = roles_that(Can.WRITE_COMMUNICATION)
APPROVER_ROLES = roles_that(Can.APPROVE_COMMUNICATION)


def can_read_communication(user) -> bool:
    return user.is_authenticated and user.has_role(*PLAN_READ_ROLES)


def can_edit_plan(user) -> bool:
    return user.is_authenticated and user.has_role(*PLAN_WRITE_ROLES)


def can_propose_message(user) -> bool:
    return user.is_authenticated and user.has_role(*MESSAGE_PROPOSE_ROLES)


def can_manage_messages(user) -> bool:
    return user.is_authenticated and user.has_role(*MESSAGE_MANAGE_ROLES)


def can_edit_message(user, message) -> bool:
    """The adviser and the mayor edit any message that has not gone out; a kernteam member
    edits the concept they proposed."""
    if not user.is_authenticated or message.status in (
        MessageStatus.VERSTUURD,
        MessageStatus.GEHOUDEN,
        MessageStatus.INGETROKKEN,
    ):
        return False
    if can_manage_messages(user):
        return True
    return message.status == MessageStatus.CONCEPT and message.created_by_id == user.pk


def is_approver_for(user, plan) -> bool:
    """The burgemeester, or the person mandated in this case's plan."""
    if not user.is_authenticated:
        return False
    if user.has_role(*APPROVER_ROLES):
        return True
    return plan is not None and plan.approver_id is not None and plan.approver_id == user.pk


def can_approve_any(user) -> bool:
    """Whether the approval queue is for this user at all (mayor, or mandated somewhere)."""
    if not user.is_authenticated:
        return False
    if user.has_role(*APPROVER_ROLES):
        return True
    from .models import CommunicationPlan  # permissions are imported by models' users

    return CommunicationPlan.objects.filter(approver=user).exists()
