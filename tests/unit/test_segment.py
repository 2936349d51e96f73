"""Polish sentence segmentation: exact sentences for hand-written cases, the seed, properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.segment import MAY_FINAL, NEVER_FINAL, sentences_of, split_sentences

SEED = Path(__file__).resolve().parents[2] / "seeds" / "kazachstan-dystansuje-sie-od-rosji.txt"

CASES = [
    # --- plain endings -----------------------------------------------------
    ("Ala ma kota. Kot ma Alę.", ["Ala ma kota.", "Kot ma Alę."]),
    ("Czy to prawda? Nie wiem! Może jutro.", ["Czy to prawda?", "Nie wiem!", "Może jutro."]),
    ("Naprawdę?! Tak. Serio?!", ["Naprawdę?!", "Tak.", "Serio?!"]),
    ("Co?!! Niemożliwe!!! Dobrze.", ["Co?!!", "Niemożliwe!!!", "Dobrze."]),
    ("Czekaliśmy… Nikt nie przyszedł.", ["Czekaliśmy…", "Nikt nie przyszedł."]),
    ("Bez kropki na końcu", ["Bez kropki na końcu"]),
    ("  Spacje wokół.   I w środku.  ", ["Spacje wokół.", "I w środku."]),
    ("", []),
    ("   \n\t  ", []),
    # --- ellipses ------------------------------------------------------------
    ("Nie wiem... może jutro.", ["Nie wiem... może jutro."]),
    ("Nie wiem… może jutro.", ["Nie wiem… może jutro."]),
    ("Nie wiem... Może jutro.", ["Nie wiem...", "Może jutro."]),
    ("Powiedział, że (...) Polska wygra.", ["Powiedział, że (...) Polska wygra."]),
    ("Napisał [...] Warszawa odpowie.", ["Napisał [...] Warszawa odpowie."]),
    # --- titles and ranks --------------------------------------------------
    ("Rozmawiał z nim prof. Jan Nowak. Potem wyszedł.", ["Rozmawiał z nim prof. Jan Nowak.", "Potem wyszedł."]),
    ("Prof. Nowak wyjechał. Wróci jutro.", ["Prof. Nowak wyjechał.", "Wróci jutro."]),
    (
        "Wykład wygłosił dr hab. Adam Kowalski. Sala była pełna.",
        ["Wykład wygłosił dr hab. Adam Kowalski.", "Sala była pełna."],
    ),
    ("Ranny został dr. Marek Wiśniewski.", ["Ranny został dr. Marek Wiśniewski."]),
    (
        "Dowodził gen. Walerij Gierasimow. Atak się nie powiódł.",
        ["Dowodził gen. Walerij Gierasimow.", "Atak się nie powiódł."],
    ),
    ("Mszę odprawił ks. prał. Jan Kowal. Wierni śpiewali.", ["Mszę odprawił ks. prał. Jan Kowal.", "Wierni śpiewali."]),
    (
        "Do jednostki przybył płk Nowak, a potem mjr. Lis i kpt. Wilk.",
        ["Do jednostki przybył płk Nowak, a potem mjr. Lis i kpt. Wilk."],
    ),
    (
        "Raport podpisał por. Adam Zięba. Sprawa trafiła do sądu.",
        ["Raport podpisał por. Adam Zięba.", "Sprawa trafiła do sądu."],
    ),
    ("Projekt przygotował inż. Jan Bury i mgr. Anna Lis.", ["Projekt przygotował inż. Jan Bury i mgr. Anna Lis."]),
    (
        "Wstęp napisał doc. Piotr Kmita. Książka ukazała się w maju.",
        ["Wstęp napisał doc. Piotr Kmita.", "Książka ukazała się w maju."],
    ),
    ("Tekst zredagował red. Tomasz Lis.", ["Tekst zredagował red. Tomasz Lis."]),
    ("Modlitwę poprowadził o. Tadeusz. Potem była cisza.", ["Modlitwę poprowadził o. Tadeusz.", "Potem była cisza."]),
    ("Kościół św. Anny jest zamknięty.", ["Kościół św. Anny jest zamknięty."]),
    # --- places --------------------------------------------------------------
    ("Mieszka przy ul. Długiej 5. Ma psa.", ["Mieszka przy ul. Długiej 5.", "Ma psa."]),
    ("Protest przeszedł al. Jerozolimskimi na pl. Defilad.", ["Protest przeszedł al. Jerozolimskimi na pl. Defilad."]),
    (
        "Wieś leży w woj. Mazowieckim, pow. Garwolińskim, gm. Pilawa.",
        ["Wieś leży w woj. Mazowieckim, pow. Garwolińskim, gm. Pilawa."],
    ),
    # --- references ---------------------------------------------------------------
    (
        "Zgodnie z art. 5 ust. 2 pkt 3 ustawy. Sąd się zgodził.",
        ["Zgodnie z art. 5 ust. 2 pkt 3 ustawy.", "Sąd się zgodził."],
    ),
    ("Zobacz nr. 12 na s. 45. Tam jest mapa.", ["Zobacz nr. 12 na s. 45.", "Tam jest mapa."]),
    ("Spotkanie o godz. 12.30 w sali nr 5.", ["Spotkanie o godz. 12.30 w sali nr 5."]),
    ("Por. rys. 3 i tab. 4 na str. 10. Dane z GUS.", ["Por. rys. 3 i tab. 4 na str. 10.", "Dane z GUS."]),
    ("Dzwoń pod tel. 123 456 789. Czekamy.", ["Dzwoń pod tel. 123 456 789.", "Czekamy."]),
    ("Opisano to w t. 2 encyklopedii.", ["Opisano to w t. 2 encyklopedii."]),
    ("Usłyszał to z jego ust. Potem zamilkł.", ["Usłyszał to z jego ust.", "Potem zamilkł."]),
    # --- linking words ------------------------------------------------------------
    ("Wstrzymują się m.in. Iran, Indie i Chiny.", ["Wstrzymują się m.in. Iran, Indie i Chiny."]),
    ("Wstrzymują się m. in. Iran i Chiny.", ["Wstrzymują się m. in. Iran i Chiny."]),
    ("Kupił owoce, np. Jabłka z Grójca.", ["Kupił owoce, np. Jabłka z Grójca."]),
    ("To tzw. Trójmorze. Projekt rośnie.", ["To tzw. Trójmorze.", "Projekt rośnie."]),
    ("Przyszło ok. 300 osób. Było zimno.", ["Przyszło ok. 300 osób.", "Było zimno."]),
    ("Wg GUS inflacja spadła. To dobrze.", ["Wg GUS inflacja spadła.", "To dobrze."]),
    ("Pełnomocnik ds. Polityki Wschodniej zrezygnował.", ["Pełnomocnik ds. Polityki Wschodniej zrezygnował."]),
    (
        "Uniwersytet im. Adama Mickiewicza rośnie. Pomagamy im. Oni dziękują.",
        ["Uniwersytet im. Adama Mickiewicza rośnie.", "Pomagamy im.", "Oni dziękują."],
    ),
    ("Sieć (ang. Network) działa. Tak.", ["Sieć (ang. Network) działa.", "Tak."]),
    ("Kraj (ros. Rossija) milczy. Niem. Bundestag także.", ["Kraj (ros. Rossija) milczy.", "Niem. Bundestag także."]),
    ("Zmarł tj. Jan Kowalski, tzn. Nasz sąsiad.", ["Zmarł tj. Jan Kowalski, tzn. Nasz sąsiad."]),
    ("Szczegóły zob. Aneks. Dziękuję.", ["Szczegóły zob. Aneks.", "Dziękuję."]),
    ("Książka pt. Lalka jest długa.", ["Książka pt. Lalka jest długa."]),
    # --- may-final abbreviations -------------------------------------------------
    (
        "Umowę podpisano w 2020 r. Od tego czasu nic się nie zmieniło.",
        ["Umowę podpisano w 2020 r.", "Od tego czasu nic się nie zmieniło."],
    ),
    ("W 2020 r. Sejm uchwalił ustawę.", ["W 2020 r. Sejm uchwalił ustawę."]),
    ("W marcu 2020 r. Polska zamknęła granice.", ["W marcu 2020 r. Polska zamknęła granice."]),
    ("Od 24 lutego 2022 r. Rosja prowadzi wojnę.", ["Od 24 lutego 2022 r. Rosja prowadzi wojnę."]),
    ("Dnia 24.06.2023 r. Prezydent podpisał ustawę.", ["Dnia 24.06.2023 r. Prezydent podpisał ustawę."]),
    ("Pod koniec XIX w. Polska nie istniała. Tak było.", ["Pod koniec XIX w. Polska nie istniała.", "Tak było."]),
    ("Zamek zbudowano w XIV w. Dziś to muzeum.", ["Zamek zbudowano w XIV w.", "Dziś to muzeum."]),
    ("Miasto założono w 500 r. p.n.e. i rozwijało się.", ["Miasto założono w 500 r. p.n.e. i rozwijało się."]),
    ("Żył w I w. n.e. Pisał wiersze.", ["Żył w I w. n.e.", "Pisał wiersze."]),
    ("Kupił jabłka, gruszki itd. Potem poszedł do domu.", ["Kupił jabłka, gruszki itd.", "Potem poszedł do domu."]),
    ("Były stoły, krzesła itp. i inne meble.", ["Były stoły, krzesła itp. i inne meble."]),
    ("Kosztowało to 5 tys. zł. Nikt nie protestował.", ["Kosztowało to 5 tys. zł.", "Nikt nie protestował."]),
    ("Do Niemiec wyjechało 5 tys. Polaków. To dużo.", ["Do Niemiec wyjechało 5 tys. Polaków.", "To dużo."]),
    ("W Polsce żyje ok. 1 mln. Ukraińców i 10 tys. Rosjan.", ["W Polsce żyje ok. 1 mln. Ukraińców i 10 tys. Rosjan."]),
    ("Wydatki sięgną 4 proc. PKB. Rząd to potwierdził.", ["Wydatki sięgną 4 proc. PKB.", "Rząd to potwierdził."]),
    ("Inflacja wyniosła 10 proc. Rząd milczy.", ["Inflacja wyniosła 10 proc.", "Rząd milczy."]),
    ("Zarobił 3 mln. USD w rok.", ["Zarobił 3 mln. USD w rok."]),
    ("Budżet to 20 mld. Opozycja krytykuje.", ["Budżet to 20 mld.", "Opozycja krytykuje."]),
    ("Pracuje w firmie Orlen S.A. Zarabia dobrze.", ["Pracuje w firmie Orlen S.A.", "Zarabia dobrze."]),
    ("Spółka Kowalski sp. z o.o. ogłosiła upadłość.", ["Spółka Kowalski sp. z o.o. ogłosiła upadłość."]),
    ("Pracuje w Nowak sp. z o.o. Ma umowę.", ["Pracuje w Nowak sp. z o.o.", "Ma umowę."]),
    (
        "Inwestycję zakończono w maju br. Kolejna ruszy w 2025 r. 12 osób straciło pracę.",
        ["Inwestycję zakończono w maju br.", "Kolejna ruszy w 2025 r. 12 osób straciło pracę."],
    ),
    ("Ciąg dalszy nastąpi, cdn. Do zobaczenia.", ["Ciąg dalszy nastąpi, cdn.", "Do zobaczenia."]),
    ("Szczyt ma 2499 m n.p.m. Wejście trwa dzień.", ["Szczyt ma 2499 m n.p.m.", "Wejście trwa dzień."]),
    # --- initials -------------------------------------------------------------
    ("Spotkałem A. Nowaka. Był zmęczony.", ["Spotkałem A. Nowaka.", "Był zmęczony."]),
    ("Czytałem J. R. R. Tolkiena. Świetny.", ["Czytałem J. R. R. Tolkiena.", "Świetny."]),
    ("Czytałem J.R.R. Tolkiena. Świetny.", ["Czytałem J.R.R. Tolkiena.", "Świetny."]),
    ("Powiedział premier M. Morawiecki.", ["Powiedział premier M. Morawiecki."]),
    ("List napisał Ch. Nowak. Odpowiedzi brak.", ["List napisał Ch. Nowak.", "Odpowiedzi brak."]),
    ("Polska zagra w grupie E. Rywalami będą Hiszpanie.", ["Polska zagra w grupie E.", "Rywalami będą Hiszpanie."]),
    ("Brakuje mu witaminy C. Lekarz to potwierdził.", ["Brakuje mu witaminy C.", "Lekarz to potwierdził."]),
    # --- numbers, dates, times ------------------------------------------------
    ("Zajął 3. miejsce w biegu.", ["Zajął 3. miejsce w biegu."]),
    ("Wzrost w 3. kwartale był duży.", ["Wzrost w 3. kwartale był duży."]),
    (
        "Kurs wynosi 4.35 zł, a wczoraj 4,35 zł. Jutro zobaczymy.",
        ["Kurs wynosi 4.35 zł, a wczoraj 4,35 zł.", "Jutro zobaczymy."],
    ),
    ("Pociąg odjeżdża o 12.30. Spóźniłem się.", ["Pociąg odjeżdża o 12.30.", "Spóźniłem się."]),
    ("Ustawa z 24.06.2023 r. weszła w życie.", ["Ustawa z 24.06.2023 r. weszła w życie."]),
    (
        "Zginęło 5 osób, rannych jest 12. Policja bada sprawę.",
        ["Zginęło 5 osób, rannych jest 12.", "Policja bada sprawę."],
    ),
    ("1. Polska 2. Niemcy", ["1. Polska 2.", "Niemcy"]),
    ("W latach 90. Polska się zmieniła.", ["W latach 90. Polska się zmieniła."]),
    ("Był to Jan Paweł II. Potem przyszedł Benedykt XVI.", ["Był to Jan Paweł II.", "Potem przyszedł Benedykt XVI."]),
    # --- acronyms, web addresses, e-mail ---------------------------------------
    ("Polska jest w NATO. To ważne.", ["Polska jest w NATO.", "To ważne."]),
    ("Wszystko OK. Jedziemy.", ["Wszystko OK.", "Jedziemy."]),
    ("Więcej na www.onet.pl. Zapraszamy.", ["Więcej na www.onet.pl.", "Zapraszamy."]),
    ("Link: https://x.pl/a.b?c=d i dalej. Koniec.", ["Link: https://x.pl/a.b?c=d i dalej.", "Koniec."]),
    ("Pisz na jan.kowalski@wp.pl lub dzwoń. Dziękuję.", ["Pisz na jan.kowalski@wp.pl lub dzwoń.", "Dziękuję."]),
    ("Strona www.gov.pl/web/premier działa.", ["Strona www.gov.pl/web/premier działa."]),
    # --- quotes and brackets ---------------------------------------------------
    ("Powiedział: „Nie.” Potem wyszedł.", ["Powiedział: „Nie.”", "Potem wyszedł."]),
    ('Powiedział: "Nie." Potem wyszedł.', ['Powiedział: "Nie."', "Potem wyszedł."]),
    ("Krzyknął: «Stop!» I uciekł.", ["Krzyknął: «Stop!»", "I uciekł."]),
    ("Zapytał: „Dlaczego?” Nikt nie odpowiedział.", ["Zapytał: „Dlaczego?”", "Nikt nie odpowiedział."]),
    ("„Dlaczego?” zapytał cicho.", ["„Dlaczego?” zapytał cicho."]),
    ('Gazeta "Ilta-Sanomat". Potem inne.', ['Gazeta "Ilta-Sanomat".', "Potem inne."]),
    ("(To było dawno.) Dziś jest inaczej.", ["(To było dawno.)", "Dziś jest inaczej."]),
    ("Wygrał (po dogrywce). „Brawo” – pisały gazety.", ["Wygrał (po dogrywce).", "„Brawo” – pisały gazety."]),
    ('Ma poziom "wyższy niż Unia". Tak.', ['Ma poziom "wyższy niż Unia".', "Tak."]),
    ("Powiedział: „Idę!”. Wyszedł.", ["Powiedział: „Idę!”.", "Wyszedł."]),
    # --- dialogue dashes ---------------------------------------------------------
    (
        "Skomentował sytuację. - Doceniam jego żart. Nie sądzę.",
        ["Skomentował sytuację.", "- Doceniam jego żart.", "Nie sądzę."],
    ),
    ("Koniec. – Nie wiem! – krzyknął Jan. Wyszedł.", ["Koniec.", "– Nie wiem! – krzyknął Jan.", "Wyszedł."]),
    ("— Dokąd idziesz? — zapytała. — Do domu.", ["— Dokąd idziesz? — zapytała.", "— Do domu."]),
    ("Kraj się boi - mówi Tuomas Forsberg. Inni nie.", ["Kraj się boi - mówi Tuomas Forsberg.", "Inni nie."]),
    ("– Tak\n– Nie\n– Może", ["– Tak", "– Nie", "– Może"]),
    ("Pierwsza linia\ndruga linia. Trzecia.", ["Pierwsza linia\ndruga linia.", "Trzecia."]),
    ("Zapytał\n  - Co dalej?\n- Nic", ["Zapytał", "- Co dalej?", "- Nic"]),
    ("Wynik 5\n-3 stopnie", ["Wynik 5\n-3 stopnie"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


@pytest.mark.parametrize("abbreviation", sorted(NEVER_FINAL - {"ust", "im", "in"}))
def test_never_final_abbreviation_does_not_end_a_sentence_before_a_capital(abbreviation: str) -> None:
    text = f"Zdanie przed tym, {abbreviation}. Nowak przyszedł. Koniec."
    assert sentences_of(text) == [f"Zdanie przed tym, {abbreviation}. Nowak przyszedł.", "Koniec."]


@pytest.mark.parametrize("abbreviation", sorted(MAY_FINAL))
def test_may_final_abbreviation_ends_a_sentence_before_a_capital(abbreviation: str) -> None:
    text = f"Zdanie kończy się na 5 {abbreviation}. Kolejne zdanie jest tu."
    assert sentences_of(text) == [f"Zdanie kończy się na 5 {abbreviation}.", "Kolejne zdanie jest tu."]


@pytest.mark.parametrize("abbreviation", sorted(MAY_FINAL | NEVER_FINAL))
def test_no_abbreviation_ends_a_sentence_before_lower_case(abbreviation: str) -> None:
    text = f"Tu jest {abbreviation}. dalej to samo zdanie."
    assert sentences_of(text) == [text]


def test_spans_index_into_the_text() -> None:
    text = " Ala  ma kota.\n Kot\tma Alę. "
    assert split_sentences(text) == [(1, 14), (16, 27)]
    assert text[16:27] == "Kot\tma Alę."


def _seed_blocks() -> list[str]:
    return [b.strip() for b in SEED.read_text(encoding="utf-8").split("\n\n")]


SEED_SENTENCES = [
    # (block index, [(first word, last word) of each sentence])
    (0, [("date", "sojuszników."), ("Wśród", "Nikaragui."), ("Od", "Armenia."), ("Wśród", "zmieniać.")]),
    (1, [("Kazachstan", "Rosji."), ("Pojawiają", "sojusznika")]),
    (
        2,
        [
            ("Kazachstan", "Putina."),
            ("-", "wojnę."),
            ("Kraj", '"Ilta-Sanomat".'),
            ("Naukowiec", "demokratycznego."),
            ("Nie", "Chin."),
            ("-", "Rosji."),
            ("Putin", "ekspert."),
        ],
    ),
    (3, [("Prezydent", "Łukaszenki."), ('"Doceniam', 'żart"')]),
    (4, [("Kazachstan", "Białorusi")]),
    (
        5,
        [
            ("Jak", "Białorusi."),
            ("Pomysł", "Łukaszenkę."),
            ("Kasym-Żomart", "sytuację."),
            ("-", "żart."),
            ("Nie", "Gospodarcza."),
            ("Kreml", 'Gospodarcza".'),
        ],
    ),
]


@pytest.mark.parametrize(("block", "expected"), SEED_SENTENCES)
def test_seed_paragraphs(block: int, expected: list[tuple[str, str]]) -> None:
    sentences = sentences_of(_seed_blocks()[block])
    assert [(s.split()[0], s.split()[-1]) for s in sentences] == expected


def test_seed_speech_sentence_keeps_its_attribution() -> None:
    sentences = sentences_of(_seed_blocks()[2])
    assert sentences[2].endswith('- mówi Tuomas Forsberg w rozmowie z fińską gazetą "Ilta-Sanomat".')
    assert sentences[6].endswith("takie kwestie - dodaje ekspert.")


def test_large_block_segments() -> None:
    paragraph = " ".join(_seed_blocks()[2].split())
    block = " ".join([paragraph] * 2000)  # about 1.6 MB
    spans = split_sentences(block)
    assert len(spans) == 7 * 2000
    assert block[spans[-1][0] : spans[-1][1]].endswith("dodaje ekspert.")


_ALPHABET = st.sampled_from(
    list("aąbcćdeęfghijklłmnńoópqrsśtuwyzźżAĄĆĘŁŃÓŚŹŻXYZ0123456789") + list(" \n\t\u00a0.,;:!?…-–—()[]„”“\"'«»/@")
)
_TOKENS = st.sampled_from(
    [f"{a}." for a in sorted(MAY_FINAL | NEVER_FINAL)]
    + ["...", "?!", " - ", "\n- ", "\n\n", "24.06.2023", "12.30", "4,35", "www.onet.pl", "A.", "J.R.R.", "„Nie.”"]
)
_TEXT = st.lists(st.one_of(_ALPHABET, _TOKENS, st.characters()), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_spans_partition_the_text(text: str) -> None:
    spans = split_sentences(text)
    position = 0
    rebuilt = []
    for start, end in spans:
        assert position <= start < end <= len(text)
        gap = text[position:start]
        assert gap == "" or gap.isspace()
        assert not text[start].isspace() and not text[end - 1].isspace()
        rebuilt += [gap, text[start:end]]
        position = end
    tail = text[position:]
    assert tail == "" or tail.isspace()
    assert "".join(rebuilt) + tail == text
    assert (spans == []) == (text.strip() == "")
