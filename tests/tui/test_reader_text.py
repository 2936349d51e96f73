"""The reader's plain functions: highlighted paragraph text, navigation, search, export formats."""

from __future__ import annotations

from translator.document import Block, Document, Sentence
from tui.jobs import merge_translated
from tui.navigation import fold, fold_spans, next_hit, search_hits, step
from tui.screens.export import format_for
from tui.sentence_text import (
    FLAG_MARK,
    MATCH,
    PLACEHOLDER,
    english_content,
    english_spans,
    highlighted_text,
    polish_content,
    styled_text,
)
from tui.text_wrap import line_at, wrap_spans

SOURCE = "Kreml zauważył odcięcie się. Łukaszenka żartował! Tokajew nie."


def block(translated: bool = True, block_id: int = 0) -> Block:
    spans = [(0, 28), (29, 50), (51, 63)]
    targets = ["The Kremlin noticed.", "Lukashenko joked!", "Tokayev did not."]
    flags = [(), ("repetition", "length_ratio"), ()]
    return Block(
        id=block_id,
        kind="paragraph",
        source=SOURCE,
        sentences=tuple(
            Sentence(
                id=i, start=s, end=e, source=SOURCE[s:e], target=targets[i] if translated else None, flags=flags[i]
            )
            for i, (s, e) in enumerate(spans)
        ),
    )


def test_polish_highlight_is_the_sentence_span():
    b = block()
    for s in b.sentences:
        assert highlighted_text(polish_content(b, s.id)) == [s.source]
    assert highlighted_text(polish_content(b, None)) == []
    assert polish_content(b, 1).plain == SOURCE


def test_english_highlight_and_flag_marker():
    b = block()
    content = english_content(b, 1)
    assert content.plain == f"The Kremlin noticed. Lukashenko joked! {FLAG_MARK} Tokayev did not."
    assert highlighted_text(content) == ["Lukashenko joked!"]
    for s, (start, end) in zip(b.sentences, english_spans(b), strict=True):
        assert content.plain[start:end] == s.target
        assert highlighted_text(english_content(b, s.id)) == [s.target]


def test_english_placeholder_until_the_block_is_done():
    assert english_content(block(translated=False), 0).plain == PLACEHOLDER
    assert english_content(block(translated=False), placeholder="(not translated)").plain == "(not translated)"


def test_wrap_spans_follow_words_and_cut_long_ones():
    text = "aaa bbb ccc ddd"
    spans = wrap_spans(text, 7)
    assert [text[a:b] for a, b in spans] == ["aaa bbb", "ccc ddd"]
    assert line_at(spans, 0) == 0 and line_at(spans, text.index("ccc")) == 1 and line_at(spans, text.index("ddd")) == 1
    assert [text[a:b] for a, b in wrap_spans(text, 3)] == ["aaa", "bbb", "ccc", "ddd"]
    for other, width, lines in [
        ("abcdefgh ij", 3, ["abc", "def", "gh", "ij"]),
        ("Łódź  ma\nnowy", 9, ["Łódź  ma", "nowy"]),
    ]:
        assert [other[a:b] for a, b in wrap_spans(other, width)] == lines
    assert wrap_spans("", 5) == [(0, 0)]


def test_search_match_is_marked_inside_the_current_sentence_only():
    b = block()
    polish = polish_content(b, 1, query="lukaszenka")
    assert styled_text(polish, MATCH) == ["Łukaszenka"]
    assert highlighted_text(polish) == [b.sentences[1].source]
    assert styled_text(polish_content(b, 0, query="lukaszenka"), MATCH) == []  # not in the current sentence
    english = english_content(b, 1, query="JOKED")
    assert styled_text(english, MATCH) == ["joked"]
    assert fold_spans("Zażółć gęślą", "gesla") == [(7, 12)]


def test_step_and_search_hits():
    doc = Document(blocks=(block(block_id=0), block(block_id=1)))
    assert step(doc, None, 1) == (0, 0)
    assert step(doc, (0, 2), 1) == (1, 0)
    assert step(doc, (1, 2), 1) == (1, 2)  # clamped at the end
    assert step(doc, (0, 0), -1) == (0, 0)
    assert fold("Łukaszenkę") == "lukaszenke"
    assert search_hits(doc, "lukaszenk") == [(0, 1), (1, 1)]
    assert search_hits(doc, "KREMLIN") == [(0, 0), (1, 0)]  # English side
    assert search_hits(doc, "  ") == []


def test_next_hit_wraps_both_ways():
    hits = [(0, 1), (1, 1), (3, 0)]
    assert next_hit(hits, (0, 1)) == (1, 1)
    assert next_hit(hits, (0, 1), include_current=True) == (0, 1)
    assert next_hit(hits, (3, 0)) == (0, 1)
    assert next_hit(hits, (0, 1), forward=False) == (3, 0)
    assert next_hit(hits, (2, 0), forward=False) == (1, 1)
    assert next_hit([], (0, 0)) is None


def test_merge_keeps_blocks_already_translated():
    current = Document(blocks=(block(True, 0), block(False, 1)))
    incoming = Document(blocks=(block(False, 0), block(True, 1)))
    merged = merge_translated(current, incoming)
    assert all(b.translated for b in merged.blocks)


def test_export_format_from_extension_or_choice():
    assert format_for("a/b.MD") == "markdown"
    assert format_for("x.json") == "json"
    assert format_for("x.txt") == "text"
    assert format_for("x.html") == "html"
    assert format_for("x.xyz") is None
    assert format_for("x.xyz", "json") == "json"


def test_suggested_export_name():
    from translator.document import SourceInfo
    from tui.file_actions import suggested_export_name

    def name(source: str | None) -> str:
        return suggested_export_name(Document(source=SourceInfo(name=source)))

    assert name("seeds/kazachstan-dystansuje-sie-od-rosji.txt") == "kazachstan-dystansuje-sie-od-rosji.en.md"
    assert name("https://example.pl/news/artykul-1.html") == "artykul-1.en.md"
    assert name(None) == "article.en.md"
