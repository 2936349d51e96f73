"""What a page's markup says about its article, read before extraction: the lead and the titles.

Polish news sites set the lead (the bold opening paragraph, "lead", "lid",
"zajawka") apart from the body, in an element whose class or id names it:
``<div class="lead">``, ``<p class="article__lead">``, ``<div class="art-lead">``,
``<section class="intro">``, ``<p class="standfirst">``. Main-text extractors often
drop it or put it after the body; :func:`put_lead_first` puts it back in front.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from translator.inputs.furniture import Block

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# A class or id naming a lead: "lead", "article__lead", "art-lead-inner", "entry-intro", "lead-text".
LEAD_NAME = re.compile(
    r"(?:^|[-_])(?:lead|lede|lid|intro|standfirst|zajawka|wstep|wprowadzenie)(?:[-_]+(?:text|inner|content|paragraph|txt|body))*$",
    re.IGNORECASE,
)
# Ancestors that hold other pages' teasers, never this article's lead.
NOT_ARTICLE = re.compile(
    r"related|teaser|recommend|promo|sidebar|polecane|popular|most-?read|newsletter|comment|footer|menu|nav|listing",
    re.IGNORECASE,
)
SKIPPED_TAGS = frozenset({"a", "nav", "aside", "footer", "form", "script", "style", "noscript", "template", "button"})
MIN_LEAD, MAX_LEAD = 40, 1500  # characters
MIN_BODY_PARAGRAPH = 80  # a paragraph this long near the lead shows the article body is there
BODY_LEVELS = 4  # how far up from the lead to look for the body
TEASER_LEVELS = 5  # how far up from a lead candidate to look for a box of teasers
LEAD_SHARE = 0.6  # a block holding this much of the lead's text is the lead, as extraction kept it
NOT_TEXT = ("script", "style", "noscript", "template", "figure", "figcaption", "button")
LABEL_TAG = re.compile(r"<(/?)label\b", re.IGNORECASE)


@dataclass(frozen=True)
class PageFacts:
    lead: str | None  # the lead paragraph's text, one line, or None
    titles: tuple[str, ...]  # <title>, og:title and <h1> texts, for spotting the title repeated as a block


def read_page(html: str) -> PageFacts:
    """The lead and the titles a page declares in its markup (nothing when it does not parse)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return PageFacts(lead=None, titles=())
    return PageFacts(lead=find_lead(root), titles=_titles(root))


def without_form_labels(html: str) -> str:
    """``html`` with ``<label>`` as ``<span>``: list items written as checkbox labels (a recipe's
    ingredients) are text, and extractors drop form elements whole."""
    return LABEL_TAG.sub(r"<\1span", html)


def find_lead(root: HtmlElement) -> str | None:
    """The text of the first element named as a lead that sits next to the article body."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}".split()
        if not any(LEAD_NAME.search(name) for name in names):
            continue
        text = _text(element)
        if not MIN_LEAD <= len(text) <= MAX_LEAD or _mostly_links(element, text) or _outside_article(element):
            continue
        if _body_nearby(element):
            return text
    return None


def put_lead_first(blocks: Sequence[Block], lead: str | None) -> list[Block]:
    """``blocks`` with ``lead`` as the first block: moved there, or added when extraction lost it."""
    if not lead:
        return list(blocks)
    wanted = _comparable(lead)
    if any(wanted in _comparable(text) and _comparable(text) != wanted for text, _ in blocks):
        return list(blocks)  # merged into a longer block: leave it where it is
    rest = [(text, heading) for text, heading in blocks if not _same_lead(_comparable(text), wanted)]
    return [(lead, False), *rest]


def _same_lead(block: str, lead: str) -> bool:
    """The lead itself, or most of it (extraction kept it without a label or a credit)."""
    return block == lead or (block in lead and len(block) >= LEAD_SHARE * len(lead))


def _text(element: HtmlElement) -> str:
    """The element's text on one line, without scripts, styles and figure captions (photo credits)."""
    from lxml import etree

    clean = copy.deepcopy(element)
    clean.tail = None
    etree.strip_elements(clean, *NOT_TEXT, with_tail=False)
    return " ".join(clean.text_content().split())


def _titles(root: HtmlElement) -> tuple[str, ...]:
    found = []
    for xpath in ("//head/title", "//meta[@property='og:title']/@content", "//meta[@name='twitter:title']/@content"):
        for value in root.xpath(xpath)[:1]:
            found.append(value if isinstance(value, str) else value.text_content())
    found.extend(h1.text_content() for h1 in root.xpath("//h1")[:3])
    return tuple(dict.fromkeys(t for t in (" ".join(str(v).split()) for v in found) if t))


def _mostly_links(element: HtmlElement, text: str) -> bool:
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return linked > len(text) / 2


def _outside_article(element: HtmlElement) -> bool:
    """True inside a link, navigation or a box of teasers (only the closest ancestors count:
    a page-wide wrapper may well be called "with-sidebar")."""
    for depth, ancestor in enumerate(element.iterancestors()):
        if depth >= TEASER_LEVELS or ancestor.tag in ("body", "html"):
            return False
        if ancestor.tag in SKIPPED_TAGS:
            return True
        names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if NOT_ARTICLE.search(names):
            return True
    return False


def _body_nearby(element: HtmlElement) -> bool:
    """True when a long paragraph outside the lead shares one of its few closest ancestors."""
    inside = set(element.iter())
    ancestor = element
    for _ in range(BODY_LEVELS):
        ancestor = ancestor.getparent()
        if ancestor is None:
            return False
        for paragraph in ancestor.iter("p"):
            if paragraph not in inside and len(" ".join(paragraph.text_content().split())) >= MIN_BODY_PARAGRAPH:
                return True
    return False


def _comparable(text: str) -> str:
    return " ".join(text.split()).casefold()
