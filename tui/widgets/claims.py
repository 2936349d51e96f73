"""The key-claims panel: the English abstract and the claims, each one a jump to its sentence."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from translator.document import Claim, Summary


def claim_prompt(claim: Claim) -> Content:
    """``¶3 Tuomas Forsberg: the claim in English`` (Polish until the English is known)."""
    speaker = claim.speaker_en or claim.speaker
    parts: list[str | tuple[str, str]] = [(f"¶{claim.block + 1} ", "bold $text-accent")]
    if speaker:
        parts.append((f"{speaker}: ", "bold"))
    parts.append(claim.target or claim.source)
    return Content.assemble(*parts)


class ClaimChosen(Message):
    """The user picked a claim: move the cursor to its sentence."""

    def __init__(self, block: int, sentence: int) -> None:
        super().__init__()
        self.block = block
        self.sentence = sentence


class ClaimList(OptionList):
    """The claims as options; j/k move like everywhere else in the reader (besides ↓/↑)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next claim", show=False),
        Binding("k", "cursor_up", "Previous claim", show=False),
    ]


class ClaimsView(Vertical):
    """Abstract on top, claims below; Enter on a claim posts :class:`ClaimChosen`."""

    BINDINGS = [Binding("escape", "close", "Close claims", show=False)]

    class CloseRequested(Message):
        """Esc in the claims: whoever shows the panel hides it."""

    def __init__(self, summary: Summary | None = None, *, waiting: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.summary = summary
        self.waiting = waiting
        self.claims: tuple[Claim, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("Summary", classes="panel-title")
        yield Static("", id="abstract")
        yield Static("Key claims", classes="panel-title")
        yield ClaimList(id="claim-list")
        yield Static("Enter: go to the sentence · Esc: close", classes="panel-hint")

    def on_mount(self) -> None:
        self.show(self.summary, waiting=self.waiting)

    def show(self, summary: Summary | None, *, waiting: str = "") -> None:
        """Show ``summary``; ``waiting`` says why there is none yet."""
        self.summary = summary
        self.waiting = waiting
        abstract = self.query_one("#abstract", Static)
        options = self.query_one("#claim-list", ClaimList)
        options.clear_options()
        if summary is None:
            abstract.update(Content.styled(waiting or "no summary yet", "italic $text-muted"))
            self.claims = ()
            return
        if summary.abstract:
            abstract.update(Content(summary.abstract))  # the model's words, not markup
        else:
            abstract.update(Content.styled("no abstract (no summary model, or it failed)", "italic $text-muted"))
        self.claims = summary.claims
        if summary.claims:
            entries: list[Option | None] = []
            for i, claim in enumerate(summary.claims):
                if entries:
                    entries.append(None)  # a rule between claims
                entries.append(Option(claim_prompt(claim), id=f"claim-{i}"))
            options.add_options(entries)
            options.highlighted = 0
        else:
            options.add_option(Option(Content.styled("no claims found", "italic $text-muted"), disabled=True))

    def action_close(self) -> None:
        self.post_message(self.CloseRequested())

    def focus_claims(self) -> None:
        self.query_one("#claim-list", ClaimList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("claim-"):
            claim = self.claims[int(option_id.removeprefix("claim-"))]
            self.post_message(ClaimChosen(claim.block, claim.sentence))
