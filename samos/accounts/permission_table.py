"""Which role may do what: the one table the apps' permission modules take their role
sets from (signals/, kernteam/, bob/, communicatie/ and crisis/permissions.py). Object rules —
"only the chair of this session", "only who carries this action" — stay in those modules;
what a role may do at all is written here, once, and shown to the beheerder on
/beheer/rollen/.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from .roles import KERNTEAM_ROLES, Role


class Can(StrEnum):
    LOG_SIGNALS = "signalen_melden"
    READ_SIGNALS = "signalen_lezen"
    READ_SENSITIVE_SIGNALS = "gevoelige_signalen_lezen"
    TRIAGE_SIGNALS = "signalen_beoordelen"
    EXPORT_SIGNALS = "signalen_exporteren"
    ISSUE_ATTENTION_REQUESTS = "aandachtsverzoeken_uitzetten"
    READ_CASES = "casussen_lezen"
    EDIT_CASES = "casussen_bewerken"
    SEE_EVERY_CASE = "elke_casus_zien"
    ASSESS = "vooraf_afwegen"
    READ_SESSIONS = "bijeenkomsten_lezen"
    CONVENE = "bijeenroepen"
    CHAIR = "voorzitten"
    LEAD = "overzicht_houden"
    CARRY_ACTIONS = "acties_uitvoeren"
    SEE_ALL_ACTIONS = "alle_acties_zien"
    READ_OFFICIAL_RECORDS = "vastgestelde_stukken_lezen"
    READ_COMMUNICATION = "communicatie_lezen"
    WRITE_COMMUNICATION = "communicatie_schrijven"
    APPROVE_COMMUNICATION = "uitingen_goedkeuren"
    HAND_OVER = "overdragen_aan_crisisbeheersing"


# The mayor is, with the police, the core of the kernteam and often its chair
# (Handreiking A2): she convenes, chairs and adopts like a voorzitter.
_CHAIRS = frozenset({Role.VOORZITTER, Role.BURGEMEESTER})
_AT_THE_TABLE = KERNTEAM_ROLES | {Role.BURGEMEESTER}

PERMISSIONS: dict[Can, frozenset[Role]] = {
    Can.LOG_SIGNALS: frozenset({Role.SIGNALEERDER, *KERNTEAM_ROLES}),
    Can.READ_SIGNALS: frozenset({Role.SIGNALEERDER, *_AT_THE_TABLE}),
    Can.READ_SENSITIVE_SIGNALS: frozenset({Role.COORDINATOR, Role.VOORZITTER}),
    Can.TRIAGE_SIGNALS: frozenset({Role.COORDINATOR}),
    Can.EXPORT_SIGNALS: frozenset({Role.SIGNALEERDER, *KERNTEAM_ROLES}),
    Can.ISSUE_ATTENTION_REQUESTS: KERNTEAM_ROLES,
    Can.READ_CASES: _AT_THE_TABLE | {Role.COMMUNICATIE},
    Can.EDIT_CASES: KERNTEAM_ROLES,
    Can.SEE_EVERY_CASE: frozenset({Role.COORDINATOR, Role.BURGEMEESTER}),
    # The vooraf-afweging links signals and may open a case or agree actions: whoever
    # edits cases (Handreiking A2.1: each kernteam member, on their own).
    Can.ASSESS: KERNTEAM_ROLES,
    Can.READ_SESSIONS: _AT_THE_TABLE,
    Can.CONVENE: _AT_THE_TABLE,
    Can.CHAIR: _CHAIRS,
    Can.LEAD: frozenset({Role.COORDINATOR, *_CHAIRS}),
    Can.CARRY_ACTIONS: _AT_THE_TABLE,
    Can.SEE_ALL_ACTIONS: frozenset({Role.COORDINATOR, *_CHAIRS}),
    Can.READ_OFFICIAL_RECORDS: _CHAIRS,
    Can.READ_COMMUNICATION: _AT_THE_TABLE | {Role.COMMUNICATIE},
    Can.WRITE_COMMUNICATION: frozenset({Role.COMMUNICATIE, Role.BURGEMEESTER}),
    Can.APPROVE_COMMUNICATION: frozenset({Role.BURGEMEESTER}),
    # Whoever edits a case, and the mayor, who holds command once crisis management takes
    # over (SAMOS complements the crisis plan and the GGD's psychosocial protocol).
    Can.HAND_OVER: frozenset({*KERNTEAM_ROLES, Role.BURGEMEESTER}),
}

LABELS: dict[Can, str] = {
    Can.LOG_SIGNALS: _("Signalen melden en bevestigen"),
    Can.READ_SIGNALS: _("Signalen lezen (zonder vertrouwelijke en persoonsgegevens)"),
    Can.READ_SENSITIVE_SIGNALS: _("Vertrouwelijke signalen en signalen met persoonsgegevens"),
    Can.TRIAGE_SIGNALS: _("Signalen beoordelen (inbox) en corrigeren"),
    Can.EXPORT_SIGNALS: _("Signalen exporteren (CSV, Excel)"),
    Can.ISSUE_ATTENTION_REQUESTS: _("Aandachtsverzoeken uitzetten"),
    Can.READ_CASES: _("Casussen lezen"),
    Can.EDIT_CASES: _("Casussen openen, signalen koppelen, fase zetten"),
    Can.SEE_EVERY_CASE: _("Ook besloten casussen zien"),
    Can.ASSESS: _("Vooraf-afweging maken: bijeenroepen, alleen partners informeren, …"),
    Can.READ_SESSIONS: _("Bijeenkomsten en hun stukken lezen"),
    Can.CONVENE: _("Het kernteam bijeenroepen"),
    Can.CHAIR: _("Elke bijeenkomst leiden en besluitenlijsten vaststellen"),
    Can.LEAD: _("Overzicht op de startpagina: voor te bereiden, vast te stellen, te laat"),
    Can.CARRY_ACTIONS: _("Acties uitvoeren en voortgang melden"),
    Can.SEE_ALL_ACTIONS: _("Alle acties zien"),
    Can.READ_OFFICIAL_RECORDS: _("Leestafel van vastgestelde stukken"),
    Can.READ_COMMUNICATION: _("Communicatieplannen en uitingen lezen, uitingen voorstellen"),
    Can.WRITE_COMMUNICATION: _("Communicatieplannen en uitingen schrijven"),
    Can.APPROVE_COMMUNICATION: _("Uitingen goedkeuren"),
    Can.HAND_OVER: _("Een casus overdragen aan crisisbeheersing en de teruggave vastleggen"),
}


def roles_that(can: Can) -> frozenset[Role]:
    return PERMISSIONS[can]


def may(user, can: Can) -> bool:
    return bool(user.is_authenticated and user.has_role(*PERMISSIONS[can]))
