"""Who may do what with cases and sessions (deny by default; one place for the rules)."""

from samos.accounts.permission_table import Can, roles_that
from samos.accounts.roles import Role

from .workflow import SessionStatus

# The role sets come from the one permission table (samos.accounts.permission_table).
# Any kernteam member or coördinator opens a case, links signals and sets the phase.
CASE_EDIT_ROLES = roles_that(Can.EDIT_CASES)
# The mayor reads cases (and their documents); communication works per case.
CASE_READ_ROLES = roles_that(Can.READ_CASES)
# Sessions, their preparations and besluitenlijsten: the kernteam table and the mayor.
SESSION_READ_ROLES = roles_that(Can.READ_SESSIONS)
# Any kernteam member, the coördinator or the mayor may convene (Handreiking A2.1).
CONVENE_ROLES = roles_that(Can.CONVENE)
# Who may run and chair any session, and adopt its besluitenlijst: voorzitter, mayor.
CHAIR_ROLES = roles_that(Can.CHAIR)


# Who sees every case, besloten ones included (need-to-know, kernteam.selectors).
SEES_EVERY_CASE_ROLES = roles_that(Can.SEE_EVERY_CASE)


def sees_every_case(user) -> bool:
    return user.is_authenticated and user.has_role(*SEES_EVERY_CASE_ROLES)


def can_edit_cases(user) -> bool:
    return user.is_authenticated and user.has_role(*CASE_EDIT_ROLES)


def can_read_cases(user) -> bool:
    return user.is_authenticated and user.has_role(*CASE_READ_ROLES)


def can_read_sessions(user) -> bool:
    return user.is_authenticated and user.has_role(*SESSION_READ_ROLES)


def can_convene(user) -> bool:
    return user.is_authenticated and user.has_role(*CONVENE_ROLES)


def can_run_session(user, session) -> bool:
    """The session's chair or secretary walks through the werkprotocol; a voorzitter or
    the mayor may take over when the appointed chair is absent."""
    if not user.is_authenticated or not can_read_sessions(user):
        return False
    return user.pk in (session.chair_id, session.secretary_id) or user.has_role(*CHAIR_ROLES)


def can_chair_session(user, session) -> bool:
    """Adopting a besluitenlijst is the chair's act; a coördinator never adopts one alone."""
    if not user.is_authenticated:
        return False
    return user.pk == session.chair_id or user.has_role(*CHAIR_ROLES)


def can_prepare(user, session) -> bool:
    """Invited members (with an account) write their own preparation before the session."""
    return (
        user.is_authenticated
        and can_read_sessions(user)
        and session.attendees.filter(user=user).exists()
    )


def can_invite_guests(user, session) -> bool:
    """Who may invite a derde to a session: its participants (invited members and who
    convened it), those who run it, and the coördinators. Not any member: an invitation
    tells an outside address when, where and (if chosen) what the kernteam discusses."""
    if not user.is_authenticated or not can_read_sessions(user):
        return False
    if user.has_role(Role.COORDINATOR) or can_run_session(user, session):
        return True
    return user.pk == session.convened_by_id or session.attendees.filter(user=user).exists()


def is_session_participant(user, session) -> bool:
    """Chair, secretary, who convened it, an invited member, or the burgemeester. Uses
    the attendees session_get_for prefetched."""
    if not user.is_authenticated:
        return False
    if user.pk in (session.chair_id, session.secretary_id, session.convened_by_id):
        return True
    if user.has_role(Role.BURGEMEESTER):
        return True
    return any(attendee.user_id == user.pk for attendee in session.attendees.all())


_STARTED = frozenset({SessionStatus.BEZIG, SessionStatus.GEPAUZEERD, SessionStatus.AFGEROND})


def can_read_all_preparations(user, session) -> bool:
    """A member's own preparation is theirs and the chair's until the session starts (so
    nobody adjusts their view to a colleague's); from the start on, every participant
    reads them all."""
    if not user.is_authenticated:
        return False
    if user.pk == session.chair_id:
        return True
    return session.status in _STARTED and is_session_participant(user, session)


def can_set_confidential(user, case) -> bool:
    """Making a case besloten (or open again) is for the coördinators and for those who
    take part in it: someone outside it would take a picture away from its participants,
    or hide it from themselves by mistake."""
    from .selectors import case_is_participant  # selectors import this module

    return can_edit_cases(user) and (
        sees_every_case(user) or case_is_participant(user=user, case=case)
    )
