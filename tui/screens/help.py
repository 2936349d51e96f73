"""Every key the reader knows, what it does, and what the ⚠ flags mean.

Each row is a key column and a description column, so a description that wraps
on a narrow terminal stays in its column; the list scrolls and "Esc closes"
stays on screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpRow(Horizontal):
    def __init__(self, key: str, text: str, *, key_width: int) -> None:
        super().__init__(classes="help-row")
        self.key = key
        self.text = text
        self.key_width = key_width

    def compose(self) -> ComposeResult:
        key = Static(self.key, classes="help-key", markup=False)
        key.styles.width = self.key_width
        yield key
        yield Static(self.text, classes="help-text", markup=False)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q,enter", "close", "Close", show=False)]

    def __init__(self, rows: list[tuple[str, str]], *, legend: list[tuple[str, str]] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.rows = rows
        self.legend = legend or []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                key_width = max((len(key) for key, _ in self.rows), default=0) + 2
                for key, text in self.rows:
                    yield HelpRow(key, text, key_width=key_width)
                if self.legend:
                    yield Static("Flags after a sentence (⚠)", classes="help-section")
                    legend_width = max(len(mark) for mark, _ in self.legend) + 2
                    for mark, text in self.legend:
                        yield HelpRow(mark, text, key_width=legend_width)
            yield Static("Esc closes", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
