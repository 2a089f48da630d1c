"""Writes of the verslag: what the chair chooses to put in it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from bob.models import ADOPTED_IS_FINAL, DecisionList, ImmutableRecord
from bob.services._common import locked_session
from bob.services.decisions import decision_list_for
from kernteam.permissions import can_chair_session
from samos.audit.services import audit_record

__all__ = ["minutes_preparations_set"]


@transaction.atomic
def minutes_preparations_set(*, user, session_uuid, include: bool, request=None) -> DecisionList:
    """Whether the verslag of SESSION_UUID summarises the preparations (the chair's call:
    they were written for the table, not necessarily for the record)."""
    session = locked_session(session_uuid)
    if not can_chair_session(user, session):
        raise PermissionDenied
    decision_list = decision_list_for(session)
    if decision_list.is_adopted:
        raise ImmutableRecord(ADOPTED_IS_FINAL, code="immutable")
    DecisionList.objects.filter(pk=decision_list.pk).update(include_preparations=include)
    decision_list.include_preparations = include
    audit_record(
        action="verslag.voorbereidingen",
        actor=user,
        obj=session,
        request=request,
        details={"opgenomen": include},
    )
    return decision_list
