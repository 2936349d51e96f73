"""Moving through a document by sentence, and finding sentences by text.

A position is a :data:`SentenceRef` ``(block id, sentence id)``. Everything here
is a plain function over a :class:`translator.document.Document`, so the reader's
cursor and search behave the same in tests as on screen.
"""

from __future__ import annotations

import unicodedata

from translator.document import Document

SentenceRef = tuple[int, int]

_UNFOLDABLE = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o"})


def sentence_refs(doc: Document) -> list[SentenceRef]:
    """Every sentence of ``doc`` in reading order."""
    return [(b.id, s.id) for b, s in doc.sentences]


def step(doc: Document, current: SentenceRef | None, delta: int) -> SentenceRef | None:
    """The sentence ``delta`` sentences after ``current`` (clamped to the document)."""
    refs = sentence_refs(doc)
    if not refs:
        return None
    if current not in refs:
        return refs[0] if delta >= 0 else refs[-1]
    index = min(max(refs.index(current) + delta, 0), len(refs) - 1)
    return refs[index]


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics, so "lukaszenke" finds "Łukaszenkę"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNFOLDABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_hits(doc: Document, query: str) -> list[SentenceRef]:
    """Sentences whose Polish or English contains ``query`` (case- and accent-insensitive)."""
    needle = fold(query.strip())
    if not needle:
        return []
    return [
        (b.id, s.id)
        for b, s in doc.sentences
        if needle in fold(s.source) or (s.target is not None and needle in fold(s.target))
    ]


def next_hit(
    hits: list[SentenceRef], current: SentenceRef | None, *, forward: bool = True, include_current: bool = False
) -> SentenceRef | None:
    """The hit after (or before) ``current`` in reading order, wrapping around."""
    if not hits:
        return None
    if current is None:
        return hits[0] if forward else hits[-1]
    if forward:
        later = [h for h in hits if h > current or (include_current and h == current)]
        return later[0] if later else hits[0]
    earlier = [h for h in hits if h < current or (include_current and h == current)]
    return earlier[-1] if earlier else hits[-1]


def fold_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where ``query`` occurs in ``text`` (folded like :func:`fold`), as spans of ``text``."""
    needle = fold(query.strip())
    if not needle:
        return []
    folded = ""
    origin: list[int] = []  # origin[i]: the index in text of folded character i
    for index, char in enumerate(text):
        piece = fold(char)
        folded += piece
        origin += [index] * len(piece)
    spans = []
    start = folded.find(needle)
    while start != -1:
        end = start + len(needle)
        spans.append((origin[start], origin[end - 1] + 1))
        start = folded.find(needle, end)
    return spans
