"""The search field, shown at the bottom by ``/``; Enter searches (``Input.Submitted``), Esc closes."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    BINDINGS = [Binding("escape", "close", "Close search")]

    class Closed(Message):
        """The user pressed Esc in the search field."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search Polish and English; Enter finds, n/N next/previous", id=id)
        self.cursor_blink = False

    def action_close(self) -> None:
        self.post_message(self.Closed())
