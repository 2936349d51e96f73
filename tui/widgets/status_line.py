"""The status line above the key hints: progress on the left, the cursor's details on the right.

While the model loads (or is converted, once) the progress side shows a spinner,
so a wait of several seconds never looks like a hang.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Static

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class StatusLine(Horizontal):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.busy_text = ""
        self.frame = 0
        self.spinner: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="progress", markup=False)
        yield Static("", id="position", markup=False)

    @property
    def progress(self) -> str:
        """The progress text without the spinner frame."""
        return self.busy_text or str(self.query_one("#progress", Static).content)

    @property
    def position(self) -> str:
        return str(self.query_one("#position", Static).content)

    @property
    def spinning(self) -> bool:
        return self.spinner is not None

    def show_progress(self, text: str) -> None:
        self.stop_spinner()
        self.query_one("#progress", Static).update(text)

    def show_busy(self, text: str) -> None:
        """``text`` after a spinner, until the next :meth:`show_progress`."""
        self.busy_text = text
        if self.spinner is None:
            self.spinner = self.set_interval(0.1, self.spin)
        self.spin()

    def spin(self) -> None:
        self.frame = (self.frame + 1) % len(SPINNER)
        self.query_one("#progress", Static).update(f"{SPINNER[self.frame]} {self.busy_text}")

    def stop_spinner(self) -> None:
        self.busy_text = ""
        if self.spinner is not None:
            self.spinner.stop()
            self.spinner = None

    def show_position(self, text: str) -> None:
        self.query_one("#position", Static).update(text)
