"""The key-claims panel: docked beside the article on wide terminals, a full screen on narrower ones.

Mixed into the reader app. The docked panel is shown and hidden by its own
``display`` (nothing else is restyled), and it is docked only where the text
columns keep a readable width beside it.
"""

from __future__ import annotations

from textual import on

from tui.screens.claims import ClaimsScreen
from tui.search_actions import SearchActions
from tui.widgets.claims import ClaimChosen, ClaimsView

DOCK_CLAIMS_FROM = 140  # narrower than this, the claims open as a screen over the article


class ClaimsActions(SearchActions):
    @property
    def claims_panel(self) -> ClaimsView:
        return self.query_one("#claims-panel", ClaimsView)

    @property
    def claims_docked(self) -> bool:
        return bool(self.claims_panel.display)

    def summary_waiting_text(self) -> str:
        if self.failed_stage == "load":
            return "no article"
        if self.finished or self.failed_stage == "translate":
            return "finding the key claims…"
        return "key claims come when the translation is done"

    def no_abstract_text(self) -> str:
        """Why the summary has no English abstract, in the panel where the abstract would be."""
        if not self.pipeline.settings.summary_model:
            return "no abstract: no summary model was chosen"
        if self.failed_stage == "translate":
            return "no abstract: it is written from the English, and the translation failed"
        if self.abstract_problem:
            return f"no abstract: {self.abstract_problem}"
        return "no abstract"

    def show_summary(self) -> None:
        summary = self.doc.summary if self.doc else None
        waiting, no_abstract = self.summary_waiting_text(), self.no_abstract_text()
        self.claims_panel.show(summary, waiting=waiting, no_abstract=no_abstract)
        for screen in self.screen_stack:  # open on a narrow terminal, perhaps under an error: it fills in too
            if isinstance(screen, ClaimsScreen):
                screen.show(summary, waiting=waiting, no_abstract=no_abstract)

    def action_toggle_claims(self) -> None:
        if self.size.width < DOCK_CLAIMS_FROM:
            summary = self.doc.summary if self.doc else None
            screen = ClaimsScreen(summary, waiting=self.summary_waiting_text(), no_abstract=self.no_abstract_text())
            self.push_screen(screen, self.move_to)
            return
        panel = self.claims_panel
        panel.display = not panel.display
        if panel.display:
            panel.fill_if_stale()
            panel.focus_claims()
        else:
            self.article.focus()

    def hide_claims_if_too_narrow(self, width: int) -> None:
        if width < DOCK_CLAIMS_FROM and self.claims_docked:
            self.claims_panel.display = False
            self.article.focus()

    @on(ClaimsView.CloseRequested)
    def close_claims(self) -> None:
        """Esc in the claims panel: hide it and go back to the article."""
        if self.claims_docked:
            self.action_toggle_claims()

    def on_claim_chosen(self, event: ClaimChosen) -> None:
        self.move_to((event.block, event.sentence))
