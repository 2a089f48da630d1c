"""Where signals mention a person, for the beheerder's data-subject search (samos.privacy)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samos.privacy.registry import Source
from samos.privacy.search import field_matches

from .models import Attachment, AttentionRequest, Confirmation, Signal

_AUTHOR = {
    "author__username": _("gemeld door (gebruikersnaam)"),
    "author__first_name": _("gemeld door (voornaam)"),
    "author__last_name": _("gemeld door (achternaam)"),
    "author__email": _("gemeld door (e-mail)"),
}


def _signal_label(signal) -> str:
    moment = timezone.localtime(signal.observed_at).strftime("%d-%m-%Y")
    return f"{_('Signaal')} {moment}, {signal.area.name}"


def search(*, terms, limit):
    signals = Signal.objects.select_related("area", "author")
    yield from field_matches(
        signals,
        {
            "observation": _("waarneming"),
            "impression": _("eigen eerste indruk"),
            "status_reason": _("toelichting status"),
            **_AUTHOR,
        },
        terms=terms,
        limit=limit,
        kind=_("Signaal"),
        describe=_signal_label,
        moment=lambda signal: signal.observed_at,
    )
    yield from field_matches(
        Confirmation.objects.select_related("signal__area", "author"),
        {
            "observation": _("eigen waarneming"),
            "author__username": _("bevestigd door (gebruikersnaam)"),
            "author__last_name": _("bevestigd door (achternaam)"),
            "author__email": _("bevestigd door (e-mail)"),
        },
        terms=terms,
        limit=limit,
        kind=_("Bevestiging"),
        describe=lambda confirmation: _signal_label(confirmation.signal),
        moment=lambda confirmation: confirmation.created_at,
    )
    yield from field_matches(
        Attachment.objects.select_related("signal__area"),
        {"download_name": _("bestandsnaam")},
        terms=terms,
        limit=limit,
        kind=_("Bijlage"),
        describe=lambda attachment: _signal_label(attachment.signal),
        moment=lambda attachment: attachment.created_at,
    )
    yield from field_matches(
        AttentionRequest.objects.all(),
        {"title": _("waar letten we op?"), "description": _("toelichting")},
        terms=terms,
        limit=limit,
        kind=_("Aandachtsverzoek"),
        describe=lambda request: f"{_('tot en met')} {request.until:%d-%m-%Y}",
        moment=lambda request: request.created_at,
    )


SOURCE = Source("signalen", _("Signalen"), search, order=20)
