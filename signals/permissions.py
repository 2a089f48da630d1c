"""Who may do what with signals. The visibility rule itself lives in selectors.py."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from samos.accounts.permission_table import Can, roles_that
from samos.accounts.roles import Role

# Everyone with eyes on the street or at the kernteam table may log and confirm signals.
LOG_ROLES = roles_that(Can.LOG_SIGNALS)
# ... and read them; the burgemeester reads them too (she may chair), without logging.
VIEW_ROLES = roles_that(Can.READ_SIGNALS)
# Who reads every ordinary signal; a signaleerder reads those of their own organisation.
READ_ALL_ORDINARY_ROLES = VIEW_ROLES - {Role.SIGNALEERDER}
TRIAGE_ROLES = roles_that(Can.TRIAGE_SIGNALS)
# Bulk copies (CSV, Excel) for who works with signals, not for every reader.
EXPORT_ROLES = roles_that(Can.EXPORT_SIGNALS)
# Confidential and personal-data signals: besides the author, only these roles.
SENSITIVE_ROLES = roles_that(Can.READ_SENSITIVE_SIGNALS)


def can_log(user) -> bool:
    return user.is_authenticated and user.has_role(*LOG_ROLES)


def can_triage(user) -> bool:
    return user.is_authenticated and user.has_role(*TRIAGE_ROLES)


def can_confirm(user, signal) -> bool:
    """Anyone who may log signals and sees this one, except its author."""
    return can_log(user) and signal.author_id != user.pk


# Who may ask the network to watch for something (aandachtsverzoek).
ATTENTION_MANAGE_ROLES = roles_that(Can.ISSUE_ATTENTION_REQUESTS)


def can_manage_attention_requests(user) -> bool:
    return user.is_authenticated and user.has_role(*ATTENTION_MANAGE_ROLES)


# A signaller may still correct or withdraw their own signal while it is new or looked at
# and young (SAMOS_SIGNAL_CORRECTION_HOURS); a signal a case holds is the kernteam's record.
AUTHOR_CHANGEABLE_STATUSES = frozenset({"nieuw", "bekeken"})


def correction_deadline(signal):
    return signal.created_at + timedelta(hours=settings.SAMOS_SIGNAL_CORRECTION_HOURS)


def author_may_still_change(user, signal, *, now=None) -> bool:
    return (
        user.is_authenticated
        and signal.author_id == user.pk
        and can_log(user)
        and signal.status in AUTHOR_CHANGEABLE_STATUSES
        and (now or timezone.now()) <= correction_deadline(signal)
    )


def can_edit(user, signal) -> bool:
    """The coördinator always; the author within the correction window."""
    return can_triage(user) or author_may_still_change(user, signal)


def can_withdraw(user, signal) -> bool:
    return author_may_still_change(user, signal)
