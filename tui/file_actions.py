"""Open, export and copy: the reader's dealings with files and the clipboard.

Mixed into the reader app. Export first says how many paragraphs have no
English yet and asks; the file gets the article's headline as its title; the
notification names the absolute path written.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path, PurePath

from translator.document import Document
from tui.claims_actions import ClaimsActions
from tui.screens.confirm import ConfirmScreen
from tui.screens.export import ExportScreen
from tui.screens.open import OpenScreen
from tui.widgets.title_bar import headline_of


def suggested_export_name(doc: Document) -> str:
    """``<file stem>.en.md`` for a file or URL, ``article.en.md`` for standard input."""
    stem = re.sub(r"[^\w.-]", "", PurePath((doc.source.name or "").rstrip("/")).stem)
    return f"{stem or 'article'}.en.md"


def with_headline(doc: Document) -> Document:
    """``doc`` titled by its headline (the English one once translated), not by its file name."""
    if doc.source.title:
        return doc
    return replace(doc, source=replace(doc.source, title=headline_of(doc, english=True)))


def untranslated_question(missing: int, total: int) -> str:
    return (
        f"{missing} of {total} paragraphs have no English yet; the file will show them untranslated. Export now anyway?"
    )


class FileActions(ClaimsActions):
    def action_open(self) -> None:
        self.push_screen(OpenScreen(), self.opened)

    def opened(self, spec: str | None) -> None:
        if spec:
            self.open_spec(spec)

    def open_spec(self, spec: str, *, stdin_bytes: bytes | None = None) -> None:
        raise NotImplementedError

    def action_export(self) -> None:
        if self.doc is None:
            self.notify("nothing to export yet", severity="warning")
            return
        missing = self.untranslated_count()
        if missing:
            question = untranslated_question(missing, len(self.doc.blocks))
            self.push_screen(ConfirmScreen(question, title="Export"), self.export_confirmed)
            return
        self.open_export()

    def export_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.open_export()

    def open_export(self) -> None:
        if self.doc is not None:
            doc = with_headline(self.doc)
            self.push_screen(ExportScreen(doc, suggested=suggested_export_name(doc)), self.exported)

    def exported(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"saved to {path.resolve()}", markup=False)

    def action_copy_pair(self) -> None:
        if self.doc is None or self.cursor is None:
            return
        sentence = self.doc.sentence(*self.cursor)
        if sentence.target is None:
            self.copy_to_clipboard(sentence.source)
            self.notify("no English for this sentence yet: copied the Polish only")
            return
        self.copy_to_clipboard(f"{sentence.source}\n{sentence.target}")
        self.notify("copied the Polish and English sentence")
