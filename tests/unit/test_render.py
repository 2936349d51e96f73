"""Rendering a summary: headings only over something (claims alone get no empty SUMMARY heading)."""

from __future__ import annotations

import pytest

from translator.document import Block, Claim, Document, Sentence, SourceInfo, Summary
from translator.render import render, render_summary

SOURCE = "Kreml ostrzegł Kazachstan."
BLOCK = Block(
    id=0, kind="paragraph", source=SOURCE, sentences=(Sentence(0, 0, len(SOURCE), SOURCE, "Kremlin warned."),)
)
CLAIM = Claim(block=0, sentence=0, source=SOURCE, target="The Kremlin warned Kazakhstan.", speaker="Kreml")


def doc_with(summary: Summary | None) -> Document:
    return Document(source=SourceInfo(name="a.txt"), blocks=(BLOCK,), summary=summary)


def claims_only() -> Document:
    return doc_with(Summary(claims=(CLAIM,), abstract=None))


def with_abstract() -> Document:
    return doc_with(Summary(claims=(CLAIM,), abstract="Kazakhstan keeps its distance.", model="bart"))


def test_text_with_claims_only_has_no_summary_heading():
    out = render(claims_only(), "text", width=80)
    assert "SUMMARY" not in out
    lines = out.splitlines()
    assert lines.index("KEY CLAIMS") < lines.index("ARTICLE")
    assert "1. [¶1] Kreml: The Kremlin warned Kazakhstan." in out


def test_text_with_an_abstract_keeps_the_summary_heading_over_it():
    lines = render(with_abstract(), "text", width=80).splitlines()
    start = lines.index("SUMMARY")
    assert lines[start + 1] == "Kazakhstan keeps its distance."
    assert lines.index("KEY CLAIMS") > start


def test_markdown_with_claims_only_has_no_empty_summary_section():
    out = render(claims_only(), "markdown")
    assert "## Summary" not in out
    lines = out.splitlines()
    assert "## Key claims" in lines and "### Key claims" not in lines
    assert lines.index("## Key claims") < lines.index("## Article")


def test_markdown_with_an_abstract_nests_the_claims_under_the_summary():
    lines = render(with_abstract(), "markdown").splitlines()
    start = lines.index("## Summary")
    assert lines[start + 2] == "Kazakhstan keeps its distance."
    assert lines.index("### Key claims") > start


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_summary_alone_with_claims_only_has_no_summary_heading(fmt):
    out = render_summary(claims_only(), fmt, width=80)
    assert "SUMMARY" not in out and "## Summary" not in out
    assert "Kremlin warned Kazakhstan" in out


def test_no_summary_asked_for_means_no_summary_headings():
    out = render(doc_with(None), "text", width=80) + render(doc_with(None), "markdown")
    assert "SUMMARY" not in out and "KEY CLAIMS" not in out and "Key claims" not in out


def test_html_names_the_speaker_escaped_and_leaves_an_unnamed_one_out():
    named = Claim(block=0, sentence=0, source=SOURCE, target="t", speaker="A<b>", speaker_en="A & B")
    out = render(doc_with(Summary(claims=(named, Claim(block=0, sentence=0, source=SOURCE, target="u")))), "html")
    assert "<b>A &amp; B</b>: t" in out
    assert "</a> u<br>" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_flagged_sentence_is_marked_in_plain_words_and_the_json_keeps_the_names(fmt):
    flagged = Sentence(0, 0, len(SOURCE), SOURCE, "Kremlin.", flags=("length_ratio", "untranslated"))
    doc = Document(source=SourceInfo(name="a.txt"), blocks=(Block(0, "paragraph", SOURCE, (flagged,)),))
    out = render(doc, fmt, width=120)
    assert "⚠ may be incomplete, left in Polish" in out
    assert "length_ratio" not in out and "untranslated" not in out
    assert '"length_ratio"' in render(doc, "json")
