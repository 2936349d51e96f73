"""Speaker names in Polish: nominative forms, name runs, bodies and collectives (sentences of our own)."""

from __future__ import annotations

import pytest

from translator.summarize.bodies import organisation_at
from translator.summarize.declension import (
    genitive_to_base,
    is_feminine_name,
    looks_nominative,
    oblique_to_base,
)
from translator.summarize.speakers import find_mentions, speaker_of, tokenize


@pytest.mark.parametrize(
    ("genitive", "base"),
    [
        ("Morawieckiego", "Morawiecki"),
        ("Kaczyńskiego", "Kaczyński"),
        ("Zacharowej", "Zacharowa"),
        ("Szymborskiej", "Szymborska"),
        ("Tuska", "Tusk"),
        ("Budki", "Budka"),
        ("Dudy", "Duda"),
        ("Hołowni", "Hołownia"),
        ("Marii", "Maria"),
        ("Jerzego", "Jerzy"),
        ("Kosiniaka-Kamysza", "Kosiniak-Kamysz"),
    ],
)
def test_genitive_surnames_follow_polish_declension(genitive: str, base: str) -> None:
    assert genitive_to_base(genitive) == base


@pytest.mark.parametrize(
    ("form", "base"),
    [
        ("Tuskowi", "Tusk"),
        ("Tuskiem", "Tusk"),
        ("Gowinem", "Gowin"),
        ("Dudą", "Duda"),
        ("Zacharową", "Zacharowa"),
        ("Morawieckim", "Morawiecki"),
        ("Kowalską", "Kowalska"),
        ("Morawiecki", "Morawiecki"),
    ],
)
def test_other_cases_go_back_to_the_nominative(form: str, base: str) -> None:
    assert oblique_to_base(form) == base


def test_nominative_is_read_from_the_ending_before_the_lexicon() -> None:
    assert looks_nominative("Zacharowa") and looks_nominative("Nowicka") and looks_nominative("Babiš")
    assert not looks_nominative("Zacharowej") and not looks_nominative("Nowickiego")


def test_gender_of_a_name() -> None:
    assert is_feminine_name("Maria Zacharowa") and is_feminine_name("Ursula von der Leyen")
    assert is_feminine_name("Kowalska")
    assert not is_feminine_name("Borys Budka") and not is_feminine_name("Duda")


def _speaker(text: str, index: int = 0, *, genitive: bool = False) -> str:
    mentions = [m for m in find_mentions(tokenize(text)) if m.institution is None]
    return speaker_of(mentions[index], genitive=genitive, full_names={}).name


def test_name_runs_keep_particles_and_drop_a_leading_acronym_or_genitive() -> None:
    assert _speaker("Wczoraj przewodnicząca KE Ursula von der Leyen zabrała głos.") == "Ursula von der Leyen"
    assert _speaker("Rzecznik MSZ Paweł Wroński odpowiedział dziennikarzom.") == "Paweł Wroński"
    assert _speaker("Tak uważa rzeczniczka MSZ Węgier Anna Kiss.") == "Anna Kiss"


def test_uninflected_source_after_wedlug_stands_alone() -> None:
    text = "Według ustaleń Reuters Kowalczyk spotkał się z agentem."
    assert _speaker(text, genitive=True) == "Reuters"
    assert _speaker("Według Ewy Wiśniewskiej reforma się uda.", genitive=True) == "Ewa Wiśniewska"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Według danych Narodowego Banku Polskiego inflacja spadła.", "Narodowy Bank Polski"),
        ("Zdaniem Najwyższej Izby Kontroli program był źle przygotowany.", "Najwyższa Izba Kontroli"),
        ("Według Polskiego Towarzystwa Ekonomicznego dług rośnie.", "Polskie Towarzystwo Ekonomiczne"),
        ("Według Ministerstwa Spraw Zagranicznych wizyta jest odwołana.", "Ministerstwo Spraw Zagranicznych"),
    ],
)
def test_bodies_in_the_genitive_go_back_to_the_nominative(text: str, body: str) -> None:
    tokens = tokenize(text)
    start = next(k for k, t in enumerate(tokens) if t.text[0].isupper() and not t.initial)
    found = organisation_at(tokens, start)
    assert found is not None and found.name == body


def test_collective_speakers_keep_their_adjectives() -> None:
    names = [
        m.institution.name for m in find_mentions(tokenize("Strona węgierska odpowiedziała szybko.")) if m.institution
    ]
    assert names == ["Strona węgierska"]
    names = [
        m.institution.name for m in find_mentions(tokenize("Wczoraj niemieckie media podały, że")) if m.institution
    ]
    assert names == ["niemieckie media"]
    names = [m.institution.name for m in find_mentions(tokenize("Potem litewska prokuratura umorzyła śledztwo."))]
    assert "litewska prokuratura" in names
