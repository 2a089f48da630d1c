"""Removing a closed case at the end of its retention period, bob's records first.

Adopted besluitenlijsten and their decisions refuse every change and delete through
their model and queryset (bob.models): that guards the record while it is kept. At the
end of the archive period the record goes as a whole, so this module, and only this
one, deletes them through Django's plain QuerySet on purpose.
"""

from django.db import models, transaction
from django.db.models import Q

from bob.models import (
    Action,
    ActionUpdate,
    CaseDocument,
    CaseDossier,
    Decision,
    DecisionList,
    DecisionReview,
    InformationRequest,
    Scenario,
)
from kernteam.models import Case
from kernteam.services.retention import case_purge
from samos.documents.services import stored_documents_delete


@transaction.atomic
def case_purge_with_records(*, case: Case) -> int:
    """Delete CASE with every BOB record and stored PDF of it; return the PDFs removed.

    Raises ProtectedError (and changes nothing) when another case's record still points
    at this one, such as a correction made in another case's session.
    """
    sessions = Q(session__case=case)
    lists = DecisionList.objects.filter(session__case=case)
    decisions = Decision.objects.filter(decision_list__session__case=case)
    document_ids = set(CaseDocument.objects.filter(case=case).values_list("document_id", flat=True))
    for field in ("document_id", "minutes_document_id"):
        document_ids |= set(lists.exclude(**{field: None}).values_list(field, flat=True))

    CaseDossier.objects.filter(case=case).delete()
    # Another case's action or update that was discussed in this case's sessions keeps
    # its own record, without the pointer.
    ActionUpdate.objects.filter(sessions).exclude(action__case=case).update(session=None)
    Action.objects.filter(sessions).exclude(case=case).update(session=None)
    Action.objects.filter(case=case).delete()  # with their updates
    DecisionReview.objects.filter(Q(decision__in=decisions) | sessions).delete()
    InformationRequest.objects.filter(Q(case=case) | sessions).delete()
    Scenario.objects.filter(Q(case=case) | sessions).delete()
    # Corrections point at earlier decisions of the same case (PROTECT); cut the chain.
    models.QuerySet.update(decisions, corrects=None)
    models.QuerySet.delete(decisions)
    models.QuerySet.delete(lists)
    CaseDocument.objects.filter(case=case).delete()
    removed = stored_documents_delete(ids=document_ids)
    case_purge(case=case)
    return removed
