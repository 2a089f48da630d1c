"""The phases of the Handreiking's wave, and the statuses of a case."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    RUST = "rust", _("Rust")
    DREIGENDE_ONRUST = "dreigende_onrust", _("Dreigende onrust")
    ONRUST = "onrust", _("Onrust")
    ESCALATIE = "escalatie", _("Escalatie")
    TERUGKEER = "terugkeer", _("Terugkeer naar rust")


# The kind of action that belongs to each phase (SAMOS.md, "Phase").
PHASE_ACTION_KIND = {
    Phase.RUST: _("proactie en signalering"),
    Phase.DREIGENDE_ONRUST: _("preventie"),
    Phase.ONRUST: _("interventie"),
    Phase.ESCALATIE: _("repressie"),
    Phase.TERUGKEER: _("nazorg"),
}


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "gesloten", _("Gesloten")


class SessionKind(models.TextChoices):
    """The three kinds of kernteam session of the werkprotocol (Handreiking A2.1)."""

    EERSTE = "eerste", _("Eerste bijeenkomst")
    VERVOLG = "vervolg", _("Vervolgbijeenkomst")
    LAATSTE = "laatste", _("Laatste bijeenkomst")


class AttendanceStatus(models.TextChoices):
    """How an attendee took part in one session (recorded by the runner, any session kind)."""

    NIET_VASTGELEGD = "", _("niet vastgelegd")
    AANWEZIG = "aanwezig", _("aanwezig")
    TE_LAAT = "te_laat", _("later aangeschoven")
    AFWEZIG_MET_BERICHT = "afwezig_met_bericht", _("afwezig met bericht")
    AFWEZIG_ZONDER_BERICHT = "afwezig_zonder_bericht", _("afwezig zonder bericht")


# The statuses that count as "was at the table" (present lists, quorum, the besluitenlijst).
ATTENDANCE_PRESENT = frozenset({AttendanceStatus.AANWEZIG, AttendanceStatus.TE_LAAT})


class SessionStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    BEZIG = "bezig", _("Bezig")
    GEPAUZEERD = "gepauzeerd", _("Onderbroken")
    AFGEROND = "afgerond", _("Afgerond")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


# The allowed moves of a session; everything else is refused by the services.
# A pause ("tijdsonderbreking") is left and resumed; a finished session stays finished.
SESSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SessionStatus.GEPLAND: frozenset({SessionStatus.BEZIG, SessionStatus.GEANNULEERD}),
    SessionStatus.BEZIG: frozenset({SessionStatus.GEPAUZEERD, SessionStatus.AFGEROND}),
    SessionStatus.GEPAUZEERD: frozenset({SessionStatus.BEZIG, SessionStatus.AFGEROND}),
    SessionStatus.AFGEROND: frozenset(),
    SessionStatus.GEANNULEERD: frozenset(),
}


def session_can_move(current: str, target: str) -> bool:
    return target in SESSION_TRANSITIONS.get(current, frozenset())
