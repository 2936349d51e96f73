"""Segmentation rules for the ambiguous cases of Polish news text (issue 11), on sentences of our own.

Each group pairs a case that must stay one sentence with the nearest case that must split,
so a rule that simply stops splitting (or always splits) fails here.
"""

from __future__ import annotations

import pytest

from translator.segment import sentences_of
from translator.segment_lexicon import (
    AMBIGUOUS,
    LETTER_LABEL_NOUNS,
    MAY_FINAL,
    NEVER_FINAL,
    SENTENCE_OPENERS,
    UNITS,
)

CASES = [
    # --- "r." and "w." closing a date phrase that opens its clause -------------------------
    ("Do końca 2025 r. Spółka chce otworzyć sto sklepów.", 1),
    ("Analitycy sądzą, że w 2030 r. Chiny wyprzedzą USA.", 1),
    ("Jak podał resort, w 2019 r. Polska wydała na obronę 2 proc. PKB.", 1),
    ("Na przełomie 2019 i 2020 r. Gmina kupiła dwa autobusy.", 1),
    ("Jeszcze w XIX w. Kraków był małym miastem.", 1),
    ("Na zajętym w 2014 r. Krymie stacjonuje flota.", 1),
    ("Po podpisanej w 2021 r. Umowie nie ma śladu.", 1),
    ("Fabrykę zamknięto w 2019 r. Pracownicy dostali odprawy.", 2),
    ("Most oddano do użytku w XV w. Dziś jest zabytkiem.", 2),
    ("Pisał o Krymie zajętym w 2014 r. Ukraina o tym pamięta.", 2),
    ("Spotkanie odbędzie się we wtorek, 4 marca 2025 r. Wstęp jest wolny.", 2),
    ("W 2024 r. Potem nic się nie działo.", 2),  # a capitalised closed-class word starts a sentence
    ("Dlatego w 2026 r. Rząd obniży podatki.", 1),  # an adverb opening the sentence
    ("Ustawę przyjęto jednak w 2021 r. Opozycja protestowała.", 2),  # the same adverb after the verb
    ("Sejm przyjął ustawę i w 2022 r. Prezydent ją podpisał.", 1),  # "i" opens a new clause
    ("Jak podał urząd, w 2018 r. Gmina wydała 5 mln zł.", 1),
    ("Urodził się w Radomiu, w 1950 r. Studiował w Krakowie.", 2),  # a capitalised verb starts a sentence
    ("Urodził się w Radomiu w 1950 r. Mieszkał tam do matury.", 2),
    # --- decades and ordinals ------------------------------------------------------------------
    ("Od lat 80. Firma eksportuje meble.", 1),
    ("W latach 60. Warszawa odbudowywała Starówkę.", 1),
    ("Grali razem w latach 80. Zespół rozpadł się później.", 2),
    ("Grali razem w latach 80. Potem każdy poszedł w swoją stronę.", 2),
    ("3. Wniosek składa się na piśmie.", 1),  # a list item's number
    ("Zgłosiło się 40 osób, przyjęto 25. Reszta czeka.", 2),
    # --- abbreviations missing from the old list -------------------------------------------------
    ("Rozmawiali ws. Ukrainy i Mołdawii.", 1),
    ("Festiwal pn. Lato w Mieście potrwa tydzień.", 1),
    ('Kampania pn. "Bezpieczna droga" ruszyła wczoraj.', 1),
    ("Na pocz. XX w. Łódź szybko rosła.", 1),
    ("Zeznawał podkom. Jan Wrona z komendy.", 1),
    ("Pałac (d. siedziba wojewody) stoi pusty.", 1),
    ("Muzeum mieści się przy u. Kopernika 3.", 1),
    ("Mieszka w Pruszkowie k. Warszawy od lat.", 1),
    ("W I kw. Firma zarobiła mniej.", 1),
    ("Podróż trwała 5 godz. Nikt nie narzekał.", 2),
    ("Po trzech meczach Polska ma 7 pkt. Czesi mają cztery.", 2),  # units after a number
    ("W południe było 31 st. Wieczorem spadł deszcz.", 2),
    ("Podsumowano to w pkt. Trzecim raportu.", 1),  # not after a number: a reference
    ("Awans dał mu st. sierż. Jan Lis.", 1),
    ("Sprzedano 200 tys. aut. Kolejne trafią do salonów w maju.", 2),
    ("Badanie opisali Nowak i in. Wyniki potwierdzono.", 2),  # "i in." ends, "m. in." does not
    ("Przyjechali m. in. Czesi i Słowacy.", 1),
    # --- abbreviations that are also words ----------------------------------------------------
    ("Głosował sen. Adam Nowak z Lublina.", 1),
    ("Dziecko zapadło w sen. Rano obudziło się zdrowe.", 2),
    ("Badania przeszedł nowy lek. Producent czeka na decyzję.", 2),
    # --- initials ----------------------------------------------------------------------------
    ("Na konferencji był John F. Kennedy junior.", 1),
    ("Wniosek złożył Jan K. Nowak z Gdyni.", 1),
    ("Relacje UE-W. Brytania są trudne.", 1),
    ("Policja zatrzymała Marka S. Przyznał się do kradzieży.", 2),
    ("Policja zatrzymała Marka S. Nie stawiał oporu.", 2),
    ("Świadkiem była sąsiadka Anny W. Mówiłam jej, żeby uważała.", 2),
    ("Zatrzymano 30-letniego Tomasza G. Mężczyzna usłyszał zarzut kradzieży.", 2),
    ("Zatrzymano 30-letniego Tomasza G. Grozi mu 5 lat więzienia.", 2),
    ("Przemawiał Tomasz G. Nowicki, szef związku.", 1),
    ("Wymogi wymienia załącznik II. Komisja może go zmienić.", 2),
    ("Wymogi wymienia załącznik I. Komisja może go zmienić.", 2),
    ("Dane zawiera tabela C. Opracował je GUS.", 2),
]


