"""Does a signal text look like it names or identifies people? (the AVG warning on the form)

Observation comes before judgment, and personal data is to be avoided. This module finds
what most often identifies a person in Dutch signal texts: a name after a title
(meneer, mevrouw, dhr., mw., de heer, mr.), phone numbers, e-mail addresses, BSN-like
numbers (the elfproef), licence plates, postcode with house number, and IBANs.

It is a warning, not a guarantee (see docs/adr/0006-personal-data-warning.md): it misses
names without a title and may, rarely, flag an ordinary text; the user decides. Every
pattern is anchored by a look-behind and has only bounded repetition, so the work per
start position is constant and a long hostile text stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PersonalDataKind(models.TextChoices):
    """What was found; the label completes the sentence "De tekst lijkt … te bevatten"."""

    NAAM = "naam", _("een naam na meneer/mevrouw")
    TELEFOON = "telefoon", _("een telefoonnummer")
    EMAIL = "email", _("een e-mailadres")
    BSN = "bsn", _("een BSN-achtig nummer")
    KENTEKEN = "kenteken", _("een kenteken")
    POSTCODE_HUISNUMMER = "postcode_huisnummer", _("een adres (postcode en huisnummer)")
    IBAN = "iban", _("een IBAN")


@dataclass(frozen=True)
class PersonalDataHit:
    """One finding: its kind and where it is (text[start:end] == self.text)."""

    kind: PersonalDataKind
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return str(PersonalDataKind(self.kind).label)


_Span = tuple[PersonalDataKind, int, int]
_Finder = Callable[[str], Iterator[_Span]]

# Horizontal whitespace only: a title at the end of a line must not pick up the first
# (capitalised) word of the next line as a name.
_SP = r"[^\S\r\n]"

# --- names after a title ------------------------------------------------------------------
# Case matters: "MW." is a megawatt in a windmolen text, "MR" a medezeggenschapsraad, so
# the short titles are accepted lowercase or capitalised only. A digit before the title
# ("20 mw.") also means a unit, not a person.
_TITLE = re.compile(
    r"(?<![\w.])(?<![0-9] )"
    r"(?:[Mm]eneer|MENEER|[Mm]evrouw|MEVROUW|[Dd]e[^\S\r\n][Hh]eer|DE[^\S\r\n]HEER"
    r"|[Mm]evr\.?|[Dd]hr\.?|[Mm]w\.|[Mm]r\.)"
)
_AFTER_TITLE = re.compile(
    rf"{_SP}{{1,3}}"
    # Stacked academic titles: "mr. drs. J. de Vries", "dhr. ir. Bakker".
    rf"(?:(?i:mr|drs|dr|ir|ing|prof|ds|mevr)\.{_SP}{{0,2}}){{0,3}}"
    # Initials: "J.", "J.P.", "J. P.".
    rf"(?:[A-Z]\.(?:{_SP}?[A-Z]\.){{0,4}}{_SP}{{0,2}})?"
    # Particles: "van", "de", "van der", "in 't", "El" ...
    rf"(?:(?i:van|de|der|den|ter|ten|te|het|'t|in|op|la|le|el|al|da|di|du|von|vd){_SP}{{1,2}}){{0,3}}"
    r"(?P<name>[^\W\d_][\w'’-]{1,40})"
)
# Capitalised words that follow a title without being a name: roles ("mevrouw de
# Burgemeester"), organisations ("meneer van de Thuiszorg"), the Lord ("de Heer Jezus"),
# and function words in ALL-CAPS texts. Organisations are endless; these are the usual ones.
_NOT_NAMES = frozenset(
    """
    burgemeester burgervader wethouder wethouders voorzitter griffier secretaris directeur
    directrice rector agent wijkagent hoofdagent inspecteur officier rechter notaris
    advocaat minister staatssecretaris premier president commissaris gedeputeerde raadslid
    kamerlid pastoor dominee imam rabbijn pater zuster juf juffrouw meester dokter huisarts
    professor ombudsman boa politie conducteur chauffeur buurman buurvrouw
    gemeente provincie waterschap rijkswaterstaat brandweer ambulance thuiszorg wijkteam
    jeugdzorg welzijn woningcorporatie woningbouwvereniging corporatie school basisschool
    kerk moskee buurthuis dorpshuis buurtvereniging dorpsraad wijkraad bibliotheek
    huisartsenpost krant omroep jumbo lidl aldi hema action kruidvat
    god jezus christus
    meneer mevrouw heer dame
    van de der den ter ten te het in op la le el al da di du von vd
    en of die dat deze dit zei zegt is was had heeft hij zij ze uit met bij voor naar aan
    niet wel ook nog dan maar want
    """.split()
)


# --- phone numbers ------------------------------------------------------------------------
# Between two digits at most one separator: a space, or "-", "/" or "." with optional
# spaces ("020 - 123 45 67"). A Dutch number has ten digits from the leading 0; service
# numbers such as 0900-8844 (police) or 0800-1234 are shorter and are left alone.
_PSEP = r"(?:[ ]?[-/.][ ]?|[ ])?"
_PHONE = re.compile(
    r"(?<![\w+])(?<![0-9][-/.,:])"
    r"(?:"
    rf"(?:\+|00)[ ]?31[ ]?(?:\(0\)[ ]?)?(?:[-/.][ ]?)?[1-9](?:{_PSEP}[0-9]){{8}}"
    rf"|\(0[1-9]\)[ ]?[0-9](?:{_PSEP}[0-9]){{7}}"
    rf"|\(0[1-9][0-9]\)[ ]?[0-9](?:{_PSEP}[0-9]){{6}}"
    rf"|\(0[1-9][0-9]{{2}}\)[ ]?[0-9](?:{_PSEP}[0-9]){{5}}"
    rf"|0{_PSEP}[1-9](?:{_PSEP}[0-9]){{8}}"
    r")"
    r"(?![0-9]|[-/.,:][0-9])"
)
# "01-05-2026 12" has ten digits and a leading zero too: a date start is never a phone.
_DATE_START = re.compile(r"[0-9]{1,2}([-/.])[0-9]{1,2}\1(?:19|20)[0-9]{2}(?![0-9])")

# --- e-mail -------------------------------------------------------------------------------
# The look-behind makes a match start only where a run of address characters starts, so
# the bounded local part is tried once per run, not once per character.
_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![\w-])"
)

# --- BSN-like numbers ---------------------------------------------------------------------
# Nine digits as 123456782, 123.456.782 / 123 456 782 or 1234.56.782; or eight digits
# without separators: an old BSN/sofinummer written without its leading zero.
_BSN = re.compile(
    r"(?<![\w])(?<![0-9][-/.,])"
    r"(?:[0-9]{9}|[0-9]{3}[. ][0-9]{3}[. ][0-9]{3}|[0-9]{4}[. ][0-9]{2}[. ][0-9]{3}|[0-9]{8})"
    r"(?![\w])(?![-/.,][0-9])"
)
# "€ 123.456.782" or "123456782 euro" is an amount.
_CURRENCY_BEFORE = re.compile(r"(?:€|\beur|\beuro)[ ]?$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"^[ ]?(?:€|eur\b|euro)", re.IGNORECASE)

# --- licence plates -----------------------------------------------------------------------
# The RDW sidecodes 1-14, uppercase and with their dashes: without dashes too many codes
# and words would look like plates.
_SIDECODES = (
    "XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX",  # 1-6
    "99-XXX-9", "9-XXX-99", "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX",  # 7-12
    "9-XX-999", "999-XX-9",  # 13-14
)  # fmt: skip
_PLATE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(code.replace("X", "[A-Z]").replace("9", "[0-9]") for code in _SIDECODES)
    + r")(?![\w]|-\w)"
)


# --- postcode with house number -----------------------------------------------------------
# "1234 AB 12", "1234AB, 12a", "1234ab 12-2", and the address order "12, 1234 AB".
# Lowercase letters only without a space: "2025 en 12" is an ordinary sentence.
_POSTCODE = r"[1-9][0-9]{3}(?:[ ]?[A-Z]{2}|[a-z]{2})"
_HOUSE_NUMBER = r"[1-9][0-9]{0,4}(?:-?[A-Za-z](?![\w])|-[0-9]{1,4})?"
_ADDRESS = re.compile(
    r"(?<![\w])(?:"
    rf"{_POSTCODE},?[ ]{{0,2}}(?:(?i:nr)\.?[ ]?)?{_HOUSE_NUMBER}"
    rf"|{_HOUSE_NUMBER},?[ ]{{1,2}}{_POSTCODE}"
    r")(?![\w])"
)

# --- IBAN ---------------------------------------------------------------------------------
# Dutch, and the neighbours' (Belgian, German) that border municipalities see; the mod-97
# check removes almost every look-alike.
_IBAN = re.compile(
    r"(?<![\w])(?:"
    r"(?i:NL)[0-9]{2}[ ]?(?i:[A-Z]{4})[ ]?[0-9]{4}[ ]?[0-9]{4}[ ]?[0-9]{2}"
    r"|(?i:BE)[0-9]{2}(?:[ ]?[0-9]{4}){3}"
    r"|(?i:DE)[0-9]{2}(?:[ ]?[0-9]{4}){4}[ ]?[0-9]{2}"
    r")(?![\w])"
)


def elfproef(digits: str) -> bool:
    """The BSN check: 9a + 8b + … + 2h − i is a multiple of 11.

    Eight digits are an older number written without its leading zero.
    """
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit() or not int(digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def iban_valid(text: str) -> bool:
    """ISO 13616 mod-97: move the country and check digits to the end, letters to numbers."""
    compact = "".join(text.split()).upper()
    if not compact.isalnum() or not compact.isascii():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _names(text: str) -> Iterator[_Span]:
    for title in _TITLE.finditer(text):
        after = _AFTER_TITLE.match(text, title.end())
        if after is None:
            continue
        name = after.group("name")
        if not name[0].isupper() or name.lower().rstrip("'’-") in _NOT_NAMES:
            continue
        # A short ALL-CAPS word after an ordinary title is an organisation ("mevrouw van
        # de GGD", "meneer van het COA"); in an ALL-CAPS text it can still be a name.
        if name.isupper() and len(name) <= 5 and not title.group(0).isupper():
            continue
        yield PersonalDataKind.NAAM, title.start(), after.end()


def _phones(text: str) -> Iterator[_Span]:
    for match in _PHONE.finditer(text):
        if not _DATE_START.match(match.group(0)):
            yield PersonalDataKind.TELEFOON, match.start(), match.end()


def _bsns(text: str) -> Iterator[_Span]:
    for match in _BSN.finditer(text):
        digits = match.group(0).replace(".", "").replace(" ", "")
        if not elfproef(digits) or _is_amount(text, match.start(), match.end()):
            continue
        if len(digits) == 8 and _is_date(digits):
            continue  # 12052026 is more likely a date than an old BSN
        yield PersonalDataKind.BSN, match.start(), match.end()


def _is_amount(text: str, start: int, end: int) -> bool:
    return bool(
        _CURRENCY_BEFORE.search(text[max(0, start - 7) : start])
        or _CURRENCY_AFTER.match(text[end : end + 6])
    )


def _is_date(digits: str) -> bool:
    try:
        date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        return False
    return True


def _ibans(text: str) -> Iterator[_Span]:
    for match in _IBAN.finditer(text):
        if iban_valid(match.group(0)):
            yield PersonalDataKind.IBAN, match.start(), match.end()


def _simple(pattern: re.Pattern[str], kind: PersonalDataKind) -> _Finder:
    def find(text: str) -> Iterator[_Span]:
        for match in pattern.finditer(text):
            yield kind, match.start(), match.end()

    return find


_FINDERS = (
    _names,
    _phones,
    _simple(_EMAIL, PersonalDataKind.EMAIL),
    _bsns,
    _simple(_PLATE, PersonalDataKind.KENTEKEN),
    _simple(_ADDRESS, PersonalDataKind.POSTCODE_HUISNUMMER),
    _ibans,
)


def find_personal_data(text: str) -> list[PersonalDataHit]:
    """Every place in TEXT that looks like personal data, in order of appearance.

    A finding inside a longer one (the digits of an IBAN that also look like a phone
    number) is left out, so each piece of text is reported once, under its widest kind.
    """
    if not text:
        return []
    found = sorted(
        (span for finder in _FINDERS for span in finder(text)),
        key=lambda span: (span[1], -span[2]),
    )
    hits: list[PersonalDataHit] = []
    reach = -1  # furthest end of the hits kept so far; they all start at or before `start`
    for kind, start, end in found:
        if end <= reach:
            continue
        hits.append(PersonalDataHit(kind, start, end, text[start:end]))
        reach = end
    return hits


def summarise_hits(hits: Iterable[PersonalDataHit]) -> str:
    """One Dutch sentence for the form: what was found (in order) and what to do about it."""
    labels = list(dict.fromkeys(hit.label for hit in hits))
    if not labels:
        return ""
    return gettext(
        "De tekst lijkt persoonsgegevens te bevatten: %(found)s. Beschrijf liever wat er "
        "gebeurde zonder namen of nummers, of markeer het signaal als 'bevat "
        "persoonsgegevens'."
    ) % {"found": get_text_list(labels, gettext("en"))}
