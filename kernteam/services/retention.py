"""Removing a case's kernteam records when its retention period is over.

Called by the bob app's retention category after it removed its own records of the case
(actions, decisions, documents); kernteam cannot see those, so it never starts this
itself. Not exported from kernteam.services: nothing but retention deletes a case.
"""

from django.db import transaction

from kernteam.models import Case, Session


@transaction.atomic
def case_purge(*, case: Case) -> None:
    """Delete CASE with its sessions, attendees (derden included), preparations, phase
    changes and signal links. The signals themselves stay: they have their own periods.

    Raises ProtectedError when a record of another app still points at the case.
    """
    Session.objects.filter(case=case).delete()
    case.delete()