@pytest.mark.parametrize(("text", "count"), CASES, ids=[c[0][:40] for c in CASES])
def test_ambiguous_periods(text: str, count: int) -> None:
    assert len(sentences_of(text)) == count, sentences_of(text)


def test_split_sentences_keep_the_words_in_place() -> None:
    text = "Fabrykę zamknięto w 2019 r. Pracownicy dostali odprawy."
    assert sentences_of(text) == ["Fabrykę zamknięto w 2019 r.", "Pracownicy dostali odprawy."]


def test_the_abbreviation_data_is_shipped_and_consistent() -> None:
    for word in ("np", "ul", "prof", "ws", "pn", "pocz", "podkom", "d", "u", "tzw", "m.in", "wg", "zob"):
        assert word in NEVER_FINAL, word
    for word in ("itd", "itp", "r", "w", "tys", "zł", "br", "ub.r", "b.r", "ok"):
        assert word in MAY_FINAL, word
    assert not NEVER_FINAL & MAY_FINAL
    assert not AMBIGUOUS & (NEVER_FINAL | MAY_FINAL)
    assert UNITS <= NEVER_FINAL
    assert {"załączniku", "grupie", "witaminy"} <= LETTER_LABEL_NOUNS
    assert {"potem", "w", "nie"} <= SENTENCE_OPENERS


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Kupiono szczepionkę Sputnik V. Minister był zadowolony.", 2),
        ("Rządził wtedy Karol X. Szwecja była potęgą.", 2),
        ("Przemawiał Lech W. Kaczmarek.", 1),
    ],
)
def test_v_and_x_are_numerals_not_initials(text: str, count: int) -> None:
    assert len(sentences_of(text)) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Przyszło ok. 500 osób.", ["Przyszło ok. 500 osób."]),
        ("Wszystko jest ok. Jutro jedziemy dalej.", ["Wszystko jest ok.", "Jutro jedziemy dalej."]),
    ],
)
def test_ok_is_about_before_a_number_and_okay_at_the_end(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


def test_degrees_and_titles_before_a_name() -> None:
    text = "Zbadała go lek. med. Anna Lis. Wynik był dobry. Leczył je lek. wet. Piotr Kos."
    assert sentences_of(text) == [
        "Zbadała go lek. med. Anna Lis.",
        "Wynik był dobry.",
        "Leczył je lek. wet. Piotr Kos.",
    ]
    assert sentences_of("Dowodził nim ps. Grot. Walczył do końca.") == ["Dowodził nim ps. Grot.", "Walczył do końca."]


def test_legal_citations() -> None:
    text = "Stosuje się ustawę (Dz. U. Nr 12, poz. 5, z późn. zm.). Zmienia ją art. 3 ust. 2 zd. 1."
    assert sentences_of(text) == [
        "Stosuje się ustawę (Dz. U. Nr 12, poz. 5, z późn. zm.).",
        "Zmienia ją art. 3 ust. 2 zd. 1.",
    ]
    text = "Obowiązuje ustawa z dnia 5 maja 2000 r. z późn. zm. Rada ją stosuje. Autor (zm. 1990 r.) pisał."
    assert sentences_of(text) == [
        "Obowiązuje ustawa z dnia 5 maja 2000 r. z późn. zm.",
        "Rada ją stosuje.",
        "Autor (zm. 1990 r.) pisał.",
    ]


def test_language_names_before_a_foreign_word() -> None:
    text = "Miasto (lit. Vilnius, białorus. Vilnia) rośnie. To duży port. Statki wpływają."
    assert sentences_of(text) == [
        "Miasto (lit. Vilnius, białorus. Vilnia) rośnie.",
        "To duży port.",
        "Statki wpływają.",
    ]
