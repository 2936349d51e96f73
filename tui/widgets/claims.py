"""The key-claims panel: the English abstract and the claims, each one a jump to its sentence."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from translator.document import Claim, Summary


def claim_prompt(claim: Claim) -> Content:
    """Three parts: ``¶3 · Tuomas Forsberg``, the claim in English, the Polish under it.

    Without English (not translated yet, or the translation failed) the Polish stands alone.
    """
    speaker = claim.speaker_en or claim.speaker
    head: list[str | tuple[str, str]] = [(f"¶{claim.block + 1}", "bold $reader-heading")]
    if speaker:
        head.append((f" · {speaker}", "bold"))
    lines = [Content.assemble(*head)]
    if claim.target:
        lines.append(Content(claim.target))
        lines.append(Content.styled(claim.source, "italic $reader-muted"))
    else:
        lines.append(Content(claim.source))
    return Content("\n").join(lines)


NO_ABSTRACT = "no abstract"


class ClaimChosen(Message):
    """The user picked a claim: move the cursor to its sentence."""

    def __init__(self, block: int, sentence: int) -> None:
        super().__init__()
        self.block = block
        self.sentence = sentence


class ClaimList(OptionList):
    """The claims as options; j/k move like everywhere else in the reader (besides ↓/↑).

    ``OptionList`` throws its drawn options away on every resize, and showing the docked
    panel again is a resize (from nothing to its width): its claims were wrapped and drawn
    anew each time the panel opened. Here they are kept while the width stays the same.
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Next claim", show=False),
        Binding("k", "cursor_up", "Previous claim", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.drawn_width = 0

    @on(events.Resize)
    def keep_drawn_claims(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if not width or width == self.drawn_width:  # hidden (no width), or shown again at the same width
            event.prevent_default()  # OptionList's own handler (it clears the drawn options) is not called
        else:
            self.drawn_width = width


class ClaimsView(Vertical):
    """Abstract on top, claims below; Enter on a claim posts :class:`ClaimChosen`."""

    BINDINGS = [Binding("escape", "close", "Close claims", show=False)]

    class CloseRequested(Message):
        """Esc in the claims: whoever shows the panel hides it."""

    def __init__(
        self,
        summary: Summary | None = None,
        *,
        waiting: str = "",
        no_abstract: str = NO_ABSTRACT,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.summary = summary
        self.waiting = waiting
        self.no_abstract = no_abstract
        self.claims: tuple[Claim, ...] = ()
        self.list_stale = True

    def compose(self) -> ComposeResult:
        yield Static("Summary", classes="panel-title")
        yield Static("", id="abstract")
        yield Static("Key claims", classes="panel-title")
        yield ClaimList(id="claim-list")
        yield Static("Enter: go to the sentence · Esc: close", classes="panel-hint")

    def on_mount(self) -> None:
        self.show(self.summary, waiting=self.waiting, no_abstract=self.no_abstract)

    def show(self, summary: Summary | None, *, waiting: str = "", no_abstract: str = NO_ABSTRACT) -> None:
        """Show ``summary``; ``waiting`` says why there is none yet, ``no_abstract`` why it has no abstract.

        The list is filled while the panel is displayed (else when it is next shown), so
        its wrapping and the rules between claims are measured at the panel's real width.
        """
        self.summary = summary
        self.waiting = waiting
        self.no_abstract = no_abstract
        self.claims = summary.claims if summary is not None else ()
        self.list_stale = True
        abstract = self.query_one_optional("#abstract", Static)
        if abstract is None:  # not composed yet (or torn down): on_mount shows it
            return
        if summary is None:
            abstract.update(Content.styled(waiting or "no summary yet", "italic $reader-muted"))
        elif summary.abstract:
            abstract.update(Content(summary.abstract))  # the model's words, not markup
        else:
            abstract.update(Content.styled(no_abstract, "italic $reader-muted"))
        if self.display and self.size.width:
            self.fill_list()

    def on_show(self) -> None:
        self.fill_if_stale()

    def fill_if_stale(self) -> None:
        if self.list_stale and self.query_one_optional("#claim-list", ClaimList) is not None:
            self.fill_list()

    def fill_list(self) -> None:
        self.list_stale = False
        options = self.query_one("#claim-list", ClaimList)
        options.clear_options()
        if self.summary is None:
            return
        if not self.claims:
            options.add_option(Option(Content.styled("no claims found", "italic $reader-muted"), disabled=True))
            return
        entries: list[Option | None] = []
        for i, claim in enumerate(self.claims):
            if entries:
                entries.append(None)  # a rule between claims
            entries.append(Option(claim_prompt(claim), id=f"claim-{i}"))
        options.add_options(entries)
        options.highlighted = 0

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
