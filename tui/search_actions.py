"""Search: ``/`` opens the bar, Enter finds, ``n``/``N`` go to the next / previous hit.

Mixed into the reader app. A search that finds nothing says so and leaves the
last good search in place for ``n``/``N``; the match is marked inside the sentence.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from tui.movement import CursorMoves
from tui.navigation import next_hit, search_hits
from tui.widgets.search_bar import SearchBar


class SearchActions(CursorMoves):
    def action_search(self) -> None:
        bar = self.query_one("#search", SearchBar)
        bar.display = True
        bar.focus()

    @on(Input.Submitted, "#search")
    def run_search(self, event: Input.Submitted) -> None:
        self.close_search()
        query = event.value.strip()
        if self.doc is None or not query:
            return
        hits = search_hits(self.doc, query)
        if not hits:
            kept = f"; n/N still find {self.search_query!r}" if self.search_query else ""
            self.notify(f"no sentence contains {query!r}{kept}", severity="warning", markup=False)
            return
        self.search_query = query
        self.article.query_text = query
        self.move_to(next_hit(hits, self.cursor, include_current=True))

    @on(SearchBar.Closed)
    def close_search(self) -> None:
        self.query_one("#search", SearchBar).display = False
        self.article.focus()

    def jump_to_hit(self, *, forward: bool) -> None:
        if self.doc is None or not self.search_query:
            self.notify("press / to search first")
            return
        hits = search_hits(self.doc, self.search_query)
        if not hits:
            self.notify(f"no sentence contains {self.search_query!r}", severity="warning", markup=False)
            return
        self.move_to(next_hit(hits, self.cursor, forward=forward))

    def action_next_hit(self) -> None:
        self.jump_to_hit(forward=True)

    def action_previous_hit(self) -> None:
        self.jump_to_hit(forward=False)
