"""The article: one :class:`BlockRow` per block, Polish beside (or above) its English.

:class:`ArticleView` scrolls the rows, moves the sentence highlight, keeps the
sentence being read in view (while English fills in above it, and on a resize),
pages with the sentence cursor, and says which blocks are on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.geometry import Region

from translator.document import Document
from tui.navigation import SentenceRef
from tui.sentence_text import PLACEHOLDER
from tui.widgets.block_row import BlockRow


@dataclass(frozen=True)
class ScrollAnchor:
    """A row whose place on screen must not move while rows above it change height."""

    row: BlockRow
    top: int  # the row's top in the article's virtual coordinates when the anchor was dropped


class ArticleView(VerticalScroll):
    """The scrolling list of block rows; owns the sentence-cursor keys."""

    BINDINGS = [
        Binding(
            "down,j",
            "app.next_sentence",
            "Next sentence",
            key_display="↓/j",
            tooltip="move to the next sentence (highlighted in both languages)",
        ),
        Binding(
            "up,k",
            "app.previous_sentence",
            "Prev sentence",
            key_display="↑/k",
            show=False,
            tooltip="move to the previous sentence",
        ),
        Binding("pagedown", "app.page(1)", "Page down", show=False, tooltip="a page down; the cursor comes along"),
        Binding("pageup", "app.page(-1)", "Page up", show=False, tooltip="a page up; the cursor comes along"),
        Binding("home,g", "app.first_sentence", "First sentence", show=False, tooltip="go to the first sentence"),
        Binding("end,G", "app.last_sentence", "Last sentence", show=False, tooltip="go to the last sentence"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: dict[int, BlockRow] = {}
        self.placeholder = PLACEHOLDER
        self.stacked = False
        self.cursor: SentenceRef | None = None
        self.query_text = ""
        self.scroll_anchor: ScrollAnchor | None = None  # set while a height change above it awaits layout
        self.anchor_again = False  # rows changed again before the pending correction ran

    async def show_document(self, doc: Document) -> None:
        """Replace the rows with ``doc``'s blocks (Polish at once, English as it comes)."""
        await self.remove_children()
        self.scroll_anchor = None
        self.cursor = None
        self.query_text = ""
        self.rows = {
            block.id: BlockRow(block, placeholder=self.placeholder, stacked=self.stacked) for block in doc.blocks
        }
        await self.mount_all(self.rows.values())
        self.scroll_home(animate=False)

    def set_stacked(self, stacked: bool) -> None:
        self.stacked = stacked
        self.set_class(stacked, "stacked")
        for row in self.rows.values():
            row.set_stacked(stacked)

    def show_untranslated(self, text: str) -> None:
        """What untranslated blocks say in the English column (``…translating``, or why not)."""
        self.placeholder = text
        changed = [row for row in self.rows.values() if row.placeholder != text]
        self.keep_place(changed, self.cursor)
        for row in changed:
            row.set_placeholder(text)

    def update_blocks(self, doc: Document) -> None:
        """Show the blocks of ``doc`` that changed since they were last shown, keeping the reader's place."""
        changed = [block for block in doc.blocks if block.id in self.rows and self.rows[block.id].block != block]
        self.keep_place([self.rows[block.id] for block in changed], self.cursor)
        cursor = self.cursor
        for block in changed:
            self.rows[block.id].show(block, current=cursor[1] if cursor and cursor[0] == block.id else None)

    # -- keeping the place while rows above change height ----------------------
    def keep_place(self, changing: list[BlockRow], cursor: SentenceRef | None) -> None:
        """Before ``changing`` rows get new text: hold the place of the row being read.

        The anchor is the cursor's row when it is on screen, else the top row on
        screen (the user scrolled away from the cursor: keep what they look at).
        Once the new heights are laid out, :meth:`restore_place` scrolls by however
        far the anchor moved, on top of any scrolling the user did meanwhile.
        """
        if not changing:
            return
        if self.scroll_anchor is not None:  # a correction is pending: it re-measures after it runs
            self.anchor_again = True
            return
        visible = self.visible_block_ids()
        if not visible:
            return
        anchor_id = cursor[0] if cursor is not None and cursor[0] in visible else visible[0]
        if not any(row.block.id < anchor_id for row in changing):
            return  # only rows at or below the anchor change: nothing above it moves
        self.drop_anchor(self.rows[anchor_id])

    def drop_anchor(self, row: BlockRow) -> None:
        self.scroll_anchor = ScrollAnchor(row, row.virtual_region.y)
        self.anchor_again = False
        self.call_after_refresh(self.restore_place)

    def restore_place(self) -> None:
        """Scroll by as many lines as the anchor row moved since :meth:`keep_place`."""
        anchor, self.scroll_anchor = self.scroll_anchor, None
        if anchor is None or self.rows.get(anchor.row.block.id) is not anchor.row:
            return  # another article since
        shift = anchor.row.virtual_region.y - anchor.top
        if shift:
            if self.app.animator.is_being_animated(self, "scroll_y"):  # mid-scroll: finish it from the new place
                target = self.scroll_target_y + shift
                self.scroll_to(y=self.scroll_y + shift, animate=False)
                self.scroll_to(y=target)
            else:
                self.scroll_to(y=self.scroll_y + shift, animate=False)
        if self.anchor_again:  # rows changed after the layout this measured: measure once more
            self.drop_anchor(anchor.row)

    # -- keeping the cursor in view on a resize --------------------------------
    def on_resize(self, event: Resize) -> None:
        """New width, new wrapping: once laid out, bring the current sentence back into view."""
        if self.cursor is not None:
            self.scroll_anchor = None  # a pending correction measured the old layout
            self.call_after_refresh(self.scroll_to_cursor)

    def scroll_to_cursor(self) -> None:
        if self.cursor is not None:
            self.scroll_to_sentence(self.cursor)

    # -- the cursor ------------------------------------------------------------
    def move_cursor(self, new: SentenceRef | None, *, query: str | None = None) -> None:
        """Move the highlight to sentence ``new`` in both columns (``query`` marked in it)."""
        old, self.cursor = self.cursor, new
        if query is not None:
            self.query_text = query
        if old is not None and old[0] in self.rows and (new is None or old[0] != new[0]):
            self.rows[old[0]].show(current=None, query="")
        if new is not None and new[0] in self.rows:
            self.rows[new[0]].show(current=new[1], query=self.query_text)

    def visible_block_ids(self) -> list[int]:
        """Blocks at least partly on screen, top to bottom."""
        top, bottom = self.view_lines()
        return [
            block_id
            for block_id, row in self.rows.items()
            if row.virtual_region.height and row.virtual_region.y < bottom and row.virtual_region.bottom > top
        ]

    def view_lines(self) -> tuple[int, int]:
        """The article lines on screen: ``top`` to ``bottom`` (exclusive), virtual coordinates."""
        top = round(self.scroll_target_y if self.app.animator.is_being_animated(self, "scroll_y") else self.scroll_y)
        return top, top + self.scrollable_content_region.height

    def first_sentence_in_view(self) -> SentenceRef | None:
        """The first sentence whose Polish starts on screen (else the one the screen starts inside)."""
        top, bottom = self.view_lines()
        inside: SentenceRef | None = None
        for block_id in self.visible_block_ids():
            row = self.rows[block_id]
            for sentence in row.block.sentences:
                first = row.virtual_region.y + row.sentence_rows(sentence.id)[0][0]
                if top <= first < bottom:
                    return block_id, sentence.id
                if first < top:
                    inside = (block_id, sentence.id)
        return inside

    def sentence_lines(self, ref: SentenceRef) -> tuple[Region, Region | None]:
        """Where sentence ``ref`` sits in the article (virtual coordinates): Polish lines, English lines."""
        row = self.rows[ref[0]]
        top = row.virtual_region.y
        polish, english = row.sentence_rows(ref[1])

        def region(lines: tuple[int, int]) -> Region:
            return Region(0, top + lines[0], 1, lines[1] - lines[0] + 1)

        return region(polish), region(english) if english is not None else None

    def scroll_to_sentence(self, ref: SentenceRef, *, animate: bool = False) -> None:
        """Scroll so sentence ``ref`` shows in both languages: the whole block if it fits, else the pair."""
        row = self.rows.get(ref[0])
        if row is None or not row.block.sentences:
            return
        height = self.scrollable_content_region.height
        if row.virtual_region.height <= height:
            self.scroll_to_region(row.virtual_region, animate=animate, spacing=None)
            return
        polish, english = self.sentence_lines(ref)
        both = polish.union(english) if english is not None else polish
        if both.height <= height:
            self.scroll_to_region(both, animate=animate, spacing=None)
        else:  # even the pair is taller than the view: start at the Polish sentence
            self.scroll_to_region(polish, animate=animate, top=True)
