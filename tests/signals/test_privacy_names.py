"""The 2026-12 additions to the personal-data warning: full names without a title, streets
with a house number, postcodes alone, dates of birth; and the corpus figures."""

import sys
from pathlib import Path

import pytest

from signals.privacy import find_personal_data, first_names, summarise_hits

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from personal_data import CORPUS, evaluate, load_corpus  # noqa: E402


def kinds(text: str) -> list[tuple[str, str]]:
    return [(hit.kind, hit.text) for hit in find_personal_data(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jan de Vries zei dat hij komt.", "Jan de Vries"),
        ("Volgens Fatima el Amrani was het rustig.", "Fatima el Amrani"),
        ("Mohammed Yilmaz stond erbij.", "Mohammed Yilmaz"),
        ("Het was Anouk van den Berg.", "Anouk van den Berg"),
        ("Buurvrouw Sanne Jansen belde.", "Sanne Jansen"),
        ("Gerrit in 't Veld deelt filmpjes.", "Gerrit in 't Veld"),
        ("Rania al-Hassan werd uitgescholden.", "Rania al-Hassan"),
        ("Roos Vermeulen kreeg een brief.", "Roos Vermeulen"),
    ],
)
def test_a_full_name_without_a_title_is_found(text, name):
    assert kinds(text) == [("volledige_naam", name)]


@pytest.mark.parametrize(
    "text",
    [
        "Jan kwam ook kijken.",  # a first name alone
        "De kerk van Sint Jan en het feest van Sint Maarten.",
        "Koning Willem-Alexander en prinses Amalia Oranje bezoeken het dorp.",
        "Roos en kaarsen bij het monument. Jan en alleman kwam kijken.",
        "Op de Jan van Galenstraat en de Jan Pieterszoon Coenstraat.",
        "Het Vincent van Gogh College en het Jeroen Bosch Ziekenhuis.",
        "Bij de Albert Heijn en de Dirk van den Broek.",
        "Willem II won; Mark is een oude munt. Jan Is Hier in een kop.",
    ],
)
def test_first_names_in_places_organisations_and_words_are_not_names(text):
    assert kinds(text) == []


def test_the_first_name_list_is_loaded_once_and_has_hundreds_of_names():
    assert first_names() is first_names()
    assert len(first_names()) > 300
    assert {"jan", "fatima", "mohammed", "priya", "piotr", "yonas", "oksana"} <= first_names()


def test_a_title_and_a_full_name_are_one_name():
    assert kinds("Het was meneer Jan de Vries.") == [("naam", "meneer Jan de Vries")]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Bij Kerkstraat 12 was het raak.", "Kerkstraat 12"),
        ("Op Dorpsplein 3a en verder.", "Dorpsplein 3a"),
        ("Adres Molenweg 14-2, boven.", "Molenweg 14-2"),
        ("Aan de Van Goghlaan 7 woont hij.", "Goghlaan 7"),
        ("Burgemeester de Withstraat 5 is het.", "Withstraat 5"),
        ("In de portiek van Oude Gracht 112 bis.", "Oude Gracht 112 bis"),
        ("Op Laan van Meerdervoort 210 woont hij.", "Laan van Meerdervoort 210"),
        ("Het café op de Markt 7 sluit.", "Markt 7"),
    ],
)
def test_a_street_with_a_house_number_is_found(text, street):
    assert kinds(text) == [("straat_huisnummer", street)]


@pytest.mark.parametrize(
    "text",
    [
        "Stickers op de Kerkstraat en op het Dorpsplein.",
        "Op de Kerkstraat 3 auto's in brand; in Eschveld 12 jongeren.",
        "Onderweg 3 keer aangesproken. Op Veld 3 van de voetbalclub.",
        "Kleidijk 2026: geen zomerfeest. Toen de Kerkstraat in 2019 werd heringericht.",
        "Vergadering op de Stationsweg 12 mei om 20.00 uur.",
    ],
)
def test_streets_without_a_house_number_are_places(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "postcode"),
    [("Woont in 1234 AB.", "1234 AB"), ("Op 3581KP.", "3581KP"), ("Bij 4811xj.", "4811xj")],
)
def test_a_postcode_alone_is_found(text, postcode):
    assert kinds(text) == [("postcode", postcode)]


@pytest.mark.parametrize(
    "text",
    [
        "IN 2026 EN 2027 KOMEN ER MEER",
        "in 2026 EN meer",
        "Het windpark wordt 1500 MW, de lijn 1000km.",
        "Postcodes met 1234 SA, 1234 SD of 1234 SS bestaan niet.",
        "De 4000 ME-ers waren er.",
    ],
)
def test_years_units_and_words_are_not_postcodes(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hij is geboren op 12-03-1987 in Rade.", "12-03-1987"),
        ("Verdachte, geb. 12 maart 1987, woont hier.", "12 maart 1987"),
        ("Geboortedatum: 1987-03-12.", "1987-03-12"),
        ("DOB 22/04/1972, wil teruggebeld worden.", "22/04/1972"),
        ("Het kind, * 9-6-2010, filmde.", "9-6-2010"),
    ],
)
def test_a_date_after_a_birth_cue_is_a_date_of_birth(text, found):
    assert kinds(text) == [("geboortedatum", found)]


def test_an_old_date_after_a_name_is_a_date_of_birth():
    assert kinds("Het gaat om Jan de Vries (12-03-1987).") == [
        ("volledige_naam", "Jan de Vries"),
        ("geboortedatum", "12-03-1987"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Op 12-03-2026 was er een vechtpartij.",
        "De raadsvergadering van 2 april 2026 werd verstoord.",
        "Op 14-02-1998 ging het dorp ook de straat op.",  # an old event, no name, no cue
        "Geboren en getogen in Brammelo, zeggen ze.",
    ],
)
def test_event_dates_are_not_dates_of_birth(text):
    assert kinds(text) == []


def test_the_summary_reads_well_with_the_new_labels():
    summary = summarise_hits(find_personal_data("Jan de Vries, Kerkstraat 12, geb. 1-2-1980."))
    assert summary.startswith(
        "De tekst lijkt persoonsgegevens te bevatten: een voor- en achternaam, een straat met "
        "huisnummer en een geboortedatum. Beschrijf liever"
    )


def test_the_corpus_figures_do_not_regress():
    rows = load_corpus(CORPUS)
    assert len(rows) >= 240
    assert sum(row["personal_data"] for row in rows) * 2 == len(rows)
    result = evaluate(rows)
    assert result["precision"] >= 0.85, result["wrong"]
    assert result["recall"] >= 0.95, result["wrong"]
