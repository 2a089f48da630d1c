"""Who may do what with signals. The visibility rule itself lives in selectors.py."""

from samos.accounts.roles import Role

# Everyone with eyes on the street or at the kernteam table may log and confirm signals.
LOG_ROLES = frozenset({Role.SIGNALEERDER, Role.COORDINATOR, Role.KERNTEAMLID, Role.VOORZITTER})
VIEW_ROLES = LOG_ROLES
TRIAGE_ROLES = frozenset({Role.COORDINATOR})
# Confidential and personal-data signals: besides the author, only these roles.
SENSITIVE_ROLES = frozenset({Role.COORDINATOR, Role.VOORZITTER})


def can_log(user) -> bool:
    return user.is_authenticated and user.has_role(*LOG_ROLES)


def can_triage(user) -> bool:
    return user.is_authenticated and user.has_role(*TRIAGE_ROLES)


def can_confirm(user, signal) -> bool:
    """Anyone who may log signals and sees this one, except its author."""
    return can_log(user) and signal.author_id != user.pk


# Who may ask the network to watch for something (aandachtsverzoek).
ATTENTION_MANAGE_ROLES = frozenset({Role.COORDINATOR, Role.KERNTEAMLID, Role.VOORZITTER})


def can_manage_attention_requests(user) -> bool:
    return user.is_authenticated and user.has_role(*ATTENTION_MANAGE_ROLES)
