"""Save the document to a file: a path, and a format taken from its extension or chosen."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from translator.document import Document
from translator.errors import Pl2enError
from translator.files import is_same_file
from translator.render import format_for_name

FROM_EXTENSION = "auto"


def format_for(path: str | Path, choice: str = FROM_EXTENSION) -> str | None:
    """The format to write: ``choice`` unless it is "auto", else the one the extension names."""
    if choice != FROM_EXTENSION:
        return choice
    return format_for_name(Path(path).name)


def export_document(doc: Document, path: str | Path, fmt: str) -> Path:
    """Render ``doc`` as ``fmt`` with ``translator.render`` and write it to ``path``."""
    from translator.files import write_atomic
    from translator.render import render

    target = Path(path).expanduser()
    write_atomic(target, render(doc, fmt))  # never half a file, even on a full disk
    return target


class FormatSelect(Select[str]):
    """The format box: Enter saves (like in the path field); ↓/↑/space open the list."""

    BINDINGS = [Binding("enter", "submit", "Save", show=False)]

    class Submitted(Message):
        """Enter on the closed format box."""

    def action_submit(self) -> None:
        self.post_message(self.Submitted())


class ExportScreen(ModalScreen[Path | None]):
    """Writes the file itself; dismisses with the path written, or None on Esc.

    An existing file is replaced only on a second Enter with the same name and format;
    a folder is never written to.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, doc: Document, *, suggested: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.doc = doc
        self.suggested = suggested
        self.warned_about: tuple[Path, str] | None = None  # (existing file, format): Enter again replaces it

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Export the document", classes="dialog-title")
            field = Input(value=self.suggested, placeholder="path, e.g. article.md or article.json", id="export-path")
            field.cursor_blink = False
            yield field
            yield FormatSelect(
                [
                    ("format from extension", FROM_EXTENSION),
                    ("markdown", "markdown"),
                    ("json", "json"),
                    ("text", "text"),
                    ("html", "html"),
                ],
                value=FROM_EXTENSION,
                allow_blank=False,
                id="export-format",
            )
            yield Static("", id="export-problem", markup=False)  # it quotes typed names: "[" is not markup
            yield Static("Enter saves · Esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Changed, "#export-path")
    @on(Select.Changed, "#export-format")
    def forget_warning(self) -> None:
        """A new name or format must be confirmed afresh; the old message no longer applies."""
        self.warned_about = None
        self.query_one("#export-problem", Static).update("")

    @on(FormatSelect.Submitted)
    def save_from_format(self, event: FormatSelect.Submitted) -> None:
        event.stop()
        self.save_to(self.query_one("#export-path", Input).value)

    @on(Input.Submitted, "#export-path")
    def save(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_to(event.value)

    def save_to(self, value: str) -> None:
        path = value.strip()
        choice = self.query_one("#export-format", Select).value
        problem = self.query_one("#export-problem", Static)
        if not path:
            problem.update("type a file name")
            return
        target = Path(path).expanduser()
        if target.is_dir():
            example = Path(path) / (Path(self.suggested).name or "article.md")
            problem.update(f"{path} is a folder: add a file name, e.g. {example}")
            return
        fmt = format_for(path, str(choice))
        if fmt is None:
            name = Path(path).name
            problem.update(f"cannot tell the format of {name!r}: use .md, .json, .txt or .html, or choose one")
            return
        if is_same_file(self.doc.source.name, target):
            problem.update(f"{target.name} is the article you are reading: choose another name")
            return
        if target.exists() and self.warned_about != (target, fmt):
            self.warned_about = (target, fmt)  # the next Enter, unchanged, replaces it
            problem.update(f"{target.name} exists: Enter again to replace it, or change the name")
            return
        try:
            written = export_document(self.doc, target, fmt)
        except Pl2enError as err:
            problem.update(str(err))
            return
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)
