"""The status line above the key hints: progress on the left, the cursor's details on the right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


def progress_text(done: int, total: int, *, finished: bool) -> str:
    """``translating 3/6 blocks`` while working, ``done`` after."""
    return "done" if finished else f"translating {done}/{total} blocks"


class StatusLine(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static("", id="progress")
        yield Static("", id="position")

    @property
    def progress(self) -> str:
        return str(self.query_one("#progress", Static).content)

    @property
    def position(self) -> str:
        return str(self.query_one("#position", Static).content)

    def show_progress(self, text: str) -> None:
        self.query_one("#progress", Static).update(text)

    def show_position(self, text: str) -> None:
        self.query_one("#position", Static).update(text)
