"""The personal-data warning: what it finds, what it leaves alone, hostile input."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from signals.privacy import _elfproef, find_personal_data, summarise_hits

ORDINARY_TEXTS = [
    "Vanavond om 21:30 stonden 15 jongeren bij de Jumbo aan de Marktstraat, er werd "
    "vuurwerk afgestoken.",
    "Op 12-05-2026 werd een pamflet verspreid tegen het azc.",
    "Ongeveer 200 mensen op de informatieavond over het windpark, sfeer grimmig.",
    "Mevrouw de burgemeester werd uitgejouwd bij de opening van de sporthal.",
    "In 2025 waren er 3 incidenten, in 2026 al 11.",
    "De bus van lijn 104 werd om 16:45 bekogeld met eieren.",
    "Online oproep in een Telegramgroep met 1.250 leden om naar de raad te komen.",
    "Spandoek 'Geen azc' aan het hek van de voetbalclub, ca. 3 bij 1 meter.",
    "Trekkers blokkeerden de N381 tussen 07:00 en 09:30.",
    "Bewoners van de Bloemenbuurt zijn ongerust over de nieuwe hoogspanningsmast.",
    "Gerucht dat de gemeente 40 woningen voor statushouders reserveert; klopt niet.",
    "Drie auto's beschadigd op het parkeerterrein bij het station, schade ca. 5000 euro.",
]

PERSONAL_TEXTS = [
    ("Mevrouw Jansen van nummer 4 heeft het pamflet rondgebracht.", "naam"),
    ("Dhr. P. van der Berg zei dat hij de raad gaat bestoken.", "naam"),
    ("Bel haar terug op 06-12345678.", "telefoon"),
    ("Telefoon: +31 6 1234 5678", "telefoon"),
    ("Vast nummer 010-1234567 hing op het briefje.", "telefoon"),
    ("Zijn mailadres is boze.buurman@example.nl", "email"),
    ("Op het formulier stond BSN 123456782.", "bsn"),
    ("Nummer 123.456.782 stond op de brief.", "bsn"),
    ("Auto met kenteken AB-12-CD reed weg.", "kenteken"),
    ("De bestelbus 12-ABC-3 stond er weer.", "kenteken"),
    ("Het gebeurde bij 1234 AB 12.", "postcode_huisnummer"),
    ("Geld overmaken naar NL91 ABNA 0417 1643 00 voor de actie.", "iban"),
]


@pytest.mark.parametrize("text", ORDINARY_TEXTS)
def test_ordinary_signal_texts_give_no_warning(text):
    assert find_personal_data(text) == []


@pytest.mark.parametrize(("text", "kind"), PERSONAL_TEXTS)
def test_personal_data_is_found_with_its_kind(text, kind):
    hits = find_personal_data(text)
    assert [hit.kind for hit in hits] == [kind]
    hit = hits[0]
    assert text[hit.start : hit.end] == hit.text


def test_invalid_elfproef_is_not_a_bsn():
    assert find_personal_data("Ordernummer 123456789 is verzonden.") == []


def test_summary_names_what_was_found_in_dutch():
    summary = summarise_hits(find_personal_data("Mevrouw Jansen, 06-12345678"))
    assert "een naam na meneer/mevrouw en een telefoonnummer" in summary
    assert "bevat persoonsgegevens" in summary


@st.composite
def valid_bsn(draw):
    """Eight random digits and the check digit that makes the elfproef hold."""
    digits = [draw(st.integers(0, 9)) for _ in range(8)]
    check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    assume(check < 10 and any(digits))
    bsn = "".join(map(str, digits)) + str(check)
    assert _elfproef(bsn)
    return bsn


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(alphabet="abcdefgh ,.", max_size=40),
    bsn=valid_bsn(),
    after=st.text(alphabet="abcdefgh ,.", max_size=40),
)
def test_a_valid_bsn_in_any_text_is_found(before, bsn, after):
    text = f"{before} {bsn} {after}"
    assert "bsn" in {hit.kind for hit in find_personal_data(text)}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_never_raises_and_spans_index_the_text(text):
    for hit in find_personal_data(text):
        assert text[hit.start : hit.end] == hit.text


@pytest.mark.parametrize(
    "hostile", ["mevrouw " * 20000, "0" * 100000, "a@" * 50000, "AB-" * 30000, "1234 AB " * 20000]
)
def test_long_hostile_input_finishes(hostile):
    find_personal_data(hostile)  # linear patterns: this returns within the test timeout
