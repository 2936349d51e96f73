"""A web page's article: trafilatura's main text, with a plain ``<p>`` fallback and leftovers filtered."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from translator.inputs.dates import source_precision
from translator.inputs.decode import decode_text
from translator.inputs.furniture import Block, remove_furniture
from translator.inputs.page import put_lead_first, read_page, without_form_labels
from translator.language import repair_mojibake

if TYPE_CHECKING:
    from lxml import etree

log = logging.getLogger("pl2en")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
HTML_SNIFF = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*+<(!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL
)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "cell", "code"})
CONTAINER_TAGS = BLOCK_TAGS | {"list", "div", "table", "row"}
CONTINUATION = re.compile(r"^(?:[–—-]\s*)?[a-ząćęłńóśźż]")  # goes on from the block before
SENTENCE_END = re.compile(r"[.!?…][\"”»)]*$")
UNFINISHED_OK = re.compile(r"[.!?…:;][\"”»)]*$")  # the block before ends as a sentence or a label does
MAX_CONTINUATION = 300
FALLBACK_SKIP = ("nav", "footer", "aside", "form", "header", "script", "style", "noscript")


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start like an HTML document (after BOM, whitespace, comments)."""
    return HTML_SNIFF.match(data[:4096]) is not None


@dataclass(frozen=True)
class ExtractedArticle:
    """A web page's article: blocks separated by blank lines, and what the page says about it."""

    text: str  # empty when the page holds no article text
    title: str | None
    date: str | None
    headings: tuple[str, ...]  # the blocks that were headings on the page


def extract_html(html: str | bytes, *, url: str | None = None) -> tuple[str, str | None]:
    """The article's main text (blocks separated by blank lines) and its title."""
    article = extract_article(html, url=url)
    return article.text, article.title


def extract_article(html: str | bytes, *, url: str | None = None, name: str | None = None) -> ExtractedArticle:
    """The article of a web page: its lead first, then the body, without the page's furniture.

    trafilatura finds the main text (a plain ``<p>`` fallback when it finds none); the
    lead and the titles are read from the markup first (:mod:`translator.inputs.page`),
    furniture is taken out after (:mod:`translator.inputs.furniture`), and the date is
    kept at the precision the page gives (:mod:`translator.inputs.dates`).
    """
    import trafilatura
    from lxml import etree

    if isinstance(html, bytes):
        html, _ = decode_text(html, name=name or url or "<html>", declared=meta_charset(html))
    html = without_form_labels(XML_DECLARATION.sub("", html, count=1))
    page = read_page(html)
    xml = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )
    title = date = None
    blocks: list[Block] = []
    if xml:
        doc = etree.fromstring(xml)
        title, date = doc.get("title") or None, doc.get("date") or None
        main = doc.find("main")
        if main is not None:
            blocks = _xml_blocks(main)
    titles = tuple(t for t in (title, *page.titles) if t)
    blocks = _article_blocks(blocks, titles) or _article_blocks(_fallback_blocks(html), titles)
    if blocks:
        blocks = put_lead_first(join_broken_sentences(blocks), page.lead)
    if title is None:
        title = _fallback_title(html)
    text, repaired = repair_mojibake("\n\n".join(t for t, _ in blocks))  # mojibake written as entities
    if repaired:
        blocks = [(t, h) for t, (_, h) in zip(text.split("\n\n"), blocks, strict=True)]
        log.warning("%s: %d mis-encoded Polish letters repaired", name or url or "<html>", repaired)
        title = repair_mojibake(title)[0] if title else title
    return ExtractedArticle(
        text=text,
        title=title,
        date=source_precision(date, html),
        headings=tuple(t for t, is_heading in blocks if is_heading),
    )


def _article_blocks(blocks: list[Block], titles: tuple[str, ...]) -> list[Block]:
    """``blocks`` without furniture; title repeats stay when nothing but headings would be left
    (a listing or an index page: the caller reports it has no article, not that it is empty)."""
    kept = remove_furniture(blocks, titles=titles)
    if not any(not is_heading for _, is_heading in kept):
        kept = remove_furniture(blocks) or kept
    return kept


def join_broken_sentences(blocks: list[Block]) -> list[Block]:
    """Blocks where a sentence was cut in two put back together.

    A block that starts in lower case (after an optional dash) and ends a sentence
    continues the block before it when that one ends without punctuation: a list item
    split over two paragraphs, a tweet and its "— zaznaczył." written below it.
    """
    joined: list[Block] = []
    for text, is_heading in blocks:
        if (
            joined
            and not is_heading
            and not joined[-1][1]
            and CONTINUATION.match(text)
            and SENTENCE_END.search(text)
            and len(text) <= MAX_CONTINUATION
            and not UNFINISHED_OK.search(joined[-1][0])
        ):
            joined[-1] = (f"{joined[-1][0]} {text}", False)
        else:
            joined.append((text, is_heading))
    return joined


def _xml_blocks(element: etree._Element) -> list[Block]:
    """Flatten trafilatura's XML into (block text, is heading) pairs, in order."""
    out: list[Block] = []
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            continue
        if any(isinstance(g.tag, str) and g.tag in CONTAINER_TAGS for g in child):
            if child.text and child.text.strip():
                out.append((_clean(child.text), False))
            out.extend(_xml_blocks(child))
        elif child.tag in BLOCK_TAGS:
            for lb in child.iter("lb"):
                lb.tail = "\n" + (lb.tail or "")
            text = _clean("".join(child.itertext()))
            if text:
                out.append((text, child.tag == "head"))
        if child.tail and child.tail.strip():
            out.append((_clean(child.tail), False))
    return out


def _fallback_blocks(html: str) -> list[Block]:
    """Plain <h1>-<h6>/<p> text outside navigation and footers, for pages trafilatura rejects."""
    import lxml.html
    from lxml import etree

    if isinstance(html, str):  # lxml refuses str with an encoding declaration
        html = XML_DECLARATION.sub("", html, count=1)
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    for bad in root.xpath("|".join(f"//{tag}" for tag in FALLBACK_SKIP)):
        bad.drop_tree()
    blocks = []
    for el in root.xpath("//p|//h1|//h2|//h3|//h4|//h5|//h6"):
        text = " ".join(el.text_content().split())
        if text:
            blocks.append((text, el.tag != "p"))
    return blocks


def _fallback_title(html: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
    return _clean(match.group(1)) or None if match else None


def _clean(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def meta_charset(data: bytes) -> str | None:
    match = META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None
