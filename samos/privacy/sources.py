"""Data-subject search sources of samos itself: accounts, sent reminders, the audit log."""

from django.db.models import Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samos.accounts.models import User
from samos.audit.models import AuditEvent
from samos.reminders.models import SentReminder

from .registry import Source
from .search import field_matches


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M") if moment else ""


def search_users(*, terms, limit):
    users = User.objects.annotate(full_name=Concat("first_name", Value(" "), "last_name"))
    return field_matches(
        users,
        {
            "username": _("gebruikersnaam"),
            "full_name": _("naam"),
            "email": _("e-mailadres"),
            "job_title": _("functie"),
        },
        terms=terms,
        limit=limit,
        kind=_("Gebruiker"),
        describe=lambda user: user.get_username(),
        moment=lambda user: user.date_joined,
    )


def search_reminders(*, terms, limit):
    return field_matches(
        SentReminder.objects.order_by("-due_at"),
        {"recipient": _("ontvanger")},
        terms=terms,
        limit=limit,
        kind=_("Verstuurde herinnering"),
        describe=lambda row: f"{row.key} ({row.offset})",
        moment=lambda row: row.sent_at or row.claimed_at,
    )


def search_audit(*, terms, limit):
    return field_matches(
        AuditEvent.objects.order_by("-at"),
        {"actor_label": _("actor"), "object_label": _("object")},
        terms=terms,
        limit=limit,
        kind=_("Auditregel"),
        describe=lambda event: f"{_local(event.at)} {event.action}",
        moment=lambda event: event.at,
    )


SAMOS_SOURCES = (
    Source("accounts.gebruikers", _("Gebruikers"), search_users, order=10),
    Source("herinneringen", _("Verstuurde herinneringen"), search_reminders, order=80),
    Source("auditlog", _("Auditlog"), search_audit, order=90),
)
