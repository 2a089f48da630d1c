"""Informatieverzoeken: which information is missing, who gets it from whom, by when."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bob.models import InformationRequest
from bob.permissions import ACTION_ROLES
from bob.services._common import clean_text, locked_session, require_runner, require_running
from bob.workflow import INFORMATION_REQUEST_TRANSITIONS, InformationRequestStatus
from kernteam.permissions import can_run_session
from samos.accounts.roles import Role
from samos.audit.services import audit_record

__all__ = ["information_request_answer", "information_request_create"]


@transaction.atomic
def information_request_create(
    *, user, session_uuid, question: str, source: str, requested_by, deadline, request=None
) -> InformationRequest:
    session = locked_session(session_uuid)
    require_runner(user, session)
    require_running(session)
    errors = {}
    question = (question or "").strip()
    source = (source or "").strip()
    if not question:
        errors["question"] = _("Welke informatie ontbreekt? Vul de vraag in.")
    if not source:
        errors["source"] = _("Bij wie is de informatie te krijgen?")
    if (
        requested_by is None
        or not requested_by.is_active
        or not requested_by.has_role(*ACTION_ROLES)
    ):
        errors["requested_by"] = _("Kies het kernteamlid dat de informatie opvraagt.")
    if deadline is None:
        errors["deadline"] = _("Geef een deadline.")
    elif deadline <= timezone.now():
        errors["deadline"] = _("De deadline moet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    info = InformationRequest.objects.create(
        case=session.case,
        session=session,
        question=question[:300],
        source=source[:200],
        requested_by=requested_by,
        deadline=deadline,
        created_by=user,
    )
    audit_record(action="informatieverzoek.aangemaakt", actor=user, obj=info, request=request)
    return info


def _may_answer(user, info: InformationRequest) -> bool:
    return (
        user.pk == info.requested_by_id
        or can_run_session(user, info.session)
        or user.has_role(Role.COORDINATOR)
    )


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
    if info is None or not _may_answer(user, info):
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
