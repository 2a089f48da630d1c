"""Does a text look like it names or identifies people? (the AVG warning on the signal form)

Observation comes before judgment, and personal data is to be avoided. This module finds
what commonly identifies a person in Dutch signal texts: a name after "meneer/mevrouw",
phone numbers, e-mail addresses, BSN-like numbers (nine digits passing the elfproef),
licence plates, postcode with house number and IBANs. It is a warning, not a guarantee:
it misses names without a title and may flag a rare ordinary text; the user decides.
All patterns are linear (no nested quantifiers), so long hostile input stays fast.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KIND_LABELS = {
    "naam": gettext_lazy("een naam na meneer/mevrouw"),
    "telefoon": gettext_lazy("een telefoonnummer"),
    "email": gettext_lazy("een e-mailadres"),
    "bsn": gettext_lazy("een BSN-achtig nummer"),
    "kenteken": gettext_lazy("een kenteken"),
    "postcode_huisnummer": gettext_lazy("een adres (postcode en huisnummer)"),
    "iban": gettext_lazy("een IBAN"),
}


@dataclass(frozen=True)
class PersonalDataHit:
    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


_TITLE = r"(?:meneer|mevrouw|mevr\.|mw\.|dhr\.|de\s+heer|mr\.)"
_PARTICLE = r"(?:van\s+der|van\s+den|van\s+de|van|de|der|den|ter|te|el|al)"
# Title, optional initials, optional particles, then a capitalised word.
_NAME = re.compile(
    rf"\b{_TITLE}\s+(?:[A-Z]\.\s?){{0,3}}(?:{_PARTICLE}\s+){{0,2}}[A-Z][a-zà-ÿ'’-]{{1,30}}",
    re.IGNORECASE,
)
# Words that follow "meneer/mevrouw" without being a name ("mevrouw de Burgemeester").
_NOT_NAMES = {
    "burgemeester",
    "wethouder",
    "agent",
    "pastoor",
    "dominee",
    "directeur",
    "juf",
    "meester",
}

_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b")
_PHONE = re.compile(
    r"(?<![\d-])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?[1-9](?:[\s-]?\d){8}"
    r"|0[1-9](?:[\s-]?\d){8})(?![\d-])"
)
# Nine digits, optionally grouped with dots or spaces (123456782, 1234.56.782, 123 456 782),
# not part of a longer number.
_NINE_DIGITS = re.compile(r"(?<![\d.])(?<!\d\s)\d(?:[.\s]?\d){8}(?!\d|[.\s]\d)")
_PLATE = re.compile(
    r"\b(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}"
    r"|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}"
    r"|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|\d-[A-Z]{2}-\d{3}"
    r"|\d{3}-[A-Z]{2}-\d)\b"
)
_POSTCODE_HOUSE = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\s*,?\s*\d{1,5}[a-zA-Z]?\b")
_IBAN = re.compile(r"\bNL\s?\d{2}\s?[A-Z]{4}\s?(?:\d{4}\s?){2}\d{2}\b", re.IGNORECASE)


def _elfproef(digits: str) -> bool:
    """The BSN check: 9a + 8b + … + 2h − i is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _iban_valid(text: str) -> bool:
    compact = re.sub(r"\s", "", text).upper()
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def find_personal_data(text: str) -> list[PersonalDataHit]:
    """Every place in TEXT that looks like personal data, in order of appearance."""
    hits: list[PersonalDataHit] = []

    def add(kind: str, match: re.Match) -> None:
        hits.append(PersonalDataHit(kind, match.start(), match.end(), match.group(0)))

    for match in _NAME.finditer(text):
        last_word = re.split(r"\s+", match.group(0))[-1].lower().strip(".")
        if last_word not in _NOT_NAMES and match.group(0).split()[-1][0].isupper():
            add("naam", match)
    for match in _EMAIL.finditer(text):
        add("email", match)
    for match in _PHONE.finditer(text):
        add("telefoon", match)
    for match in _NINE_DIGITS.finditer(text):
        if _elfproef(re.sub(r"[.\s]", "", match.group(0))):
            add("bsn", match)
    for match in _PLATE.finditer(text):
        add("kenteken", match)
    for match in _POSTCODE_HOUSE.finditer(text):
        add("postcode_huisnummer", match)
    for match in _IBAN.finditer(text):
        if _iban_valid(match.group(0)):
            add("iban", match)
    return _without_nested(sorted(hits, key=lambda hit: (hit.start, -hit.end)))


def _without_nested(hits: list[PersonalDataHit]) -> list[PersonalDataHit]:
    """Drop a hit that lies inside an earlier one (the digits inside an IBAN)."""
    kept: list[PersonalDataHit] = []
    for hit in hits:
        if kept and hit.start >= kept[-1].start and hit.end <= kept[-1].end:
            continue
        kept.append(hit)
    return kept


def summarise_hits(hits: list[PersonalDataHit]) -> str:
    """One Dutch sentence for the form: what was found and what to do."""
    labels = list(dict.fromkeys(hit.label for hit in hits))
    if not labels:
        return ""
    found = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + _(" en ") + labels[-1]
    return _(
        "De tekst lijkt persoonsgegevens te bevatten: %(found)s. Beschrijf liever wat er "
        "gebeurde zonder namen of nummers, of markeer het signaal als ‘bevat "
        "persoonsgegevens’."
    ) % {"found": found}
