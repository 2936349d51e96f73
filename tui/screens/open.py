"""Ask for another article to open: a file path, a saved page or a URL."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class OpenScreen(ModalScreen[str | None]):
    """Dismisses with the text entered, or None on Esc."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Open an article", classes="dialog-title")
            field = Input(placeholder="file, saved .html page or https:// URL", id="open-input")
            field.cursor_blink = False
            yield field
            yield Static("Enter opens · Esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#open-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if value:
            self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
