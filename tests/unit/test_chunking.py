"""split_long: clause-boundary chunking of over-long sentences."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.chunking import split_long


def words_plus_eos(text: str) -> int:
    """A simple tokenizer stand-in: one token per whitespace word, plus end-of-sentence."""
    return len(text.split()) + 1


def chars_plus_eos(text: str) -> int:
    return len(text) + 1


def pieces(text: str, count=words_plus_eos, limit: int = 6) -> list[str]:
    return [text[s:e] for s, e in split_long(text, count, limit)]


def check_cover(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans in order, non-empty, stripped, and only whitespace between them: they rebuild ``text``."""
    position = 0
    rebuilt = []
    for start, end in spans:
        assert position <= start < end
        gap = text[position:start]
        assert gap.strip() == ""
        assert not text[start].isspace() and not text[end - 1].isspace()
        rebuilt += [gap, text[start:end]]
        position = end
    assert text[position:].strip() == ""
    assert "".join(rebuilt) + text[position:] == text
    # Nothing but whitespace is lost: the pieces hold every non-space character in order.
    assert "".join("".join(text[s:e].split()) for s, e in spans) == "".join(text.split())


def test_text_within_limit_is_one_span():
    text = "Kazachstan dystansuje się od Rosji."
    assert split_long(text, words_plus_eos, 10) == [(0, len(text))]


def test_blank_text_has_no_pieces():
    assert split_long("   \n ", words_plus_eos, 5) == []
    assert split_long("", words_plus_eos, 5) == []


def test_prefers_semicolon_over_commas():
    text = "Rosja, Białoruś i Iran, Syria; Chiny, Indie, Uzbekistan i Armenia"
    assert pieces(text, limit=8) == ["Rosja, Białoruś i Iran, Syria;", "Chiny, Indie, Uzbekistan i Armenia"]


def test_prefers_colon_over_dash_and_comma():
    text = "Ekspert mówi jasno: Kazachstan – jak inni, dystansuje się"
    assert pieces(text, limit=7) == ["Ekspert mówi jasno:", "Kazachstan – jak inni, dystansuje się"]


def test_dash_goes_with_the_clause_it_opens():
    text = "Kraj obawia się użycia siły - mówi Tuomas Forsberg w rozmowie"
    assert pieces(text, limit=7) == ["Kraj obawia się użycia siły", "- mówi Tuomas Forsberg w rozmowie"]


def test_en_and_em_dashes_are_boundaries_but_ranges_and_hyphens_are_not():
    text = "Lata 2019–2022 to czas zmian — Kasym-Żomart Tokajew rządzi dalej"
    assert pieces(text, limit=7) == ["Lata 2019–2022 to czas zmian", "— Kasym-Żomart Tokajew rządzi dalej"]


def test_commas_before_plain_spaces_and_not_inside_numbers():
    text = "Wzrost wyniósł 3,5 procent w roku, a inflacja spadła wyraźnie"
    assert pieces(text, limit=7) == ["Wzrost wyniósł 3,5 procent w roku,", "a inflacja spadła wyraźnie"]


def test_colon_in_a_time_is_not_a_boundary():
    text = "Spotkanie o 12:30 w Astanie zakończyło się bez porozumienia stron"
    parts = pieces(text, limit=6)
    assert all("12:30" in p or ":" not in p for p in parts)
    assert any("12:30" in p for p in parts)


def test_whitespace_split_is_balanced():
    text = " ".join(f"w{i:02d}" for i in range(20))  # equal-length words: the middle by characters
    parts = pieces(text, limit=11)  # 20 words do not fit; two halves of 10 do
    assert parts == [" ".join(f"w{i:02d}" for i in range(10)), " ".join(f"w{i:02d}" for i in range(10, 20))]


def test_balanced_among_best_boundaries():
    clause = "a b c"
    text = "; ".join([clause] * 8)  # 7 semicolons: the middle one wins
    parts = pieces(text, limit=16)
    assert len(parts) == 2
    assert parts[0].count(";") == 4 and parts[1].count(";") == 3


def test_giant_word_is_cut_by_characters():
    text = "x" * 50
    spans = split_long(text, chars_plus_eos, 10)
    assert [e - s for s, e in spans] == [9, 9, 9, 9, 9, 5]
    check_cover(text, spans)


def test_giant_word_among_words():
    text = "krótko " + "Z" * 30 + " dalej"
    spans = split_long(text, chars_plus_eos, 12)
    check_cover(text, spans)
    assert all(chars_plus_eos(text[s:e]) <= 12 for s, e in spans)
    assert text[spans[0][0] : spans[0][1]] == "krótko"


def test_limit_too_small_for_a_character():
    with pytest.raises(ValueError):
        split_long("abc def", chars_plus_eos, 1)


def test_two_thousand_words_costs_few_token_counts():
    clauses = [
        "Kazachstan od niedawna zaczyna się stopniowo dystansować od polityki Putina",
        "a także krytykował wojnę werbalnie",
        "oraz obawia się, że Rosja może użyć siły również przeciwko niemu",
        "Prezydent nie zareagował entuzjastycznie na propozycję: Kreml zauważył odcięcie się",
    ]
    parts, words = [], 0
    i = 0
    while words < 2000:
        clause = clauses[i % len(clauses)]
        parts.append(clause)
        words += len(clause.split())
        i += 1
    text = "; ".join(parts[:20]) + ", " + ", ".join(parts[20:]) + "."
    calls = 0

    def counting(piece: str) -> int:
        nonlocal calls
        calls += 1
        return len(re.findall(r"\w+|[^\w\s]", piece)) + 1

    spans = split_long(text, counting, 60)
    check_cover(text, spans)
    assert all(counting(text[s:e]) <= 60 for s, e in spans)
    assert len(spans) >= 2000 // 60
    assert calls < 400 + len(spans)  # counted: pieces checked plus the final asserts


WORD = st.text(alphabet="abcżółć", min_size=1, max_size=6)
PUNCT = st.sampled_from(["", "", "", ",", ";", ":", " –", " -", "—"])
SPACE = st.sampled_from([" ", " ", "  ", "\n", " \t"])


@st.composite
def sentences(draw):
    words = draw(st.lists(st.tuples(WORD, PUNCT, SPACE), min_size=1, max_size=60))
    lead = draw(st.sampled_from(["", " ", "\n"]))
    return lead + "".join(w + p + s for w, p, s in words)


@settings(max_examples=200, deadline=None)
@given(sentences(), st.integers(min_value=2, max_value=12))
def test_property_pieces_rebuild_fit_and_keep_order(text, limit):
    spans = split_long(text, words_plus_eos, limit)
    assert spans, "a non-blank text has at least one piece"
    check_cover(text, spans)
    for start, end in spans:
        assert words_plus_eos(text[start:end]) <= limit
    assert spans == sorted(spans)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab ,;", min_size=1, max_size=80), st.integers(min_value=2, max_value=9))
def test_property_character_counts(text, limit):
    spans = split_long(text, chars_plus_eos, limit)
    if not text.strip():
        assert spans == []
        return
    check_cover(text, spans)
    assert all(chars_plus_eos(text[s:e]) <= limit for s, e in spans)
