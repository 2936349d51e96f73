"""Documents to text, markdown, JSON or HTML.

Paragraphs are numbered ¶1, ¶2… in every format, the numbers claims refer to.
A flagged English sentence carries a ⚠ marker with its flags in plain words (``[⚠ may be
incomplete]``); the JSON keeps the flags' names.
"""

from __future__ import annotations

import html
import textwrap

from translator.document import Block, Document, Summary, flag_words

FORMATS = ("text", "markdown", "json", "html")
EXTENSIONS = {  # the format a file's name asks for (-o out.md, the reader's export)
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
}


def format_for_name(name: str) -> str | None:
    """The format the file name's extension names, or None (``out.md`` -> markdown)."""
    dot = name.rfind(".")
    slash = max(name.rfind("/"), name.rfind("\\"))
    return EXTENSIONS.get(name[dot:].lower()) if dot > slash + 1 else None


SIDE_BY_SIDE_MIN_WIDTH = 100
FLAG_MARK = "⚠"


def paragraph_number(block_id: int) -> str:
    return f"¶{block_id + 1}"


def english_of(block: Block, *, marks: bool = True) -> str:
    """The block's English, sentence by sentence, with flag markers; ``…`` where not translated yet."""
    parts = []
    for s in block.sentences:
        text = s.target if s.target is not None else "…"
        if marks and s.flags:
            text = f"{text} [{FLAG_MARK} {flag_words(s.flags)}]"
        parts.append(text)
    return " ".join(parts)


def render(doc: Document, fmt: str = "text", *, width: int | None = None) -> str:
    """Render ``doc`` in ``fmt`` (one of FORMATS). ``width`` is the terminal width for text."""
    if fmt == "json":
        return doc.to_json() + "\n"
    if fmt == "markdown":
        return render_markdown(doc)
    if fmt == "html":
        return render_html(doc)
    if fmt == "text":
        return render_text(doc, width=width)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _title(doc: Document) -> str:
    return doc.source.title or doc.source.name or "Article"


def _meta_line(doc: Document) -> str:
    bits = []
    if doc.source.url:
        bits.append(doc.source.url)
    elif doc.source.name:
        bits.append(doc.source.name)
    if doc.source.date:
        bits.append(doc.source.date)
    if doc.translation:
        bits.append(f"translated by {doc.translation.model} ({doc.translation.backend})")
    return " · ".join(bits)


# -- text ---------------------------------------------------------------------
def render_text(doc: Document, *, width: int | None = None) -> str:
    width = width or 80
    side_by_side = width >= SIDE_BY_SIDE_MIN_WIDTH
    out: list[str] = []
    meta = _meta_line(doc)
    if meta:
        out += [meta, ""]
    if doc.summary:
        out += _summary_text(doc.summary, width)
    for block in doc.blocks:
        label = paragraph_number(block.id)
        english = english_of(block)
        if side_by_side:
            out += _side_by_side(label, block, english, width)
        else:
            wrap = max(20, width - 4)
            mark = "# " if block.kind == "heading" else ""
            out.append(label)
            out += ["  " + line for line in textwrap.wrap(mark + block.source, wrap)]
            out += [
                "  " + line for line in textwrap.wrap(mark + english, wrap, initial_indent="→ ", subsequent_indent="  ")
            ]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _side_by_side(label: str, block: Block, english: str, width: int) -> list[str]:
    gutter = " │ "
    label_w = 5
    col = (width - label_w - len(gutter)) // 2
    mark = "# " if block.kind == "heading" else ""
    pl = mark + block.source
    en = mark + english
    left = textwrap.wrap(pl, col) or [""]
    right = textwrap.wrap(en, col) or [""]
    rows = max(len(left), len(right))
    lines = []
    for i in range(rows):
        tag = label if i == 0 else ""
        lt = left[i] if i < len(left) else ""
        rt = right[i] if i < len(right) else ""
        lines.append(f"{tag:<{label_w}}{lt:<{col}}{gutter}{rt}".rstrip())
    return lines


def _summary_text(summary: Summary, width: int) -> list[str]:
    """SUMMARY (only when there is an abstract: claims alone need no empty heading), KEY CLAIMS, ARTICLE."""
    out = ["SUMMARY", *textwrap.wrap(summary.abstract, width), ""] if summary.abstract else []
    return [*out, *_claims_text(summary, width), "", "ARTICLE", ""]


