"""Does a signal text look like it names or identifies people? (the AVG warning on the form)

Observation comes before judgment, and personal data is to be avoided. This module finds
what most often identifies a person in Dutch signal texts: a name after a title
(meneer, mevrouw, dhr., mw., de heer, mr.), phone numbers, e-mail addresses, BSN-like
numbers (the elfproef), licence plates, postcode with house number, and IBANs; and since
2026-12 also full names without a title (a first name from signals/data/first_names.txt,
tussenvoegsels and a capitalised surname), street names with a house number, postcodes
on their own and dates of birth (after a birth cue, or an old enough date after a name).

It is a warning, not a guarantee (see docs/adr/0006-personal-data-warning.md): it misses
a first name on its own, lowercase names and descriptions, and may flag an ordinary text
(a shop or school named after a person that is not on the exclusion lists); the user
decides. Every
pattern is anchored by a look-behind and has only bounded repetition, so the work per
start position is constant and a long hostile text stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

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
    VOLLEDIGE_NAAM = "volledige_naam", _("een voor- en achternaam")
    STRAAT_HUISNUMMER = "straat_huisnummer", _("een straat met huisnummer")
    POSTCODE = "postcode", _("een postcode")
    GEBOORTEDATUM = "geboortedatum", _("een geboortedatum")


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
    rf"|(?P<alone>{_POSTCODE})"
    r")(?![\w]|-\w)"
)
# A postcode on its own ("1234 AB", "1234AB") is weaker evidence: not when the letters are
# a unit ("1500 MW", "1000km"), a Dutch word ("IN 2026 EN 2027", "2025 OF LATER"), or SA,
# SD, SS, which PostNL never uses.
_NOT_POSTCODE_LETTERS = frozenset(
    """
    sa sd ss mw kw gw mj km cm mm ml cl dl kg mg pk gb mb tb
    """.split()
)
_POSTCODE_WORDS = frozenset(
    "en in op of de te om na al zo nu er ja je ze we uw is ik bv ca".split()
)
_NOT_POSTCODE_LETTERS |= _POSTCODE_WORDS

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


# --- full names without a title -----------------------------------------------------------
# A first name from signals/data/first_names.txt, then up to three tussenvoegsels, then a
# capitalised surname: "Jan de Vries", "Fatima el Amrani", "Gerrit in 't Veld". A first
# name alone is never a hit. Words are found one at a time (bounded), the list decides.
_DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def first_names() -> frozenset[str]:
    """The first-name list (casefolded), read once per process."""
    text = (_DATA_DIR / "first_names.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().casefold()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


_WORD = re.compile(r"(?<![\w'’.-])[^\W\d_]{2,20}(?:-[^\W\d_]{2,20}){0,2}(?![\w'’-])")
_PARTICLE = (
    r"(?i:van|de|der|den|ter|ten|te|'t|la|le|el|al|ben|bin|da|di|du|dos|von|vd"
    r"|(?:in|op)[ ](?:de|den|der|het|'t))"
)
_AFTER_FIRST = re.compile(
    rf"{_SP}{{1,2}}(?:{_PARTICLE}{_SP}{{1,2}}){{0,3}}"
    r"(?P<prefix>(?i:al|el|ben|abu|abou|bou)-)?"
    r"(?P<surname>[^\W\d_][\w'’]{1,30}(?:-[^\W\d_][\w'’]{1,30})?)(?![\w'’-])"
    rf"(?:{_SP}{{1,2}}(?P<next>[^\W\d_][\w'’-]{{0,40}}))?"
)
# Street-name endings (also used for addresses below). A surname ending in one of them
# with something before it ("Galenstraat", "Coenstraat") is a street named after a person.
_STREET_SUFFIXES = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "hof", "pad",
    "steeg", "dreef", "park", "ring", "baan", "markt", "veld", "erf", "wal", "hoek", "oord",
    "lei", "dam", "brink", "kwartier", "poort", "haven", "burcht", "gaarde", "akker",
)  # fmt: skip
# Street words that are also common surnames after a tussenvoegsel ("van Dijk", "van der
# Laan", "van 't Hof", "in 't Veld"); the others are never a surname on their own.
_SURNAME_STREET_WORDS = frozenset(
    "dijk laan hof hoek veld wal weg dam brink poort haven akker".split()
)
# Capitalised words that are not surnames: weekdays, months, and the words that follow a
# first name in place and organisation names.
_NOT_SURNAMES = _NOT_NAMES | frozenset(
    """
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april
    mei juni juli augustus september oktober november december
    """.split()
)
# A word after the "surname" that makes the whole an institution, a company or a place
# named after a person: "Vincent van Gogh College", "Jan de Vries Bouw".
_ORG_WORDS = frozenset(
    """
    school basisschool college lyceum gymnasium mavo havo vwo vmbo academie instituut
    universiteit ziekenhuis kliniek centrum stichting fonds museum stadion arena court
    kazerne theater zaal hal huis kerk moskee prijs brug tunnel sluis bos park plein
    bouw bloemen transport makelaardij makelaars advocaten installatietechniek schilders
    autobedrijf bakkerij slagerij kapsalon catering groep holding bv vof
    """.split()
)
# Brands, and people whose names are places or institutions, not someone in a signal.
_FAMOUS = (
    "albert heijn", "dirk van den broek", "jan linders", "hans anders", "bart smit",
    "bram ladage", "kees smit", "douwe egberts", "jacob hooy", "anne frank",
    "vincent van gogh", "willem van oranje", "jeroen bosch", "johan cruijff",
    "jan pieterszoon coen", "michiel de ruyter", "piet hein", "martin luther king",
    "anna paulowna", "willem alexander",
)  # fmt: skip
# "Sint Jan", "koning Willem-Alexander", "prinses Amalia": a saint, a place or a royal.
_BEFORE_FIRST = re.compile(
    r"(?i:sint|st\.|heilige|koning|koningin|prins|prinses|keizer|paus|graaf|gravin|hertog)"
    rf"[-]?{_SP}{{0,2}}$"
)


def _is_street_word(word: str) -> bool:
    low = word.casefold()
    return any(low.endswith(suffix) and len(low) > len(suffix) + 1 for suffix in _STREET_SUFFIXES)


def _full_names(text: str) -> Iterator[_Span]:
    names = first_names()
    for word in _WORD.finditer(text):
        first = word.group(0)
        if not first[0].isupper():
            continue
        low = first.casefold()
        if low not in names and not all(part in names for part in low.split("-")):
            continue
        after = _AFTER_FIRST.match(text, word.end())
        if after is None:
            continue
        surname = after.group("surname")
        low_surname = surname.casefold()
        if (
            not surname[0].isupper()
            or surname.isupper()
            or low_surname in _NOT_SURNAMES
            or _is_street_word(surname)
            or (low_surname in _STREET_SUFFIXES and low_surname not in _SURNAME_STREET_WORDS)
        ):
            continue
        following = after.group("next")
        if following and (following.casefold() in _ORG_WORDS or _is_street_word(following)):
            continue
        if _BEFORE_FIRST.search(text, max(0, word.start() - 12), word.start()):
            continue
        start = word.start()
        if any(text[start : start + len(f)].casefold().replace("-", " ") == f for f in _FAMOUS):
            continue
        yield PersonalDataKind.VOLLEDIGE_NAAM, start, after.end("surname")


# --- street with house number -------------------------------------------------------------
# A capitalised word ending in a street suffix, then a house number: "Kerkstraat 12",
# "Dorpsplein 3a", "Molenweg 14-2", "Oude Gracht 112 bis", "Laan van Meerdervoort 210".
# Without a number it is a place, fine in a signal. A number followed by a count word
# ("Kerkstraat 3 auto's"), a month ("… 12 mei") or a time, or a year, is not a house number.
_STREET_NUMBER = re.compile(
    r"(?<![\w'’-])(?P<street>[A-Z][\w'’-]{1,40}"
    r"|(?P<laan>(?:Laan|Weg|Plein|Kade|Straat|Singel|Dreef|Park|Hof)"
    r"[ ](?i:van|der|de|den|het|'t)(?:[ ](?i:der|de|den|het|'t))?[ ][A-Z][\w'’-]{1,30}))"
    r"[ ]{1,2}(?:(?i:nr|nummer)\.?[ ]?)?"
    r"(?P<number>[1-9][0-9]{0,3})"
    r"(?P<addition>[a-zA-Z](?![\w])|-[0-9]{1,3}|[ -](?:bis|hs|huis|rd|zw|I{1,3})(?![\w]))?"
    r"(?![\w]|[.,:][0-9]|-[0-9])"
    r"(?:[ ]{1,2}(?P<after>[\w'’]{1,20}))?"
)
_BARE_STREET_WORDS = frozenset(_STREET_SUFFIXES) | {"straat", "laan"}
# Bare words that are an address after "de"/"het": "op de Markt 7", "aan de Brink 3".
_ARTICLE_STREET_WORDS = frozenset(
    "markt brink plein kade gracht singel dijk wal dam hof steeg".split()
)
_NOT_STREETS = frozenset(
    """
    onderweg halfweg snelweg rijksweg spoorweg omweg uitweg zijweg vluchtweg windpark
    zonnepark pretpark vakantiepark attractiepark sportpark sportveld voetbalveld trapveld
    speelveld grasveld kunstgrasveld schoolplein speelplein fietspad wandelpad voetpad
    kerkhof gerechtshof ijsbaan tennisbaan atletiekbaan landingsbaan kartbaan loopbaan
    supermarkt arbeidsmarkt woningmarkt weekmarkt
    """.split()
)
_COUNT_WORDS = frozenset(
    """
    jongeren mensen personen man mannen vrouwen kinderen auto's autos keer incidenten
    meldingen bewoners agenten minuten uur meter km kilometer dagen weken jaar maanden
    procent euro woningen huizen stuks demonstranten deelnemers leden boeren trekkers
    leerlingen ouders signalen reacties berichten handtekeningen scooters kramen
    jongens meisjes supporters arrestaties aanhoudingen brandjes containers
    """.split()
)
_MONTHS = frozenset(
    "januari februari maart april mei juni juli augustus september oktober november december "
    "jan feb mrt apr jun jul aug sep sept okt nov dec".split()
)
_FUNCTION_BEFORE = re.compile(r"(?P<word>[\w'’]{1,20})[ ]{1,2}$")


def _streets(text: str) -> Iterator[_Span]:
    for match in _STREET_NUMBER.finditer(text):
        street = match.group("street")
        low = street.casefold()
        number = int(match.group("number"))
        after = (match.group("after") or "").casefold()
        if low in _NOT_STREETS or after in _COUNT_WORDS or after in _MONTHS:
            continue
        if 1900 <= number <= 2099 and not match.group("addition"):
            continue  # "Kleidijk 2026": a year
        start = match.start()
        if match.group("laan"):
            pass
        elif low in _BARE_STREET_WORDS:
            # "Oude Gracht 112", "Haarbroeker Veld 3"; "op de Markt 7"; not "Op Veld 3".
            before = _FUNCTION_BEFORE.search(text, max(0, start - 22), start)
            if before is None:
                continue
            word = before.group("word")
            if word.casefold() in ("de", "het", "'t") and low in _ARTICLE_STREET_WORDS:
                pass
            elif word[0].isupper() and word.casefold() not in _NOT_NAMES:
                start = before.start()
            else:
                continue
        elif not _is_street_word(street):
            continue
        yield (
            PersonalDataKind.STRAAT_HUISNUMMER,
            start,
            match.end("addition") if match.group("addition") else match.end("number"),
        )


# --- dates of birth -----------------------------------------------------------------------
# A full date ("12-03-1987", "12 maart 1987", "1987-03-12") after a birth cue close before
# it ("geboren (op)", "geb.", "geboortedatum", "geb.datum", "DOB", "*"), or a date at least
# 14 years ago shortly after a name ("Jan de Vries (12-03-1987)"). An event date is neither.
_MONTH_NAMES = (
    r"(?i:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    r"|december|jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec)\.?"
)
_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<d1>[0-3]?[0-9])(?P<s>[-/.])(?P<m1>[01]?[0-9])(?P=s)(?P<y1>(?:19|20)[0-9]{2}|[0-9]{2})"
    rf"|(?P<d2>[0-3]?[0-9])[ ]{{1,2}}(?P<m2>{_MONTH_NAMES})[ ]{{1,2}}(?P<y2>(?:19|20)[0-9]{{2}})"
    r"|(?P<y3>(?:19|20)[0-9]{2})-(?P<m3>[01][0-9])-(?P<d3>[0-3][0-9])"
    r")(?![\w]|[-/.][0-9])"
)
_BIRTH_CUE = re.compile(
    r"(?i:geboren|geb\.?[ ]?datum|geb\.|geb|geboortedatum|d\.?o\.?b\.?)"
    r"(?:[ ]{1,2}(?i:op|in|te)[ ][^\W\d_]{0,20})?[ ]{0,2}[:,]?[ ]{0,2}(?i:op)?[ ]{0,2}$"
    r"|(?<![\w*])\*[ ]{0,2}$"
)
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        ["januari jan", "februari feb", "maart mrt", "april apr", "mei", "juni jun",
         "juli jul", "augustus aug", "september sep sept", "oktober okt", "november nov",
         "december dec"],
        start=1,
    )
    for name in names.split()
}  # fmt: skip


def _date_of(match: re.Match[str]) -> date | None:
    if match.group("y1"):
        day, month, year = match.group("d1"), match.group("m1"), match.group("y1")
    elif match.group("y2"):
        day, year = match.group("d2"), match.group("y2")
        month = str(_MONTH_NUMBERS.get(match.group("m2").rstrip(".").casefold(), 0))
    else:
        day, month, year = match.group("d3"), match.group("m3"), match.group("y3")
    full_year = int(year) if len(year) == 4 else 1900 + int(year)
    try:
        return date(full_year, int(month), int(day))
    except ValueError:
        return None


def _dates_of_birth(text: str, name_ends: list[int]) -> Iterator[_Span]:
    today = date.today()  # noqa: DTZ011 - a calendar year, the time zone does not matter
    for match in _DATE.finditer(text):
        found = _date_of(match)
        if found is None:
            continue
        start = match.start()
        cue = _BIRTH_CUE.search(text, max(0, start - 30), start)
        after_name = found.year <= today.year - 14 and any(
            0 <= start - end <= 30 and "." not in text[end:start] for end in name_ends
        )
        if cue or after_name:
            yield PersonalDataKind.GEBOORTEDATUM, start, match.end()


def _addresses(text: str) -> Iterator[_Span]:
    for match in _ADDRESS.finditer(text):
        alone = match.group("alone")
        letters = re.search(r"[A-Za-z]{2}", match.group(0)).group(0).casefold()
        if letters in _POSTCODE_WORDS and match.group(0)[:2] in ("19", "20"):
            continue  # "IN 2026 EN 2027": a year and a word, not an address
        if letters in ("sa", "sd", "ss"):
            continue  # never used by PostNL
        if alone is None:
            yield PersonalDataKind.POSTCODE_HUISNUMMER, match.start(), match.end()
        elif alone[-2:].casefold() not in _NOT_POSTCODE_LETTERS:
            yield PersonalDataKind.POSTCODE, match.start(), match.end()


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
    _addresses,
    _ibans,
    _full_names,
    _streets,
)
_NAME_KINDS = (PersonalDataKind.NAAM, PersonalDataKind.VOLLEDIGE_NAAM)


def find_personal_data(text: str) -> list[PersonalDataHit]:
    """Every place in TEXT that looks like personal data, in order of appearance.

    A finding inside a longer one (the digits of an IBAN that also look like a phone
    number) is left out, so each piece of text is reported once, under its widest kind.
    """
    if not text:
        return []
    spans = [span for finder in _FINDERS for span in finder(text)]
    name_ends = [end for kind, _, end in spans if kind in _NAME_KINDS]
    spans.extend(_dates_of_birth(text, name_ends))
    found = sorted(spans, key=lambda span: (span[1], -span[2]))
    hits: list[PersonalDataHit] = []
    reach = -1  # furthest end of the hits kept so far; they all start at or before `start`
    for kind, start, end in found:
        if end <= reach:
            continue
        if start < reach and kind in _NAME_KINDS and hits[-1].kind in _NAME_KINDS:
            # "meneer Jan de Vries": the title hit and the full name are one name.
            last = hits.pop()
            start, kind = last.start, last.kind
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
