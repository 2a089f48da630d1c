"""The personal-data warning: what it finds, what it leaves alone, and hostile input."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signals.privacy import (
    PersonalDataHit,
    PersonalDataKind,
    elfproef,
    find_personal_data,
    iban_valid,
    summarise_hits,
)

# Realistic signal texts without personal data; several are built to trip a careless
# pattern (dates with times, megawatts, amounts, service numbers, titles with roles).
ORDINARY_TEXTS = [
    "Vanavond om 21:30 stonden 15 jongeren bij de Jumbo aan de Marktstraat, er werd "
    "vuurwerk afgestoken. Op 12-05-2026 werd een pamflet verspreid tegen het azc.",
    "Op 01-06-2026 20:00 uur verzamelden zich ca. 40 mensen bij het gemeentehuis; om "
    "05-06-2026 21:30 kwam de ME.",
    "Het windpark wordt 20 MW. Daarna volgt een tweede fase van 45 MW. Omwonenden "
    "vrezen slagschaduw en geluid.",
    "Mevrouw de burgemeester werd uitgejouwd bij de opening; meneer de Wethouder sprak "
    "de zaal toe. MEVROUW DE BURGEMEESTER verliet de zaal.",
    "De heer des huizes was boos. Op het spandoek bij de kerk stond: 'Loof de Heer Jezus'.",
    "Een mevrouw van de Thuiszorg en meneer van het COA waren bij de informatieavond.",
    "Bel bij nood 112, anders de politie op 0900-8844. Het meldpunt is 0800-7000.",
    "De nieuwe weg kost € 125.000.000; in 2025 en 2026 waren er 3 en 11 incidenten.",
    "Trekkers blokkeerden de N381 en de A7 tussen 07:00 en 09:30 uur op 1-5-2026.",
    "Online oproep in een Telegramgroep met 1.250 leden om op 12.05.2026 om 19.30 uur "
    "naar de raadsvergadering te komen. COVID-19-complotten kwamen ook langs.",
    "Spandoek 'Geen azc' aan het hek van de voetbalclub, ca. 3 bij 1 meter, bij "
    "de Marktstraat. De bus van lijn 104 werd om 16:45 bekogeld met eieren.",
    "Gerucht dat de gemeente 40 woningen voor statushouders reserveert; 60% van de "
    "reacties op Facebook is negatief. Er was een meneer. Hij zei niks.",
    "Drie auto's beschadigd op het parkeerterrein bij het station, schade ca. 5000 euro. "
    "Meer dan 2500 handtekeningen onder de petitie.",
]

# (text, kind, the text that must be flagged)
PERSONAL_TEXTS = [
    ("Mevrouw Jansen van nummer 4 heeft het pamflet rondgebracht.", "naam", "Mevrouw Jansen"),
    ("Dhr. P. van der Berg zei dat hij de raad gaat bestoken.", "naam", "Dhr. P. van der Berg"),
    ("Volgens mr. drs. J. de Vries is het verbod onrechtmatig.", "naam", "mr. drs. J. de Vries"),
    ("Het was de heer Özdemir van de bakkerij.", "naam", "de heer Özdemir"),
    ("Mw. J.P. Bakker belde de wijkagent.", "naam", "Mw. J.P. Bakker"),
    ("Bel haar terug op 06-12345678.", "telefoon", "06-12345678"),
    ("Zijn nummer: 06 12 34 56 78", "telefoon", "06 12 34 56 78"),
    ("Telefoon: +31 6 1234 5678", "telefoon", "+31 6 1234 5678"),
    ("Of via 0031 6 12345678 bellen", "telefoon", "0031 6 12345678"),
    ("Vast nummer 010-1234567 hing op het briefje.", "telefoon", "010-1234567"),
    ("In Friesland: 0512 123456.", "telefoon", "0512 123456"),
    ("Zijn mailadres is boze.buurman@example.nl", "email", "boze.buurman@example.nl"),
    ("Op het formulier stond BSN 123456782.", "bsn", "123456782"),
    ("Nummer 123.456.782 stond op de brief.", "bsn", "123.456.782"),
    ("Sofinummer 12345672 (oud, acht cijfers).", "bsn", "12345672"),
    ("Auto met kenteken AB-12-CD reed weg.", "kenteken", "AB-12-CD"),
    ("De bestelbus 12-ABC-3 stond er weer.", "kenteken", "12-ABC-3"),
    ("Scooter 1-ABC-23 en nog een.", "kenteken", "1-ABC-23"),
    ("Busje GF-123-X bij de ingang.", "kenteken", "GF-123-X"),
    ("Auto 9-XX-999 wegens nieuwe reeks.", "kenteken", "9-XX-999"),
    ("Het gebeurde bij 1234 AB 12.", "postcode_huisnummer", "1234 AB 12"),
    ("Adres: 12, 1234 AB Dorp", "postcode_huisnummer", "12, 1234 AB"),
    ("Geld overmaken naar NL91 ABNA 0417 1643 00 voor de actie.", "iban", "NL91 ABNA 0417 1643 00"),
    ("Of naar BE68 5390 0754 7034.", "iban", "BE68 5390 0754 7034"),
]


@pytest.mark.parametrize("text", ORDINARY_TEXTS)
def test_ordinary_signal_texts_give_no_warning(text):
    assert find_personal_data(text) == []


@pytest.mark.parametrize(("text", "kind", "found"), PERSONAL_TEXTS)
def test_personal_data_is_found_with_its_kind_and_span(text, kind, found):
    hits = find_personal_data(text)
    assert [(hit.kind, hit.text) for hit in hits] == [(kind, found)]
    assert text[hits[0].start : hits[0].end] == found


def test_every_kind_has_its_dutch_label():
    assert {kind.value: str(kind.label) for kind in PersonalDataKind} == {
        "naam": "een naam na meneer/mevrouw",
        "telefoon": "een telefoonnummer",
        "email": "een e-mailadres",
        "bsn": "een BSN-achtig nummer",
        "kenteken": "een kenteken",
        "postcode_huisnummer": "een adres (postcode en huisnummer)",
        "iban": "een IBAN",
        "volledige_naam": "een voor- en achternaam",
        "straat_huisnummer": "een straat met huisnummer",
        "postcode": "een postcode",
        "geboortedatum": "een geboortedatum",
    }
    assert find_personal_data("dhr. Visser")[0].label == "een naam na meneer/mevrouw"


@pytest.mark.parametrize(
    "text",
    [
        "meneer jansen",  # lowercase: indistinguishable from an ordinary word
        "de MR. Daarna de ouderraad",  # medezeggenschapsraad, not "mr."
        "een windmolen van 6 mw. Daarnaast een zonnepark",  # megawatt after a number
        "Er liep een meneer\nDaarna kwam de politie",  # a title ends the line
        "meneer X en mevrouw Y",  # already anonymised
    ],
)
def test_titles_without_a_name_are_left_alone(text):
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ordernummer 123456789 is verzonden.",  # elfproef fails
        "Dat kostte € 123.456.782 volgens de krant.",  # an amount, even if it passes
        "Het is 123456782 euro geworden.",
        "Op 12052026 was het raak.",  # eight digits that are a date
        "Het registratienummer 2026123456782 is lang.",  # part of a longer number
    ],
)
def test_numbers_that_are_not_a_bsn(text):
    assert [hit for hit in find_personal_data(text) if hit.kind == "bsn"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Op 01-05-2026 12 jongeren",  # a date and a count: ten digits with a leading zero
        "Dat was 01/05/2026 1234 keer",
        "Het nummer 0612345 is te kort",
        "Kenmerk 2026-0612345678",  # glued to a longer code
    ],
)
def test_number_sequences_that_are_not_phone_numbers(text):
    assert [hit for hit in find_personal_data(text) if hit.kind == "telefoon"] == []


def test_plates_need_uppercase_and_dashes():
    assert find_personal_data("ab-12-cd en AB12CD en AB-12-CD-EF") == []


def test_invalid_iban_check_digits_are_not_an_iban():
    assert not iban_valid("NL92ABNA0417164300")
    assert [hit.kind for hit in find_personal_data("NL92 ABNA 0417 1643 00")] != ["iban"]


def test_a_hit_inside_a_longer_one_is_reported_once():
    # The last ten digits of this IBAN also look like a landline number.
    hits = find_personal_data("NL91 ABNA 0417 1643 00")
    assert [(hit.kind, hit.start, hit.end) for hit in hits] == [("iban", 0, 22)]


def test_hits_come_in_order_of_appearance():
    text = "Bel 06-12345678 of mail a@b.nl, vraag naar mevrouw Jansen (AB-12-CD)."
    assert [hit.kind for hit in find_personal_data(text)] == [
        "telefoon",
        "email",
        "naam",
        "kenteken",
    ]


def test_elfproef_and_the_eight_digit_convention():
    assert elfproef("111222333")
    assert elfproef("123456782")
    assert not elfproef("123456789")
    assert not elfproef("000000000")
    assert elfproef("12345672") and elfproef("012345672")  # an old number: leading zero
    assert not elfproef("12345")


def test_summary_is_one_dutch_sentence_in_order_of_appearance():
    summary = summarise_hits(find_personal_data("Belde 06-12345678, namens meneer De Vries."))
    assert summary == (
        "De tekst lijkt persoonsgegevens te bevatten: een telefoonnummer en een naam na "
        "meneer/mevrouw. Beschrijf liever wat er gebeurde zonder namen of nummers, of "
        "markeer het signaal als 'bevat persoonsgegevens'."
    )
    three = summarise_hits(find_personal_data("Mevrouw Jansen, 06-12345678, a@b.nl, 06-87654321"))
    assert "een naam na meneer/mevrouw, een telefoonnummer en een e-mailadres." in three
    assert summarise_hits([]) == ""


# --- properties ---------------------------------------------------------------------------

# Random text without digits, so that nothing next to the number can join it.
_NO_DIGITS = st.text(st.characters(exclude_categories=("Nd", "No", "Nl", "Cs")), max_size=60)


@st.composite
def valid_bsns(draw) -> str:
    """Eight random digits and the check digit that makes the elfproef hold."""
    digits = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8).filter(any))
    check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    return "".join(map(str, digits)) + str(check)


# A check digit of 10 is impossible: no BSN has those eight digits.
VALID_BSNS = valid_bsns().filter(lambda bsn: len(bsn) == 9)


def _check_invariants(text: str, hits: list[PersonalDataHit]) -> None:
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start : hit.end] == hit.text
        assert hit.kind in PersonalDataKind.values
    # In order, and never one inside another.
    for before, after in zip(hits, hits[1:], strict=False):
        assert before.start <= after.start
        assert after.end > before.end


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_and_spans_index_the_text(text):
    hits = find_personal_data(text)
    _check_invariants(text, hits)
    summarise_hits(hits)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["meneer ", "Mevrouw ", "dhr. ", "de heer ", "J. ", "van ", "de ", "Jansen", "06",
             "-", " ", "0", "1", "12", "345", ".", "@", "a", "NL", "AB", "+31", "(0)", "€",
             "\n", "'t ", "1234", "x@y.nl", "BE", "99"]
        ),
        max_size=60,
    ).map("".join)
)  # fmt: skip
def test_never_raises_on_text_made_of_pattern_pieces(text):
    _check_invariants(text, find_personal_data(text))


@settings(max_examples=200, deadline=None)
@given(
    before=_NO_DIGITS, bsn=VALID_BSNS, separator=st.sampled_from(["", ".", " "]), after=_NO_DIGITS
)
def test_a_valid_bsn_in_random_text_is_found(before, bsn, separator, after):
    assert elfproef(bsn)
    written = separator.join([bsn[:3], bsn[3:6], bsn[6:]]) if separator else bsn
    text = f"{before}\nnummer {written}\n{after}"
    start = len(before) + len("\nnummer ")
    hits = find_personal_data(text)
    assert ("bsn", start, start + len(written)) in [(h.kind, h.start, h.end) for h in hits]


@settings(max_examples=200, deadline=None)
@given(before=_NO_DIGITS, number=st.integers(100_000_000, 999_999_999), after=_NO_DIGITS)
def test_a_nine_digit_number_failing_the_elfproef_is_not_flagged(before, number, after):
    digits = str(number)
    if elfproef(digits):
        return
    text = f"{before} {digits} {after}"
    start = len(before) + 1
    overlapping = [
        hit for hit in find_personal_data(text) if hit.start < start + 9 and hit.end > start
    ]
    assert overlapping == []


@settings(max_examples=200, deadline=None)
@given(
    before=_NO_DIGITS,
    digits=st.text("0123456789", min_size=8, max_size=8),
    layout=st.sampled_from(["06-{}", "06{}", "06 {}", "+31 6 {}", "+316{}", "0031 6 {}"]),
    after=_NO_DIGITS,
)
def test_a_mobile_number_in_random_text_is_found(before, digits, layout, after):
    phone = layout.format(digits)
    text = f"{before} {phone} {after}"
    hits = find_personal_data(text)
    start = len(before) + 1
    assert ("telefoon", start, start + len(phone)) in [(h.kind, h.start, h.end) for h in hits]


@pytest.mark.parametrize(
    ("hostile", "expected_hits"),
    [
        ("mevrouw " * 20000, 0),
        ("Mevrouw " * 20000, 0),
        ("0" * 100_000, 0),
        ("9" * 200_000, 0),
        ("a@" * 50_000, 0),
        ("a." * 100_000 + "@", 0),
        ("a@" + "a." * 100_000, 0),
        ("AB-" * 30_000, 0),
        ("12-" * 60_000, 0),
        ("1 " * 100_000, 0),
        ("dhr. van " * 20_000, 0),
        ("J. " * 60_000, 0),
        ("+31" * 60_000, 0),
        ("mevrouw" + " " * 200_000 + "Jansen", 0),
        ("1234 AB " * 20_000, 10_000),  # "1234 AB 1234" pairs: postcode + house number
    ],
    ids=lambda value: repr(value[:12]) if isinstance(value, str) else str(value),
)
def test_long_hostile_input_is_handled_in_linear_time(hostile, expected_hits):
    started = time.perf_counter()
    hits = find_personal_data(hostile)
    elapsed = time.perf_counter() - started
    assert len(hits) == expected_hits
    # About 0.1 s here; catastrophic backtracking would take minutes. A generous bound.
    assert elapsed < 2.0
