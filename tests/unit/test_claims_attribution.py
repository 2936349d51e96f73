"""Who said it: reporting verbs, carry-over and author asides, on sentences of our own."""

from __future__ import annotations

import pytest

from translator.parse import parse_document
from translator.summarize.attribution import attribute_sentences


def _speakers(text: str) -> list[str | None]:
    """The speaker of every paragraph sentence of ``text``, in order."""
    attributions = attribute_sentences(parse_document(text, name="t.txt"))
    return [a.speaker.name if a.speaker else None for a in attributions.values()]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # words between the verb and the name
        ("Nie ma zgody na podwyżki – mówiła w Senacie minister Izabela Leszczyna.", "Izabela Leszczyna"),
        (
            "Budżet jest bezpieczny – zapewnił w rozmowie z „Faktem” wiceminister Jan Sarnowski.",
            "Jan Sarnowski",
        ),
        ("Inflacja spadła do 4 proc. – podał w czwartek urząd statystyczny Eurostat.", "Eurostat"),
        # the speaker after the verb, the object first
        (
            "Sprzeciw wobec reformy ogłosił wczoraj z trybuny lider Polski 2050 Szymon Hołownia, który mówił długo.",
            "Szymon Hołownia",
        ),
        # a spokesperson: the person, not the ministry
        ("Rzeczniczka MSZ Ukrainy Olena Kowalenko oświadczyła, że rozmowy trwają.", "Olena Kowalenko"),
        # the first of two subjects of a plural verb
        (
            "Na konferencji premier Donald Tusk i wicepremier Krzysztof Gawkowski poinformowali o nowym planie.",
            "Donald Tusk",
        ),
        # an apposition between the name and the verb
        (
            "Anna Wiśniewska, ekonomistka banku PKO, zaznacza, że stopy procentowe nie spadną.",
            "Anna Wiśniewska",
        ),
        # a genitive complement in a prepositional phrase is not the speaker
        (
            "W odpowiedzi na decyzję Węgier strona słowacka ogłosiła zamknięcie granicy.",
            "strona słowacka",
        ),
        ("Według danych Narodowego Banku Polskiego inflacja spadła.", "Narodowy Bank Polski"),
        ("Według ustaleń Reuters Kowalczyk był wtedy w Kijowie.", "Reuters"),
        ("Zdaniem Jarosława Kaczyńskiego wybory zostaną przesunięte.", "Jarosław Kaczyński"),
        ("Niemieckie media alarmują, że ceny gazu wzrosną.", "Niemieckie media"),
        ("Serwis Politico powołuje się na dane zebrane przez Eurostat.", "Politico"),
    ],
)
def test_speaker_found_where_polish_puts_it(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


def test_left_out_subject_carries_over_to_the_last_person_of_that_gender() -> None:
    text = (
        "Minister zdrowia Katarzyna Sobierańska-Grenda przedstawiła plan. "
        "Projekt skrytykował poseł Marek Sawicki. "
        "Jak podkreśliła, szpitale dostaną pieniądze w marcu. "
        "Dodał, że to za mało."
    )
    assert _speakers(text) == [None, None, "Katarzyna Sobierańska-Grenda", "Marek Sawicki"]


def test_pronoun_subject_carries_over() -> None:
    text = "Prezydent Andrzej Duda spotkał się z rolnikami. Nie ukrywał on, że protest go martwi."
    assert _speakers(text)[1] == "Andrzej Duda"


def test_bare_role_stands_for_the_person_named_with_it() -> None:
    text = (
        "Premier Petr Fiala przyjął dymisję ministra. "
        "Minister Jan Lipavský zapowiedział, że zostanie w partii. "
        "Premier zapowiedział, że nowego ministra przedstawi w piątek."
    )
    assert _speakers(text) == [None, "Jan Lipavský", "Petr Fiala"]


def test_a_role_never_named_gives_no_speaker() -> None:
    assert _speakers("Prezydent zapowiedział, że podpisze ustawę w piątek.") == [None]


def test_no_one_to_carry_over_gives_no_speaker() -> None:
    assert _speakers("Ceny wzrosły. Jak podkreśliła, to dopiero początek.") == [None, None]


def test_a_lone_dash_attribution_closes_the_paragraph_before_it() -> None:
    text = (
        "Szef NATO Mark Rutte napisał w serwisie X, że sojusz jest gotowy.\n\n"
        "Nasza obrona jest silniejsza niż kiedykolwiek. Nikt nie powinien w to wątpić.\n\n"
        "— zaznaczył.\n"
    )
    assert _speakers(text) == ["Mark Rutte", "Mark Rutte", "Mark Rutte", "Mark Rutte"]


@pytest.mark.parametrize(
    "text",
    [
        "Warto dodać, że w zeszłym roku ceny spadły o 3 proc.",
        "Trzeba przypomnieć, że ustawa weszła w życie w styczniu.",
        "Należy zaznaczyć, że rząd nie przyjął jeszcze projektu.",
        "Dodajmy, że pierwsze pieniądze trafią do gmin w maju.",
    ],
)
def test_author_asides_have_no_speaker(text: str) -> None:
    named = "Ekonomista Piotr Kuczyński uważa, że ceny wzrosną. "
    assert _speakers(named + text) == ["Piotr Kuczyński", None]


def test_instructions_are_not_reports() -> None:
    text = "Dodaj cukier i wymieszaj. Dodaj mąkę z firmy Lubella."
    assert _speakers(text) == [None, None]


def test_surname_alone_takes_the_full_name_given_in_the_genitive() -> None:
    text = "Według ekonomisty Piotra Nowaka koszt wyniesie 6 mld zł. – To rozsądna cena – ocenia Nowak."
    assert _speakers(text) == ["Piotr Nowak", "Piotr Nowak"]


def test_securing_something_is_not_saying_it() -> None:
    assert _speakers("Drużyna Jana Kowalskiego zapewniła sobie awans do finału.") == [None]


def test_wedlug_nich_points_at_the_source_just_named() -> None:
    text = "Serwis Politico powołuje się na raport opublikowany przez OECD. Według nich dług Włoch wzrośnie."
    assert _speakers(text) == ["Politico", "OECD"]


def test_a_body_deciding_is_the_speaker_and_its_acronym_is_spelled_out() -> None:
    text = (
        "Najwyższa Izba Kontroli opublikowała raport o szpitalach. "
        "NIK odrzuciła też wyjaśnienia resortu zdrowia. "
        "Kontrolerzy odwiedzili 20 szpitali."
    )
    assert _speakers(text) == [None, "Najwyższa Izba Kontroli", None]