def render_summary(doc: Document, fmt: str = "text", *, width: int | None = None) -> str:
    """The summary alone: abstract, then numbered claims (English first, the Polish under it)."""
    summary = doc.summary or Summary()
    if fmt == "json":
        return doc.to_json() + "\n"
    if fmt == "markdown":
        return "\n".join([f"# {_title(doc)}", "", *_summary_markdown(summary)]) + "\n"
    if fmt == "html":
        return render_html(doc)
    width = width or 80
    out = []
    if summary.abstract:
        out += ["SUMMARY", *textwrap.wrap(summary.abstract, width), ""]
    out += _claims_text(summary, width)
    return "\n".join(out).rstrip() + "\n"


def _claims_text(summary: Summary, width: int) -> list[str]:
    out = ["KEY CLAIMS"]
    if not summary.claims:
        out.append("(no claims found)")
    for n, claim in enumerate(summary.claims, 1):
        who = claim.speaker_en or claim.speaker
        head = f"{n}. [{paragraph_number(claim.block)}]" + (f" {who}:" if who else "")
        english = claim.target or "(not translated)"
        out += textwrap.wrap(f"{head} {english}", width, subsequent_indent="   ")
        out += textwrap.wrap(claim.source, width, initial_indent="   PL: ", subsequent_indent="       ")
    return out


# -- markdown -----------------------------------------------------------------
def render_markdown(doc: Document) -> str:
    out = [f"# {_title(doc)}", ""]
    meta = _meta_line(doc)
    if meta:
        out += [f"*{meta}*", ""]
    if doc.summary:
        out += [*_summary_markdown(doc.summary), "", "## Article", ""]
    for block in doc.blocks:
        english = english_of(block)
        if block.kind == "heading":
            out += [f"### {block.source}", "", f"*{english}*", ""]
        else:
            out += [f"**{paragraph_number(block.id)}** {block.source}", "", f"> {english}", ""]
    return "\n".join(out).rstrip() + "\n"


def _summary_markdown(summary: Summary) -> list[str]:
    """``## Summary`` with the abstract and ``### Key claims`` under it; claims alone get ``## Key claims``."""
    if summary.abstract:
        out = ["## Summary", "", summary.abstract, "", "### Key claims", ""]
    else:
        out = ["## Key claims", ""]
    for n, claim in enumerate(summary.claims, 1):
        who = claim.speaker_en or claim.speaker
        who_md = f"**{who}**: " if who else ""
        out.append(f"{n}. [{paragraph_number(claim.block)}] {who_md}{claim.target or '(not translated)'}  ")
        out.append(f"   *PL: {claim.source}*")
    return out


# -- html ---------------------------------------------------------------------
def render_html(doc: Document) -> str:
    e = html.escape
    rows = []
    for block in doc.blocks:
        tag = "h3" if block.kind == "heading" else "p"
        rows.append(
            f'<tr id="p{block.id + 1}"><td class="n">{paragraph_number(block.id)}</td>'
            f'<td lang="pl"><{tag}>{e(block.source)}</{tag}></td>'
            f'<td lang="en"><{tag}>{e(english_of(block))}</{tag}></td></tr>'
        )
    summary = ""
    if doc.summary:
        items = "".join(
            f'<li><a href="#p{c.block + 1}">{paragraph_number(c.block)}</a> '
            f"{_speaker_html(c.speaker_en or c.speaker)}"
            f'{e(c.target or "")}<br><i lang="pl">{e(c.source)}</i></li>'
            for c in doc.summary.claims
        )
        abstract = f"<p>{e(doc.summary.abstract)}</p>" if doc.summary.abstract else ""
        summary = f"<section><h2>Summary</h2>{abstract}<ol>{items}</ol></section>"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(_title(doc))}</title>"
        "<style>body{font-family:sans-serif;max-width:1200px;margin:auto}"
        "td{vertical-align:top;padding:4px 8px}td.n{color:#888}</style></head><body>"
        f"<h1>{e(_title(doc))}</h1><p><i>{e(_meta_line(doc))}</i></p>{summary}"
        f"<table>{''.join(rows)}</table></body></html>\n"
    )


def _speaker_html(who: str | None) -> str:
    return f"<b>{html.escape(who)}</b>: " if who else ""
