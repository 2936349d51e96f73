"""Paragraph text for the two columns, with the current sentence highlighted.

Pure functions over :class:`translator.document.Block`: the Polish column is the
block's source with the current sentence's ``start:end`` span styled; the English
column is the sentences' targets joined by spaces, the same sentence styled, and
a ⚠ marker after each flagged sentence. Styles use theme variables so the
highlight follows the dark and light themes.
"""

from __future__ import annotations

from textual.content import Content

from translator.document import Block

HIGHLIGHT = "bold $text-accent on $accent-muted"
FLAG_MARK = "⚠"
FLAG_STYLE = "bold $text-warning"
PLACEHOLDER = "…translating"
PLACEHOLDER_STYLE = "italic $text-muted"


def polish_content(block: Block, current: int | None = None) -> Content:
    """The block's Polish text; sentence ``current`` (an id) highlighted."""
    content = Content(block.source)
    if current is not None and 0 <= current < len(block.sentences):
        sentence = block.sentences[current]
        content = content.stylize(HIGHLIGHT, sentence.start, sentence.end)
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


def english_content(block: Block, current: int | None = None, *, placeholder: str = PLACEHOLDER) -> Content:
    """The block's English (``placeholder`` until every sentence is done), ``current`` highlighted."""
    if not block.translated:
        return Content.styled(placeholder, PLACEHOLDER_STYLE)
    parts: list[str | tuple[str, str]] = []
    for sentence in block.sentences:
        if parts:
            parts.append(" ")
        target = sentence.target or ""
        parts.append((target, HIGHLIGHT) if sentence.id == current else target)
        if sentence.flags:
            parts.append((f" {FLAG_MARK}", FLAG_STYLE))
    return Content.assemble(*parts)


def highlighted_text(content: Content) -> list[str]:
    """The substrings of ``content`` carrying the highlight style (for tests and checks)."""
    return [content.plain[span.start : span.end] for span in content.spans if span.style == HIGHLIGHT]


def line_of_offset(text: str, offset: int, width: int) -> int:
    """The wrapped line (0-based) on which character ``offset`` of ``text`` falls at ``width`` cells."""
    if width <= 0 or offset <= 0:
        return 0
    end = text.find(" ", offset)
    prefix = text[: end if end != -1 else len(text)]
    return max(0, len(Content(prefix).wrap(width)) - 1)
