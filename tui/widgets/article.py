"""The article: one row per block, Polish beside (or above) its English.

Each :class:`BlockRow` holds a paragraph number and a :class:`BlockPair`, the
container of the two texts, so a paragraph's English always sits next to its
Polish whatever their lengths. :class:`ArticleView` scrolls the rows, moves the
sentence highlight and says which blocks are on screen (translated first).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from translator.document import Block, Document
from tui.navigation import SentenceRef
from tui.sentence_text import PLACEHOLDER, english_content, english_spans, line_of_offset, polish_content


@dataclass(frozen=True)
class ScrollAnchor:
    """A row whose place on screen must not move while rows above it change height."""

    row: BlockRow
    top: int  # the row's top in the article's virtual coordinates when the anchor was dropped


class BlockPair(Container):
    """The Polish and English texts of one block: side by side, or stacked when narrow."""


class BlockRow(Horizontal):
    """One heading or paragraph: its number, its Polish and its English."""

    def __init__(self, block: Block, *, placeholder: str = PLACEHOLDER) -> None:
        super().__init__(classes=block.kind, id=f"block-{block.id}")
        self.block = block
        self.placeholder = placeholder
        self.current: int | None = None
        self.polish = Static(classes="polish")
        self.english = Static(classes="english")
        self.polish_content = Content()
        self.english_content = Content()

    def compose(self) -> ComposeResult:
        yield Static(f"¶{self.block.id + 1}", classes="number")
        with BlockPair():
            yield self.polish
            yield self.english

    def on_mount(self) -> None:
        self.refresh_text()

    def show(self, block: Block | None = None, *, current: int | None = None) -> None:
        """Show ``block`` (default: the one already shown) with sentence ``current`` highlighted."""
        if block is not None:
            self.block = block
        self.current = current
        self.refresh_text()

    def refresh_text(self) -> None:
        self.polish_content = polish_content(self.block, self.current)
        self.english_content = english_content(self.block, self.current, placeholder=self.placeholder)
        self.polish.update(self.polish_content)
        self.english.update(self.english_content)
        self.english.set_class(not self.block.translated, "pending")


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
        Binding("home,g", "app.first_sentence", "First sentence", show=False, tooltip="go to the first sentence"),
        Binding("end,G", "app.last_sentence", "Last sentence", show=False, tooltip="go to the last sentence"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: dict[int, BlockRow] = {}
        self.placeholder = PLACEHOLDER
        self.anchor: ScrollAnchor | None = None  # set while a height change above it awaits layout
        self.anchor_again = False  # rows changed again before the pending correction ran

    async def show_document(self, doc: Document) -> None:
        """Replace the rows with ``doc``'s blocks (Polish at once, English as it comes)."""
        await self.remove_children()
        self.anchor = None
        self.rows = {block.id: BlockRow(block, placeholder=self.placeholder) for block in doc.blocks}
        await self.mount_all(self.rows.values())
        self.scroll_home(animate=False)

    def show_untranslated(self, text: str) -> None:
        """What untranslated blocks say in the English column (``…translating``, or why not)."""
        self.placeholder = text
        changed = [row for row in self.rows.values() if row.placeholder != text]
        self.keep_place(changed, None)
        for row in changed:
            row.placeholder = text
            row.refresh_text()

    def update_blocks(self, doc: Document, cursor: SentenceRef | None) -> None:
        """Show the blocks of ``doc`` that changed since they were last shown, keeping the reader's place."""
        changed = [block for block in doc.blocks if block.id in self.rows and self.rows[block.id].block != block]
        self.keep_place([self.rows[block.id] for block in changed], cursor)
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
        if self.anchor is not None:  # a correction is pending: it re-measures after it runs
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
        self.anchor = ScrollAnchor(row, row.virtual_region.y)
        self.anchor_again = False
        self.call_after_refresh(self.restore_place)

    def restore_place(self) -> None:
        """Scroll by as many lines as the anchor row moved since :meth:`keep_place`."""
        anchor, self.anchor = self.anchor, None
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

    def move_cursor(self, old: SentenceRef | None, new: SentenceRef | None) -> None:
        """Move the highlight from sentence ``old`` to ``new`` in both columns."""
        if old is not None and old[0] in self.rows and (new is None or old[0] != new[0]):
            self.rows[old[0]].show(current=None)
        if new is not None and new[0] in self.rows:
            self.rows[new[0]].show(current=new[1])

    def visible_block_ids(self) -> list[int]:
        """Blocks at least partly on screen, top to bottom."""
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        return [
            block_id
            for block_id, row in self.rows.items()
            if row.virtual_region.height and row.virtual_region.y < bottom and row.virtual_region.bottom > top
        ]

    def sentence_lines(self, ref: SentenceRef) -> tuple[Region, Region | None]:
        """Where sentence ``ref`` sits in the article (virtual coordinates): Polish lines, English lines."""
        row = self.rows[ref[0]]
        sentence = row.block.sentences[ref[1]]
        pair = row.query_one(BlockPair)

        def lines(static: Static, text: str, start: int, end: int) -> Region:
            width = static.content_size.width
            first = line_of_offset(text, start, width)
            last = line_of_offset(text, max(end - 1, start), width)
            top = row.virtual_region.y + pair.virtual_region.y + static.virtual_region.y + static.gutter.top
            return Region(0, top + first, 1, last - first + 1)

        polish = lines(row.polish, row.block.source, sentence.start, sentence.end)
        if not row.block.translated:
            return polish, None
        start, end = english_spans(row.block)[ref[1]]
        return polish, lines(row.english, row.english_content.plain, start, end)

    def scroll_to_sentence(self, ref: SentenceRef, *, animate: bool = False) -> None:
        """Scroll so sentence ``ref`` shows in both languages: the whole block if it fits, else the pair."""
        row = self.rows.get(ref[0])
        if row is None or not row.block.sentences:
            return
        height = self.scrollable_content_region.height
        if row.virtual_region.height <= height:
            self.scroll_to_widget(row, animate=animate)
            return
        polish, english = self.sentence_lines(ref)
        both = polish.union(english) if english is not None else polish
        if both.height <= height:
            self.scroll_to_region(both, animate=animate, spacing=None)
        else:  # even the pair is taller than the view: start at the Polish sentence
            self.scroll_to_region(polish, animate=animate, top=True)
