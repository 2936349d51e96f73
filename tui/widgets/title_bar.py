"""The header: the article's headline on the left, its date on the right."""

from __future__ import annotations

from pathlib import PurePath

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from translator.document import Document


def headline_of(doc: Document, *, english: bool = False) -> str:
    """The article's headline: the page title, else its first heading (in English when asked and
    translated), else the file name (or URL)."""
    if doc.source.title:
        return doc.source.title
    heading = next((b for b in doc.blocks if b.kind == "heading"), None)
    if heading is not None:
        return heading.target if english and heading.translated and heading.target else heading.source
    name = doc.source.name
    if not name:
        return "Article"
    return name if "://" in name or name == "<stdin>" else PurePath(name).name


class TitleBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static("pl2en", id="title")
        yield Static("", id="date")

    def show(self, title: str, date: str | None) -> None:
        self.query_one("#title", Static).update(Content(title))  # a page title such as "[WIDEO] …" is not markup
        self.query_one("#date", Static).update(Content(date or ""))


class ColumnHeadings(Horizontal):
    """ "Polish" and "English" above the two columns (hidden when stacked)."""

    def compose(self) -> ComposeResult:
        yield Static("", classes="number")
        yield Static("Polish", classes="polish")
        yield Static("English", classes="english")
