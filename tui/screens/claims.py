"""The claims panel as a full screen, for terminals too narrow to dock it beside the article."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen

from translator.document import Summary
from tui.navigation import SentenceRef
from tui.widgets.claims import NO_ABSTRACT, ClaimChosen, ClaimsView


class ClaimsScreen(ModalScreen[SentenceRef | None]):
    """Dismisses with the chosen claim's sentence, or None on Esc / s."""

    BINDINGS = [Binding("escape,s", "close", "Close claims")]

    def __init__(self, summary: Summary | None, *, waiting: str = "", no_abstract: str = NO_ABSTRACT) -> None:
        super().__init__()
        self.summary = summary
        self.waiting = waiting
        self.no_abstract = no_abstract

    def compose(self) -> ComposeResult:
        yield ClaimsView(self.summary, waiting=self.waiting, no_abstract=self.no_abstract, id="claims-screen-view")

    def on_mount(self) -> None:
        self.query_one(ClaimsView).focus_claims()

    def show(self, summary: Summary | None, *, waiting: str = "", no_abstract: str = NO_ABSTRACT) -> None:
        """The summary arrived (or the reason there is none changed) while this screen is open."""
        view = self.query_one(ClaimsView)
        view.show(summary, waiting=waiting, no_abstract=no_abstract)
        view.focus_claims()

    def on_claims_view_close_requested(self, event: ClaimsView.CloseRequested) -> None:
        event.stop()
        self.dismiss(None)

    def on_claim_chosen(self, event: ClaimChosen) -> None:
        event.stop()
        self.dismiss((event.block, event.sentence))

    def action_close(self) -> None:
        self.dismiss(None)
