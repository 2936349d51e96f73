"""Paragraph text for the two columns, with the current sentence highlighted.

Pure functions over :class:`translator.document.Block`: the Polish column is the
block's source with the current sentence's ``start:end`` span styled; the English
column is the sentences' targets joined by spaces, the same sentence styled, and
a ⚠ marker after each flagged sentence. A search query is marked inside the
current sentence. Styles use the reader's theme variables (``tui.theme``), so
the highlight follows the dark and light themes.
"""

from __future__ import annotations

from textual.content import Content

from translator.document import Block
from tui.navigation import fold_spans

HIGHLIGHT = "$reader-highlight-fg on $reader-highlight-bg"
MATCH = "bold underline $reader-match-fg on $reader-match-bg"
HEADING = "bold $reader-heading"
FLAG_MARK = "⚠"
FLAG_STYLE = "bold $reader-flag"
PLACEHOLDER = "…translating"
PLACEHOLDER_STYLE = "italic $reader-muted"


def _mark(content: Content, start: int, end: int, query: str) -> Content:
    """``content`` with sentence ``start:end`` highlighted and ``query`` marked inside it."""
    content = content.stylize(HIGHLIGHT, start, end)
    for match_start, match_end in fold_spans(content.plain[start:end], query) if query else ():
        content = content.stylize(MATCH, start + match_start, start + match_end)
    return content


def polish_content(block: Block, current: int | None = None, *, query: str = "") -> Content:
    """The block's Polish text; sentence ``current`` (an id) highlighted, ``query`` marked in it."""
    content = Content.styled(block.source, HEADING) if block.kind == "heading" else Content(block.source)
    if current is not None and 0 <= current < len(block.sentences):
        sentence = block.sentences[current]
        content = _mark(content, sentence.start, sentence.end, query)
    return content


def english_spans(block: Block) -> list[tuple[int, int]]:
    """Where each sentence's English sits in :func:`english_content`'s plain text."""
    spans = []
    offset = 0
    for sentence in block.sentences:
        target = sentence.target or ""
        spans.append((offset, offset + len(target)))
        offset += len(target)
        if sentence.flags:
            offset += len(FLAG_MARK) + 1
        offset += 1  # the joining space
    return spans


def english_plain(block: Block) -> str:
    """The plain text of :func:`english_content` for a translated block (no styles: quick)."""
    return " ".join((s.target or "") + (f" {FLAG_MARK}" if s.flags else "") for s in block.sentences)


def english_content(
    block: Block, current: int | None = None, *, placeholder: str = PLACEHOLDER, query: str = ""
) -> Content:
    """The block's English (``placeholder`` until every sentence is done), ``current`` highlighted."""
    if not block.translated:
        return Content.styled(placeholder, PLACEHOLDER_STYLE)
    parts: list[str | tuple[str, str]] = []
    for sentence in block.sentences:
        if parts:
            parts.append(" ")
        parts.append(sentence.target or "")
        if sentence.flags:
            parts.append((f" {FLAG_MARK}", FLAG_STYLE))
    content = Content.assemble(*parts)
    if block.kind == "heading":
        content = content.stylize_before(HEADING)
    if current is not None and 0 <= current < len(block.sentences):
        start, end = english_spans(block)[current]
        content = _mark(content, start, end, query)
    return content


def styled_text(content: Content, style: str) -> list[str]:
    """The substrings of ``content`` carrying ``style`` (for tests and checks)."""
    return [content.plain[span.start : span.end] for span in content.spans if span.style == style]


def highlighted_text(content: Content) -> list[str]:
    """The substrings of ``content`` carrying the highlight style (for tests and checks)."""
    return styled_text(content, HIGHLIGHT)
