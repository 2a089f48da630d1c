"""Every write of hand-overs: hand a case over to crisis management, and record that it
came back ("terug naar SAMOS"). Atomic, permission-checked, audited."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kernteam import selectors as kernteam_selectors
from kernteam.models import Case
from samos.audit.services import audit_record

from .documents import situation_snapshot
from .models import Handover, HandoverReturn
from .permissions import can_record_handover
from .workflow import Recipient

__all__ = ["handover_record", "handover_return_record"]

# A moment typed on a phone may be a minute or two ahead of the server's clock.
CLOCK_SLACK = timedelta(minutes=5)


def _not_in_future(errors: dict, field: str, moment, message: str) -> None:
    if moment is not None and moment > timezone.now() + CLOCK_SLACK:
        errors[field] = message


@transaction.atomic
def handover_record(
    *,
    user,
    case_uuid,
    recipient: str,
    handed_over_at,
    scope: str,
    contact_name: str,
    contact_details: str = "",
    request=None,
) -> Handover:
    """Hand CASE over to the regional crisis organisation or the GGD's psychosocial
    protocol, freezing the situation picture of this moment with the record.

    One open hand-over per recipient: a second one waits until the first came back."""
    if not can_record_handover(user):
        raise PermissionDenied
    case = kernteam_selectors.case_get_for(user=user, uuid=case_uuid)  # 404 if not visible
    case = Case.objects.select_for_update().get(pk=case.pk)
    errors = {}
    if not case.is_open:
        raise ValidationError(_("Een gesloten casus wordt niet meer overgedragen."))
    if recipient not in Recipient.values:
        errors["recipient"] = _("Kies aan wie de casus wordt overgedragen.")
    elif Handover.objects.filter(case=case, recipient=recipient, way_back__isnull=True).exists():
        errors["recipient"] = _(
            "De casus is al aan deze partij overgedragen en nog niet teruggegeven."
        )
    if handed_over_at is None:
        errors["handed_over_at"] = _("Geef aan wanneer de casus is overgedragen.")
    _not_in_future(
        errors,
        "handed_over_at",
        handed_over_at,
        _("Leg een overdracht vast als die gebeurd is: het moment ligt in de toekomst."),
    )
    if not scope.strip():
        errors["scope"] = _("Beschrijf wat er wordt overgedragen.")
    if not contact_name.strip():
        errors["contact_name"] = _("Noem de contactpersoon bij de ontvanger.")
    if errors:
        raise ValidationError(errors)
    handover = Handover.objects.create(
        case=case,
        recipient=recipient,
        handed_over_at=handed_over_at,
        handed_over_by=user,
        scope=scope.strip(),
        contact_name=contact_name.strip(),
        contact_details=contact_details.strip(),
        snapshot=situation_snapshot(case=case),
    )
    audit_record(
        action="casus.overgedragen",
        actor=user,
        obj=case,
        request=request,
        details={"overdracht": str(handover.uuid), "aan": recipient},
    )
    return handover


@transaction.atomic
def handover_return_record(
    *,
    user,
    case_uuid,
    handover_uuid,
    returned_at,
    returned_by: str,
    what_comes_back: str,
    request=None,
) -> HandoverReturn:
    """Record that crisis management handed the case back to the kernteam (once)."""
    if not can_record_handover(user):
        raise PermissionDenied
    case = kernteam_selectors.case_get_for(user=user, uuid=case_uuid)
    handover = Handover.objects.select_for_update().filter(case=case, uuid=handover_uuid).first()
    if handover is None:
        raise Http404
    if HandoverReturn.objects.filter(handover=handover).exists():
        raise ValidationError(_("Deze overdracht is al teruggegeven aan SAMOS."))
    errors = {}
    if returned_at is None:
        errors["returned_at"] = _("Geef aan wanneer de casus is teruggegeven.")
    elif returned_at < handover.handed_over_at:
        errors["returned_at"] = _("De teruggave ligt vóór de overdracht: controleer de datum.")
    _not_in_future(
        errors,
        "returned_at",
        returned_at,
        _("Leg een teruggave vast als die gebeurd is: het moment ligt in de toekomst."),
    )
    if not returned_by.strip():
        errors["returned_by"] = _("Noem wie de casus teruggeeft.")
    if not what_comes_back.strip():
        errors["what_comes_back"] = _("Beschrijf wat er terugkomt bij het kernteam.")
    if errors:
        raise ValidationError(errors)
    way_back = HandoverReturn.objects.create(
        handover=handover,
        returned_at=returned_at,
        returned_by=returned_by.strip(),
        what_comes_back=what_comes_back.strip(),
        recorded_by=user,
    )
    audit_record(
        action="casus.teruggegeven_aan_samos",
        actor=user,
        obj=case,
        request=request,
        details={"overdracht": str(handover.uuid), "van": handover.recipient},
    )
    return way_back
