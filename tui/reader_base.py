"""The reader's state, shared by the mixins that act on it (movement, search, claims, files).

:class:`ReaderBase` is the app minus its wiring: the document on screen, the
sentence cursor, the search, what failed; and the status line's two texts,
computed from them (``tui.status_text``).
"""

from __future__ import annotations

from textual.app import App

from translator.document import Document
from translator.pipeline import Pipeline
from tui.navigation import SentenceRef, search_hits
from tui.status_text import TranslationClock, position_text, progress_text
from tui.widgets.article import ArticleView
from tui.widgets.status_line import StatusLine


class ReaderBase(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.doc: Document | None = None
        self.cursor: SentenceRef | None = None
        self.generation = 0  # number of the document on screen; workers' messages carry it
        self.load_number = 0  # number of the latest open request
        self.finished = False
        self.failed_stage: str | None = None
        self.abstract_problem: str | None = None  # why the summary model gave no abstract (the claims came)
        self.pipeline: Pipeline  # set by ReaderApp.__init__
        self.model_stage: str | None = None  # "loading model…" while it loads
        self.search_query = ""
        self.clock = TranslationClock()

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    def status_ready(self) -> bool:
        """False before the screen is built and after it is torn down (late worker messages)."""
        return self.query_one_optional("#status", StatusLine) is not None

    def untranslated_count(self) -> int:
        return sum(not b.translated for b in self.doc.blocks) if self.doc else 0

    def show_progress(self) -> None:
        if self.doc is None or not self.status_ready():
            return
        if self.failed_stage == "translate":
            self.status.show_progress("translation failed · r retries")
            return
        if self.model_stage:
            self.status.show_busy(self.model_stage)
            return
        total = len(self.doc.blocks)
        done = total - self.untranslated_count()
        finished = self.finished or (bool(total) and done == total)
        remaining = self.clock.remaining(done, total)
        self.status.show_progress(progress_text(done, total, finished=finished, remaining=remaining))

    def show_position(self) -> None:
        if not self.status_ready():
            return
        if self.doc is None or self.cursor is None:
            self.status.show_position("")
            return
        hit = None
        if self.search_query:
            hits = search_hits(self.doc, self.search_query)
            if self.cursor in hits:
                hit = (hits.index(self.cursor) + 1, len(hits), self.search_query)
        self.status.show_position(position_text(self.doc, self.cursor, hit=hit))
