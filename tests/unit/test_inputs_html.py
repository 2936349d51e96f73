"""HTML pages: the article's blocks, title, date and headings; page furniture left out."""

from __future__ import annotations

import io

import pytest
from inputs_support import NEWS_PAGE, assert_one_line, seed_blocks

from translator.errors import EmptyInput
from translator.inputs import HTML_SNIFF, RawInput, extract_article, extract_html, read_input

BOILERPLATE = (
    "Ta strona używa plików cookie",
    "Akceptuję wszystkie",
    "Polityka prywatności",
    "Gospodarka",
    "Pogoda",
    "Czytaj także",
    "Armenia zbliża się do Zachodu",
    "Uzbekistan podpisuje nowe umowy",
    "Białoruś ogłasza kolejne manewry",
    "Tysiące ludzi na ulicach Tbilisi",
    "Komentarze",
    "obserwator_77",
    "Nareszcie ktoś w regionie",
    "Tokajew gra na dwa fronty",
    "Wszelkie prawa zastrzeżone",
    "Regulamin",
    "dataLayer",
    "font-family",
    "Reklama w skrypcie",
    "Autor: Redakcja",
)


def test_news_page_extraction_keeps_exactly_the_article_blocks():
    text, title = extract_html(NEWS_PAGE.read_text(encoding="utf-8"))
    assert text.split("\n\n") == seed_blocks()
    assert title == "Kazachstan dystansuje się od Rosji"
    for junk in BOILERPLATE:
        assert junk not in text


def test_saved_page_path_reads_as_article_with_title_and_headings():
    raw = read_input(str(NEWS_PAGE))
    assert isinstance(raw, RawInput)
    assert raw.name == str(NEWS_PAGE) and raw.url is None
    assert raw.text.split("\n\n") == seed_blocks()
    assert raw.title == "Kazachstan dystansuje się od Rosji"
    assert raw.encoding == "utf-8"
    assert raw.date == "2023-06-12"
    blocks = seed_blocks()
    assert raw.headings == (blocks[1], blocks[3], blocks[4])


def test_html_is_sniffed_without_html_extension(tmp_path):
    page = tmp_path / "saved-article.txt"
    page.write_bytes(b"\xef\xbb\xbf\n  " + NEWS_PAGE.read_bytes())
    assert read_input(str(page)).text.split("\n\n") == seed_blocks()
    raw = read_input("-", stdin=io.BytesIO(NEWS_PAGE.read_bytes()))
    assert raw.name == "<stdin>" and raw.text.split("\n\n") == seed_blocks()


def test_inline_leftovers_are_filtered_and_line_breaks_stay_in_their_block():
    body = "\n".join(
        [
            "<p>Pierwszy akapit artykułu jest dość długi, żeby ekstraktor uznał go za treść.<br>Druga linia.</p>",
            "<p>Czytaj także: <a href='/x'>Inny artykuł o czymś zupełnie innym</a></p>",
            "<p>REKLAMA</p>",
            "<p>Zobacz też</p>",
            "<p>Dalsza część artykułu pod materiałem wideo</p>",
            "<ul><li>Pierwszy punkt listy wyliczeniowej</li><li>Drugi punkt listy</li></ul>",
            "<p>Ostatni akapit: Rosja, Kazachstan i Chiny prowadzą rozmowy od wielu miesięcy.</p>",
        ]
    )
    page = f"<!doctype html><html><head><title>T</title></head><body><article>{body}</article></body></html>"
    text, _ = extract_html(page)
    assert text.split("\n\n") == [
        "Pierwszy akapit artykułu jest dość długi, żeby ekstraktor uznał go za treść.\nDruga linia.",
        "Pierwszy punkt listy wyliczeniowej",
        "Drugi punkt listy",
        "Ostatni akapit: Rosja, Kazachstan i Chiny prowadzą rozmowy od wielu miesięcy.",
    ]


def test_plain_paragraph_fallback_when_trafilatura_finds_nothing(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    page = (
        "<html><head><title>Krótka notka</title></head><body><nav><p>Menu główne</p></nav>"
        "<h2>Nagłówek notki</h2><p>Jedyny akapit   tej\nnotki.</p>"
        "<footer><p>© 2023</p></footer></body></html>"
    )
    assert extract_html(page) == ("Nagłówek notki\n\nJedyny akapit tej notki.", "Krótka notka")


def test_page_without_article_text_is_empty_input(tmp_path):
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav><a href='/'>Start</a></nav><script>var x = 1;</script></body></html>")
    with pytest.raises(EmptyInput) as err:
        read_input(str(page))
    assert_one_line(err.value, "menu.html")


def test_html_sniff_is_linear_on_many_comments():
    data = b"<!-- c -->\n" * 200 + b"<body><p>x</p>"  # with backtracking over the comments: 2**199 tries
    assert HTML_SNIFF.match(data) is None
    assert HTML_SNIFF.match(b"<!-- a --><!doctype html><p>x") is not None


def test_a_sentence_cut_over_two_blocks_is_joined():
    from translator.inputs.html import join_broken_sentences

    blocks = [
        ("Na drogi trafi 40 proc. środków (1,2 mld zł)", False),
        ("i na kolej kolejne 20 proc. (0,6 mld zł).", False),
        ("Cieszę się z wyniku głosowania i dziękuję wszystkim radnym", False),
        ("— zaznaczył prezydent.", False),
        ("Składniki", True),
        ("mąka pszenna", False),
        ("jajka", False),
        ("Zdanie kończy się kropką.", False),
        ("a to zdanie zaczyna się małą literą.", False),
    ]
    assert join_broken_sentences(blocks) == [
        ("Na drogi trafi 40 proc. środków (1,2 mld zł) i na kolej kolejne 20 proc. (0,6 mld zł).", False),
        ("Cieszę się z wyniku głosowania i dziękuję wszystkim radnym — zaznaczył prezydent.", False),
        *blocks[4:],
    ]


def test_a_page_with_only_its_title_keeps_the_title_as_a_heading():
    page = (
        "<!doctype html><html><head><title>Lista plików</title></head><body><h1>Lista plików</h1>"
        "<ul><li><a href='a.txt'>a.txt</a></li></ul></body></html>"
    )
    article = extract_article(page)
    assert article.headings and article.text.split("\n\n")[0] == "Lista plików"
    assert all(block in article.headings for block in article.text.split("\n\n") if "plików" in block)


def test_mojibake_written_as_entities_is_repaired(caplog):
    text = "Posłowie sprzeciwiają się ustawie, ale większość głosowała za rządowym projektem w czwartek."
    misread = text.encode("utf-8").decode("cp1252")
    entities = "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in misread)
    page = f"<!doctype html><html><head><title>T</title></head><body><article><p>{entities}</p>"
    page += f"<p>{entities.replace('czwartek', 'piątek')}</p></article></body></html>"
    with caplog.at_level("WARNING", logger="pl2en"):
        article = extract_article(page)
    assert article.text.split("\n\n") == [text, text.replace("czwartek", "piątek")]
    assert "mis-encoded Polish letters repaired" in caplog.text
