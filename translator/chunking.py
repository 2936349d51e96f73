"""Split a sentence that is too long for the model into clause-sized pieces.

:func:`split_long` returns character spans of the text. Pieces are cut at the
best clause boundary available, in this order of preference:

1. after ``;``            (followed by whitespace)
2. after ``:``            (followed by whitespace; ``12:30`` is not a boundary)
3. before a dash          (``–`` or ``—`` with whitespace on at least one side, or a spaced ``-``)
4. after ``,``            (followed by whitespace; ``3,5`` is not a boundary)
5. between two words      (any run of whitespace)
6. inside a giant "word"  (the longest prefix that fits, found by binary search)

An over-long piece is cut at the boundary of the best kind it contains that lies
nearest to its middle (so halves are balanced), and each half is treated the
same way until it fits. ``count_tokens`` is called once per piece considered,
so a 2,000-word sentence costs a few hundred calls, not thousands.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

# Punctuation stays with the clause it ends (cut at ``match.end()``); a dash that
# opens a clause goes with the clause after it (cut at ``match.start()``).
_AFTER_SEMICOLON = re.compile(r";(?=\s)")
_AFTER_COLON = re.compile(r":(?=\s)")
_BEFORE_DASH = re.compile(r"(?<=\s)[–—-](?=\s)|(?<=\s)[–—](?=\S)|(?<=\S)[–—](?=\s)")
_AFTER_COMMA = re.compile(r",(?=\s)")
_WHITESPACE = re.compile(r"\s+")


def _boundaries(text: str) -> list[list[int]]:
    """Candidate split positions of each kind, best kind first, each list sorted."""
    after_semicolon = [m.end() for m in _AFTER_SEMICOLON.finditer(text)]
    after_colon = [m.end() for m in _AFTER_COLON.finditer(text)]
    dashes = []
    for m in _BEFORE_DASH.finditer(text):
        # A dash opening a clause goes with the clause after it; a dash glued to the
        # word before it ("słowo— dalej") closes that word, so cut after it.
        glued_left = m.start() > 0 and not text[m.start() - 1].isspace()
        dashes.append(m.end() if glued_left else m.start())
    after_comma = [m.end() for m in _AFTER_COMMA.finditer(text)]
    between_words = [m.start() for m in _WHITESPACE.finditer(text)]
    return [after_semicolon, after_colon, sorted(dashes), after_comma, between_words]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


Span = tuple[int, int]


def _best_split(text: str, kinds: list[list[int]], start: int, end: int) -> tuple[Span, Span] | None:
    """The two halves of ``text[start:end]`` cut at the best boundary nearest its middle."""
    middle = (start + end) / 2
    for positions in kinds:
        lo = bisect_right(positions, start)
        hi = bisect_left(positions, end)
        if lo >= hi:
            continue
        # Nearest to the middle: look at the neighbours of the middle position, then
        # walk outwards past any that would leave an empty half.
        mid = bisect_left(positions, middle, lo, hi)
        for i in _outwards(mid, lo, hi, positions, middle):
            cut = positions[i]
            left = _strip_span(text, start, cut)
            right = _strip_span(text, cut, end)
            if left[0] < left[1] and right[0] < right[1]:
                return left, right
    return None


def _outwards(mid: int, lo: int, hi: int, positions: list[int], middle: float) -> Iterator[int]:
    """Indices in [lo, hi) by distance of their position from ``middle``, nearest first."""
    left, right = mid - 1, mid
    while left >= lo or right < hi:
        take_right = right < hi and (left < lo or abs(positions[right] - middle) < abs(positions[left] - middle))
        if take_right:
            yield right
            right += 1
        else:
            yield left
            left -= 1


def _cut_by_characters(
    text: str, start: int, end: int, count_tokens: Callable[[str], int], limit: int
) -> list[tuple[int, int]]:
    """Cut a piece with no usable boundary into the longest prefixes that fit."""
    pieces = []
    while start < end:
        if count_tokens(text[start:end]) <= limit:
            pieces.append((start, end))
            break
        lo, hi = start + 1, end - 1  # the answer: the largest cut in [lo, hi] that fits
        if count_tokens(text[start:lo]) > limit:
            raise ValueError(f"token limit {limit} is too small for even one character of {text[start]!r}")
        while lo < hi:
            probe = (lo + hi + 1) // 2
            if count_tokens(text[start:probe]) <= limit:
                lo = probe
            else:
                hi = probe - 1
        pieces.append((start, lo))
        start = lo
    return pieces


def split_long(text: str, count_tokens: Callable[[str], int], limit: int) -> list[tuple[int, int]]:
    """Spans of ``text``, in order, each within ``limit`` tokens by ``count_tokens``.

    The spans cover the text: each starts and ends on a non-space character and
    what lies between two spans (or before the first / after the last) is only
    whitespace, so the pieces joined by their gaps rebuild ``text`` exactly.
    A text within the limit comes back as one span; a blank text as none.
    """
    if limit < 1:
        raise ValueError(f"token limit must be positive, got {limit}")
    start, end = _strip_span(text, 0, len(text))
    if start == end:
        return []
    kinds: list[list[int]] | None = None
    pieces: list[tuple[int, int]] = []
    stack = [(start, end)]  # pieces still to check, the next one on top
    while stack:
        s, e = stack.pop()
        if count_tokens(text[s:e]) <= limit:
            pieces.append((s, e))
            continue
        if kinds is None:
            kinds = _boundaries(text)
        halves = _best_split(text, kinds, s, e)
        if halves is None:
            pieces.extend(_cut_by_characters(text, s, e, count_tokens, limit))
            continue
        left, right = halves
        stack.append(right)
        stack.append(left)
    return pieces
