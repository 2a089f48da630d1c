"""Where the kernteam's records mention a person, for the data-subject search (samos.privacy)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samos.privacy.registry import Source
from samos.privacy.search import field_matches

from .models import Attendee, Case, PhaseChange, Preparation, Session


def _day(moment) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y")


def _case_label(case) -> str:
    return f"{_('Casus geopend op')} {_day(case.opened_at)}"


def search(*, terms, limit):
    yield from field_matches(
        Case.objects.all(),
        {"title": _("titel"), "description": _("aanleiding"), "evaluation": _("evaluatie")},
        terms=terms,
        limit=limit,
        kind=_("Casus"),
        describe=_case_label,
        moment=lambda case: case.opened_at,
    )
    yield from field_matches(
        PhaseChange.objects.select_related("case"),
        {"reason": _("reden")},
        terms=terms,
        limit=limit,
        kind=_("Fasewijziging"),
        describe=lambda change: _case_label(change.case),
        moment=lambda change: change.changed_at,
    )
    yield from field_matches(
        Session.objects.select_related("case"),
        {
            "agenda": _("bespreekpunten"),
            "location": _("plaats"),
            "resume_location": _("verder in"),
        },
        terms=terms,
        limit=limit,
        kind=_("Bijeenkomst"),
        describe=lambda session: f"{session.get_kind_display()} {_day(session.starts_at)}",
        moment=lambda session: session.starts_at,
    )
    yield from field_matches(
        Attendee.objects.select_related("session"),
        {
            "guest_name": _("naam"),
            "guest_email": _("e-mailadres"),
            "guest_organisation": _("organisatie"),
            "guest_role": _("rol of functie"),
        },
        terms=terms,
        limit=limit,
        kind=_("Deelnemer (derde)"),
        describe=lambda attendee: f"{_('Bijeenkomst van')} {_day(attendee.session.starts_at)}",
        moment=lambda attendee: attendee.invited_at,
    )
    yield from field_matches(
        Preparation.objects.select_related("session"),
        {name: Preparation._meta.get_field(name).verbose_name for name in Preparation.TEXT_FIELDS},
        terms=terms,
        limit=limit,
        kind=_("Voorbereiding"),
        describe=lambda prep: f"{_('Bijeenkomst van')} {_day(prep.session.starts_at)}",
        moment=lambda prep: prep.updated_at,
    )


SOURCE = Source("kernteam", _("Kernteam en casussen"), search, order=30)
