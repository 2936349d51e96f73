"""Article text -> Document: blocks (headings and paragraphs) with their sentences.

Cleaning, in this order:

- a leading byte-order mark is dropped;
- line endings (CRLF, CR, NEL U+0085, LINE SEPARATOR U+2028, vertical tab, form
  feed) become ``\\n``; PARAGRAPH SEPARATOR U+2029 becomes a blank line;
- NUL and the other C0 control characters except ``\\t`` and ``\\n`` (and DEL)
  are **dropped**, not replaced: NULs usually come from a mis-decoded UTF-16
  file, where a space would cut every word in two.

A leading ``date YYYY-MM`` or ``date YYYY-MM-DD`` marker (on its own line or
before the first paragraph's text on the same line) becomes
``SourceInfo.date`` and is removed from the text.

Blocks are separated by one or more blank lines (lines of whitespace only).  A
block's ``source`` is its text with surrounding whitespace stripped; inside it,
line breaks and runs of spaces are kept, so sentence spans index into it.  A
block is a ``heading`` when it is one short line (at most
:data:`HEADING_MAX_CHARS` characters and :data:`HEADING_MAX_WORDS` words) that
does not end with sentence punctuation (``. ! ? …``, optionally followed by
closing quotes or brackets); otherwise it is a ``paragraph``.

:func:`parse_input` parses what an input reader found (a web page also knows
its date and which blocks were HTML headings) and merges that in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from translator.document import Block, BlockKind, Document, Sentence, SourceInfo
from translator.errors import EmptyInput
from translator.segment import split_sentences

HEADING_MAX_CHARS = 150
HEADING_MAX_WORDS = 20

_LINE_BREAKS = re.compile(r"\r\n|[\r\x85\u2028\x0b\x0c]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_DATE_MARKER = re.compile(
    r"\A\s*date[ \t]+(\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?=\s|\Z)[ \t]*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”“’‘»«)\]}]*\Z")


def normalize_text(text: str) -> str:
    """Drop a BOM and control characters, and turn every line ending into ``\\n``."""
    text = text.removeprefix("\ufeff")
    text = _LINE_BREAKS.sub("\n", text).replace("\u2029", "\n\n")
    return _CONTROL_CHARS.sub("", text)


def split_date_marker(text: str) -> tuple[str | None, str]:
    """``(date, rest)``: the leading ``date YYYY-MM[-DD]`` marker's date and the text after it."""
    match = _DATE_MARKER.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end() :]


def split_blocks(text: str) -> list[str]:
    """The stripped texts of the blank-line-separated blocks of ``text``."""
    blocks: list[str] = []
    lines: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            lines.append(line)
        elif lines:
            blocks.append("\n".join(lines).strip())
            lines = []
    if lines:
        blocks.append("\n".join(lines).strip())
    return blocks


def block_kind(source: str) -> BlockKind:
    """``heading`` for one short line without closing sentence punctuation, else ``paragraph``."""
    if (
        "\n" in source
        or len(source) > HEADING_MAX_CHARS
        or len(source.split()) > HEADING_MAX_WORDS
        or _SENTENCE_END.search(source)
    ):
        return "paragraph"
    return "heading"


def make_block(block_id: int, source: str) -> Block:
    """A Block of ``source`` with its sentences from :func:`split_sentences`."""
    sentences = tuple(
        Sentence(id=i, start=start, end=end, source=source[start:end])
        for i, (start, end) in enumerate(split_sentences(source))
    )
    return Block(id=block_id, kind=block_kind(source), source=source, sentences=sentences)


def parse_document(
    text: str,
    *,
    name: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Document:
    """Parse article text into a Document; raise EmptyInput when it holds no text."""
    date, body = split_date_marker(normalize_text(text))
    blocks = tuple(make_block(i, source) for i, source in enumerate(split_blocks(body)))
    if not blocks:
        raise EmptyInput(f"{name or 'input'} contains no text to translate")
    return Document(source=SourceInfo(name=name, url=url, title=title, date=date), blocks=blocks)


def parse_input(
    text: str,
    *,
    name: str,
    url: str | None = None,
    title: str | None = None,
    date: str | None = None,
    headings: Iterable[str] = (),
) -> Document:
    """Parse an input reader's text, then merge in what the page said about itself.

    ``date`` fills ``SourceInfo.date`` when the text carries no ``date`` marker. ``headings``
    (texts of the page's HTML headings) are trusted over the guess of :func:`block_kind`;
    a page that is only headings (a listing, an index, a paywall) raises EmptyInput.
    """
    doc = parse_document(text, name=name, url=url, title=title)
    if date and not doc.source.date:
        doc = replace(doc, source=replace(doc.source, date=date))
    heading_texts = set(headings)
    if heading_texts:
        blocks = tuple(replace(b, kind="heading") if b.source in heading_texts else b for b in doc.blocks)
        if all(b.kind == "heading" for b in blocks):
            raise EmptyInput(f"{name}: no article text found on the page, only headings")
        doc = replace(doc, blocks=blocks)
    return doc
