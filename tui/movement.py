"""The sentence cursor: one sentence at a time, a page at a time, first and last.

Mixed into the reader app. Paging moves the cursor with the page (to the first
sentence that starts on the new page), so the status line and the next ``j``
agree with what is on screen.
"""

from __future__ import annotations

from tui.navigation import SentenceRef, sentence_refs, step
from tui.reader_base import ReaderBase


class CursorMoves(ReaderBase):
    """Actions over ``self.cursor``."""

    def move_to(self, ref: SentenceRef | None, *, scroll: bool = True) -> None:
        if ref is None or self.doc is None or ref not in sentence_refs(self.doc):
            return  # e.g. a claim chosen from the previous article's list
        self.cursor = ref
        self.article.move_cursor(ref)
        if scroll:
            self.article.scroll_to_sentence(ref)
        self.show_position()

    def action_next_sentence(self) -> None:
        if self.doc is not None:
            self.move_to(step(self.doc, self.cursor, +1))

    def action_previous_sentence(self) -> None:
        if self.doc is not None:
            self.move_to(step(self.doc, self.cursor, -1))

    def action_first_sentence(self) -> None:
        if self.doc is not None:
            self.move_to(step(self.doc, None, +1))

    def action_last_sentence(self) -> None:
        if self.doc is not None:
            self.move_to(step(self.doc, None, -1))

    def action_page(self, direction: int) -> None:
        """A page down (``direction`` 1) or up (-1); the cursor goes to the first sentence on the new page."""
        if self.doc is None:
            return
        article = self.article
        if not article.page(direction):  # already at that end: go to its last (first) sentence
            self.move_to(step(self.doc, None, -1 if direction > 0 else +1))
            return
        self.move_to(article.first_sentence_in_view(), scroll=False)
