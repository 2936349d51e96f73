"""A yes/no question: Enter or y says yes, Esc or n says no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("enter,y", "answer(True)", "Yes", show=False),
        Binding("escape,n", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, *, title: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            if self.title_text:
                yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.question, id="question", markup=False)
            yield Static("Enter / y: yes · Esc / n: no", classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
