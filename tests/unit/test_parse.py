"""Article text -> Document: cleaning, date marker, blocks, kinds, sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.errors import EmptyInput, InputError
from translator.parse import block_kind, normalize_text, parse_document, parse_input

SEED = Path(__file__).resolve().parents[2] / "seeds" / "kazachstan-dystansuje-sie-od-rosji.txt"

ARTICLE = "Tytuł artykułu\n\nPierwszy akapit. Ma dwa zdania.\n\n\nDrugi akapit\nw dwóch liniach.\n"


def _shape(text: str) -> list[tuple[str, str, list[str]]]:
    doc = parse_document(text)
    return [(b.kind, b.source, [s.source for s in b.sentences]) for b in doc.blocks]


def test_seed_structure() -> None:
    doc = parse_document(SEED.read_text(encoding="utf-8"), name="seed.txt")
    assert doc.source.date == "2023-06"
    assert doc.source.name == "seed.txt"
    assert [b.kind for b in doc.blocks] == ["paragraph", "heading", "paragraph", "heading", "heading", "paragraph"]
    assert [b.id for b in doc.blocks] == [0, 1, 2, 3, 4, 5]
    assert [len(b.sentences) for b in doc.blocks] == [4, 2, 7, 2, 1, 6]
    assert doc.blocks[0].source.startswith("Pomimo powszechnego potępienia")
    assert "date" not in doc.blocks[0].source
    assert doc.blocks[3].source == 'Prezydent Kazachstanu odcina się od Łukaszenki. "Doceniam jego żart"'
    assert doc.blocks[5].sentences[-1].source.endswith('Euroazjatycka Unia Gospodarcza".')
    for block in doc.blocks:
        assert [s.id for s in block.sentences] == list(range(len(block.sentences)))
        for s in block.sentences:
            assert block.source[s.start : s.end] == s.source


def test_blocks_kinds_and_sentences() -> None:
    assert _shape(ARTICLE) == [
        ("heading", "Tytuł artykułu", ["Tytuł artykułu"]),
        ("paragraph", "Pierwszy akapit. Ma dwa zdania.", ["Pierwszy akapit.", "Ma dwa zdania."]),
        ("paragraph", "Drugi akapit\nw dwóch liniach.", ["Drugi akapit\nw dwóch liniach."]),
    ]


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE.replace("\n", "\r\n"),
        ARTICLE.replace("\n", "\r"),
        "Tytuł artykułu\r\n\rPierwszy akapit. Ma dwa zdania.\n\r\n\r\nDrugi akapit\rw dwóch liniach.\r\n",
        "\ufeff" + ARTICLE,
        ARTICLE.replace("\n\n", "\n   \t \n"),
        ARTICLE.replace("\n\n", "\n\u00a0\n"),
        "\n\n  " + ARTICLE + "\n \n",
    ],
    ids=["crlf", "cr", "mixed", "bom", "whitespace-lines", "nbsp-line", "padding"],
)
def test_line_ending_and_blank_line_variants_give_the_same_blocks(variant: str) -> None:
    assert _shape(variant) == _shape(ARTICLE)


def test_internal_whitespace_is_kept() -> None:
    doc = parse_document("  Jedno  zdanie,\n   drugie\tsłowo.  \n\nKoniec.")
    assert doc.blocks[0].source == "Jedno  zdanie,\n   drugie\tsłowo."
    assert doc.blocks[0].sentences[0].source == "Jedno  zdanie,\n   drugie\tsłowo."


def test_control_characters_are_dropped() -> None:
    doc = parse_document("Ala\x00 ma\x07 ko\x00ta.\x1b Kot\x7f ma Alę.\n\x0c\nDrugi\x0b akapit.")
    assert [b.source for b in doc.blocks] == ["Ala ma kota. Kot ma Alę.", "Drugi\n akapit."]
    assert [s.source for s in doc.blocks[0].sentences] == ["Ala ma kota.", "Kot ma Alę."]


def test_utf16_nuls_are_dropped_not_spaced() -> None:
    misdecoded = "Pomimo wojny.".encode("utf-16-le").decode("latin-1")  # "P\x00o\x00m\x00..."
    assert "\x00" in misdecoded
    doc = parse_document(misdecoded)
    assert doc.blocks[0].source == "Pomimo wojny."


def test_normalize_text_paragraph_separator() -> None:
    assert normalize_text("a\u2029b\u2028c\x85d") == "a\n\nb\nc\nd"


@pytest.mark.parametrize(
    ("text", "date", "first_block"),
    [
        (" date 2023-06 Pomimo wojny.", "2023-06", "Pomimo wojny."),
        ("date 2023-06-24\nPomimo wojny.", "2023-06-24", "Pomimo wojny."),
        ("date 2023-06\n\nPomimo wojny.", "2023-06", "Pomimo wojny."),
        ("\n  Date 2023-12-01   Pomimo wojny.", "2023-12-01", "Pomimo wojny."),
        ("\ufeffdate 2023-06\r\nPomimo wojny.", "2023-06", "Pomimo wojny."),
        ("Pomimo wojny. date 2023-06", None, "Pomimo wojny. date 2023-06"),
        ("date 2023-13 Pomimo wojny.", None, "date 2023-13 Pomimo wojny."),
        ("date 2023-06x Pomimo wojny.", None, "date 2023-06x Pomimo wojny."),
        ("dates 2023-06 Pomimo wojny.", None, "dates 2023-06 Pomimo wojny."),
    ],
)
def test_date_marker(text: str, date: str | None, first_block: str) -> None:
    doc = parse_document(text)
    assert doc.source.date == date
    assert doc.blocks[0].source == first_block


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("Kazachstan dystansuje się od Rosji. Pojawiają się obawy", "heading"),
        ('Prezydent odcina się od Łukaszenki. "Doceniam jego żart"', "heading"),
        ("Zobacz także:", "heading"),
        ("Czy Kazachstan odejdzie od Rosji?", "paragraph"),
        ("Krótkie zdanie.", "paragraph"),
        ('Powiedział: "Nie."', "paragraph"),
        ("Koniec…", "paragraph"),
        ("Dwie linie\nbez kropki", "paragraph"),
        (" ".join(["słowo"] * 21), "paragraph"),
        ("x" * 151, "paragraph"),
        (" ".join(["słowo"] * 20), "heading"),
    ],
)
def test_block_kind(source: str, kind: str) -> None:
    assert block_kind(source) == kind


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "\ufeff\x00\r\n", "date 2023-06", " date 2023-06-01 \n\n"])
def test_empty_input_raises(text: str) -> None:
    with pytest.raises(EmptyInput, match="^input contains no text to translate$"):
        parse_document(text)


def test_empty_input_names_the_source() -> None:
    with pytest.raises(InputError, match="^artykul.txt contains no text to translate$"):
        parse_document("\n \n", name="artykul.txt")


def test_metadata_is_kept() -> None:
    doc = parse_document("Tekst.", name="a.txt", url="https://x.pl/a", title="Tytuł")
    assert (doc.source.name, doc.source.url, doc.source.title, doc.source.language) == (
        "a.txt",
        "https://x.pl/a",
        "Tytuł",
        "pl",
    )


_PIECES = st.sampled_from(
    list('aąćęłńóśźżAZ09 .!?…,-–„”"()')
    + ["\n", "\n\n", "\r\n", "\r", " \t\n", "\x00", "\x07", "\ufeff", "np.", "r.", "prof.", "date 2023-06 "]
)
_ARTICLE_TEXT = st.lists(st.one_of(_PIECES, st.characters()), max_size=150).map("".join)


def _non_whitespace(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=200, deadline=None)
@given(_ARTICLE_TEXT)
def test_parse_keeps_every_character(text: str) -> None:
    cleaned = normalize_text(text)
    try:
        doc = parse_document(text)
    except EmptyInput:
        assert cleaned.strip() == "" or cleaned.split()[0].lower() == "date"
        return
    body = cleaned
    if doc.source.date is not None:
        marker = f"date{doc.source.date}"
        assert _non_whitespace(cleaned)[: len(marker)].lower() == marker
        body = _non_whitespace(cleaned)[len(marker) :]
    assert "".join(_non_whitespace(b.source) for b in doc.blocks) == _non_whitespace(body)
    for block in doc.blocks:
        assert block.source == block.source.strip() and block.source
        assert block.sentences
        for sentence in block.sentences:
            assert block.source[sentence.start : sentence.end] == sentence.source


def test_a_page_of_headings_only_is_empty_input():
    with pytest.raises(EmptyInput, match="only headings"):
        parse_input("Wiadomości\n\nSport", name="index.html", headings=("Wiadomości", "Sport"))
    page = "Tokajew milczy od tygodnia.\n\nPrezydent nic nie powiedział."
    doc = parse_input(page, name="a.html", headings=("Tokajew milczy od tygodnia.",))
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]  # the page's word over the guess
    dated = parse_input("date 2023-05\nTokajew milczy.", name="a.html", date="2024-01-02")
    assert dated.source.date == "2023-05"  # the text's own marker wins over the page's date
    assert parse_input("Tokajew milczy.", name="a.html", date="2024-01-02").source.date == "2024-01-02"
