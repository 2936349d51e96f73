"""Word wrapping by character offsets: fast enough to re-measure 150 paragraphs on a resize.

:func:`wrap_spans` breaks plain text into lines as ``(start, end)`` offsets, so the
reader knows on which line any character (a sentence's start) falls, and can cut
the styled :class:`textual.content.Content` at the same places to draw it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from rich.cells import cell_len

WORD = re.compile(r"\S+")


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` at ``width`` cells; ``\\n`` breaks; over-long words are cut."""
    width = max(width, 1)
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        start = end = -1
        used = 0
        for match in WORD.finditer(paragraph):
            word_start, word_end = offset + match.start(), offset + match.end()
            size = cell_len(match.group())
            if start != -1 and used + (word_start - end) + size <= width:
                used += (word_start - end) + size
                end = word_end
                continue
            if start != -1:
                spans.append((start, end))
            while size > width:  # a word wider than the column: cut it
                spans.append((word_start, word_start + width))
                word_start += width
                size -= width
            start, end, used = word_start, word_end, size
        spans.append((start, end) if start != -1 else (offset, offset))
        offset += len(paragraph) + 1
    return spans


def line_at(spans: list[tuple[int, int]], offset: int) -> int:
    """The line (0-based) of ``spans`` holding character ``offset``."""
    return max(bisect_right([start for start, _ in spans], offset) - 1, 0)
