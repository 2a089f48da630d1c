"""A decision that asks the signalling network to watch: an aandachtsverzoek for the
case's areas and themes, issued in the same step as the decision (Handreiking A2.1)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bob.models import Decision
from bob.services._common import locked_session, require_runner
from samos.audit.services import audit_record
from signals import services as signal_services

__all__ = ["decision_issue_attention_request"]

_TITLE_MAX = 150


@transaction.atomic
def decision_issue_attention_request(*, user, decision: Decision, until, request=None):
    """The aandachtsverzoek of DECISION: its text as what to watch for, the case's areas
    and themes, until UNTIL. Whoever runs the session and may issue aandachtsverzoeken
    (signals decides that) may issue it."""
    session = locked_session(decision.decision_list.session.uuid)
    require_runner(user, session)
    case = session.case
    areas = list(case.areas.all())
    if not areas:
        raise ValidationError(
            {"attention_until": _("De casus heeft nog geen gebieden; geef haar eerst gebieden.")}
        )
    text = " ".join(decision.text.split())
    title = text if len(text) <= _TITLE_MAX else text[: _TITLE_MAX - 1].rstrip() + "…"
    try:
        attention = signal_services.attention_request_create(
            user=user,
            title=title,
            description=_("Uit besluit %(number)s van de bijeenkomst van %(date)s.")
            % {"number": decision.number, "date": f"{session.starts_at:%d-%m-%Y}"},
            until=until,
            areas=areas,
            themes=list(case.themes.all()),
            request=request,
        )
    except ValidationError as error:
        messages = error.message_dict.get("until") or error.messages
        raise ValidationError({"attention_until": messages}) from error
    audit_record(
        action="besluit.aandachtsverzoek",
        actor=user,
        obj=decision,
        request=request,
        details={"aandachtsverzoek": str(attention.uuid)},
    )
    return attention
