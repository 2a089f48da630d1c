"""Informatieverzoeken: which information is missing, who gets it from whom, by when.

Asked in a session (by whoever runs it), or set out on the case page outside a session
(before the kernteam is convened, or between sessions) by anyone who may convene.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bob.models import InformationRequest
from bob.permissions import (
    ACTION_ROLES,
    can_answer_information_request,
    can_set_out_information_request,
)
from bob.services._common import clean_text, locked_session, require_runner, require_running
from bob.workflow import INFORMATION_REQUEST_TRANSITIONS, InformationRequestStatus
from kernteam import selectors as kernteam_selectors
from kernteam.models import Case
from samos.audit.services import audit_record

__all__ = [
    "INFORMATION_REQUEST_MESSAGES",
    "case_information_request_create",
    "information_request_clean",
    "information_request_answer",
    "information_request_create",
]

# One wording per refusal, the same in the runner and on the case page.
INFORMATION_REQUEST_MESSAGES = {
    "question_required": gettext_lazy("Welke informatie ontbreekt? Vul de vraag in."),
    "source_required": gettext_lazy("Bij wie is de informatie te krijgen?"),
    "requested_by_required": gettext_lazy("Kies het kernteamlid dat de informatie opvraagt."),
    "deadline_required": gettext_lazy("Geef een deadline."),
    "deadline_past": gettext_lazy("De deadline moet in de toekomst liggen."),
    "case_closed": gettext_lazy(
        "De casus is gesloten; er kunnen geen informatieverzoeken meer worden uitgezet."
    ),
}


def information_request_clean(*, question, source, requested_by, deadline) -> dict:
    """The fields of a new request, trimmed; a ValidationError naming each field that is
    wrong (the same for a request in a session and one on the case page)."""
    messages = INFORMATION_REQUEST_MESSAGES
    errors = {}
    question = (question or "").strip()
    source = (source or "").strip()
    if not question:
        errors["question"] = str(messages["question_required"])
    if not source:
        errors["source"] = str(messages["source_required"])
    if (
        requested_by is None
        or not requested_by.is_active
        or not requested_by.has_role(*ACTION_ROLES)
    ):
        errors["requested_by"] = str(messages["requested_by_required"])
    if deadline is None:
        errors["deadline"] = str(messages["deadline_required"])
    elif deadline <= timezone.now():
        errors["deadline"] = str(messages["deadline_past"])
    if errors:
        raise ValidationError(errors)
    return {
        "question": question[:300],
        "source": source[:200],
        "requested_by": requested_by,
        "deadline": deadline,
    }


@transaction.atomic
def information_request_create(
    *, user, session_uuid, question: str, source: str, requested_by, deadline, request=None
) -> InformationRequest:
    """Ask for information in a running session (its chair or secretary)."""
    session = locked_session(session_uuid)
    require_runner(user, session)
    require_running(session)
    fields = information_request_clean(
        question=question, source=source, requested_by=requested_by, deadline=deadline
    )
    info = InformationRequest.objects.create(
        case=session.case, session=session, created_by=user, **fields
    )
    audit_record(action="informatieverzoek.aangemaakt", actor=user, obj=info, request=request)
    return info


@transaction.atomic
def case_information_request_create(
    *, user, case_uuid, question: str, source: str, requested_by, deadline, request=None
) -> InformationRequest:
    """Set out an information request on an open case, outside a session: what the
    kernteam needs to know before it convenes (or before it meets again). Anyone who may
    convene the kernteam may; the case must be one they can see (404 otherwise)."""
    if not can_set_out_information_request(user):
        raise PermissionDenied
    visible = kernteam_selectors.case_get_for(user=user, uuid=case_uuid)
    # Locked: a case being closed at the same moment gets no new request after it.
    case = Case.objects.select_for_update().get(pk=visible.pk)
    if not case.is_open:
        raise ValidationError(
            {NON_FIELD_ERRORS: str(INFORMATION_REQUEST_MESSAGES["case_closed"])},
            code="case_closed",
        )
    fields = information_request_clean(
        question=question, source=source, requested_by=requested_by, deadline=deadline
    )
    info = InformationRequest.objects.create(case=case, session=None, created_by=user, **fields)
    audit_record(
        action="informatieverzoek.aangemaakt",
        actor=user,
        obj=info,
        request=request,
        details={"casus": str(case.uuid), "bijeenkomst": ""},
    )
    return info


def _is_visible(user, info: InformationRequest) -> bool:
    # Imported here: bob.selectors and bob.services are packages whose modules may import
    # each other; a late import cannot form a cycle.
    from bob.selectors.sessions import information_request_list_visible_for

    return information_request_list_visible_for(user=user).filter(pk=info.pk).exists()


@transaction.atomic
def information_request_answer(
    *, user, request_uuid, status: str, answer: str = "", request=None
) -> InformationRequest:
    """Record what came in (ontvangen, with the answer) or that it is no longer needed."""
    info = (
        InformationRequest.objects.select_for_update(of=("self",))
        .select_related("session", "case")
        .filter(uuid=request_uuid)
        .first()
    )
    if (
        info is None
        or not can_answer_information_request(user, info)
        or not _is_visible(user, info)
    ):
        raise PermissionDenied
    if status not in INFORMATION_REQUEST_TRANSITIONS.get(info.status, ()):
        raise ValidationError(
            {
                "status": _("Dit informatieverzoek is al %(status)s.")
                % {"status": info.get_status_display().lower()}
            }
        )
    answer = clean_text(
        answer,
        field="answer",
        required=status == InformationRequestStatus.ONTVANGEN,
        message=_("Schrijf op wat er binnenkwam."),
    )
    info.status = status
    info.answer = answer
    info.answered_at = timezone.now()
    info.save(update_fields=["status", "answer", "answered_at"])
    audit_record(
        action="informatieverzoek.afgehandeld",
        actor=user,
        obj=info,
        request=request,
        details={"status": status},
    )
    return info
