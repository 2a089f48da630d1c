"""The roles of SAMOS (SAMOS.md, "Who uses it"), held as Django groups.

The group name is the role's code. Apps add the model permissions a role needs with
`grant()` in their AppConfig.ready(); `roles_sync` writes them to the groups after
every migrate, so the database always follows the code.
"""

from collections import defaultdict

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SIGNALEERDER = "signaleerder", _("Signaleerder")
    COORDINATOR = "coordinator", _("Coördinator")
    KERNTEAMLID = "kernteamlid", _("Kernteamlid")
    VOORZITTER = "voorzitter", _("Voorzitter")
    BURGEMEESTER = "burgemeester", _("Burgemeester")
    COMMUNICATIE = "communicatieadviseur", _("Communicatieadviseur")
    BEHEERDER = "beheerder", _("Beheerder")


ALL_ROLES = frozenset(Role)
# Everyone who sits at the kernteam table (sees cases and sessions).
KERNTEAM_ROLES = frozenset({Role.COORDINATOR, Role.KERNTEAMLID, Role.VOORZITTER})

ROLE_DESCRIPTIONS = {
    Role.SIGNALEERDER: _(
        "Legt signalen vast, bevestigt signalen van anderen en beantwoordt aandachtsverzoeken."
    ),
    Role.COORDINATOR: _(
        "Beoordeelt binnenkomende signalen, koppelt ze aan casussen, bereidt "
        "bijeenkomsten voor en zet aandachtsverzoeken uit aan het netwerk."
    ),
    Role.KERNTEAMLID: _(
        "Maakt een vooraf-afweging (bijeenroepen, alleen partners informeren, andere acties "
        "of nu geen actie), roept het kernteam bijeen, bereidt zich voor, neemt deel aan "
        "bijeenkomsten en is eigenaar van acties."
    ),
    Role.VOORZITTER: _(
        "Leidt bijeenkomsten stap voor stap, legt besluiten vast en stelt de besluitenlijst vast."
    ),
    Role.BURGEMEESTER: _(
        "Roept het kernteam bijeen, leidt bijeenkomsten en stelt besluitenlijsten vast, zoals "
        "een voorzitter. Leest casussen, signalen (zonder vertrouwelijke of persoonsgegevens) "
        "en alle stukken. Regisseert de communicatie en keurt uitingen goed."
    ),
    Role.COMMUNICATIE: _(
        "Schrijft per casus het communicatieplan en de uitingen, biedt ze ter goedkeuring aan "
        "en legt vast wanneer ze de deur uit zijn. Leest de casussen, de stap Communicatie "
        "van de bijeenkomsten en de vastgestelde besluitenlijsten; geen signalen."
    ),
    Role.BEHEERDER: _("Beheert gebruikers, rollen, gebieden, thema's en organisaties."),
}

_GRANTS: dict[str, set[str]] = defaultdict(set)


def grant(role: str, *permissions: str) -> None:
    """Give ROLE the model permissions `app_label.codename` (called from AppConfig.ready)."""
    _GRANTS[Role(role)].update(permissions)


def granted_permissions(role: str) -> frozenset[str]:
    return frozenset(_GRANTS.get(Role(role), ()))
