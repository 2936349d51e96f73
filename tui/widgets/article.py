"""The article: one scrolling widget that draws a :class:`BlockRow` per block.

:class:`ArticleView` is a line-by-line ``ScrollView``: it stacks the rows (a blank
line between them), draws only the lines on screen, moves the sentence
highlight, keeps the sentence being read in view (while English fills in above
it, and on a resize), pages with the sentence cursor, and says which blocks are
on screen. A long article is one widget, so opening a panel or moving focus
costs the same at 150 paragraphs as at 6.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager

from rich.style import Style
from textual.binding import Binding
from textual.events import Resize
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from translator.document import Document
from tui.navigation import SentenceRef
from tui.sentence_text import PLACEHOLDER
from tui.widgets.block_row import BlockRow

KEPT_WIDTHS = 2  # the article with and without the claims panel beside it


class ArticleView(ScrollView, can_focus=True):
    """The scrolling list of block rows; owns the sentence-cursor keys."""

    BINDINGS = [
        Binding(
            "down,j",
            "app.next_sentence",
            "Next",
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
        Binding(
            "pagedown",
            "app.page(1)",
            "Page down",
            key_display="PgDn",
            show=False,
            tooltip="a page down; the highlight comes along",
        ),
        Binding(
            "pageup",
            "app.page(-1)",
            "Page up",
            key_display="PgUp",
            show=False,
            tooltip="a page up; the highlight comes along",
        ),
        Binding(
            "home,g",
            "app.first_sentence",
            "First sentence",
            key_display="Home/g",
            show=False,
            tooltip="go to the first sentence",
        ),
        Binding(
            "end,G",
            "app.last_sentence",
            "Last sentence",
            key_display="End/G",
            show=False,
            tooltip="go to the last sentence",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: dict[int, BlockRow] = {}
        self.row_list: list[BlockRow] = []
        self.placeholder = PLACEHOLDER
        self.stacked = False
        self.cursor: SentenceRef | None = None
        self.query_text = ""
        self.text_width = 0  # the width the rows are laid out at
        self.tops: list[int] = []  # each row's first line, in document order
        # Drawn rows, per width (width -> block id -> its lines): the claims panel docking and
        # undocking switches between two widths, and each keeps its lines.
        self.strips_by_width: dict[int, dict[int, list[Strip]]] = {}
        self.style_key: object = None  # what the drawn lines were drawn with (theme and style)
        self.layout_stale = True
        self.frame: tuple[int, Style] = (0, Style())  # this frame's width and background (set by render_lines)

    async def show_document(self, doc: Document) -> None:
        """Replace the rows with ``doc``'s blocks (Polish at once, English as it comes)."""
        self.cursor = None
        self.query_text = ""
        self.rows = {
            block.id: BlockRow(block, placeholder=self.placeholder, stacked=self.stacked, on_change=self.row_changed)
            for block in doc.blocks
        }
        self.row_list = list(self.rows.values())
        self.relayout()
        self.scroll_to(y=0, animate=False, immediate=True)

    # -- layout and drawing ----------------------------------------------------
    @property
    def strips(self) -> dict[int, list[Strip]]:
        """The drawn rows at the current width (the lines of the last two widths are kept)."""
        if self.text_width not in self.strips_by_width:
            while len(self.strips_by_width) >= KEPT_WIDTHS:
                del self.strips_by_width[next(iter(self.strips_by_width))]
            self.strips_by_width[self.text_width] = {}
        return self.strips_by_width[self.text_width]

    def row_changed(self, row: BlockRow, layout: bool) -> None:
        for strips in self.strips_by_width.values():
            strips.pop(row.block.id, None)
        if layout:
            self.layout_stale = True
            self.call_later(self.relayout_if_stale)
        self.refresh()

    def relayout_if_stale(self) -> None:
        if self.layout_stale:
            self.relayout()

    def relayout(self, width: int | None = None, *, in_layout_pass: bool = False) -> None:
        """Stack the rows at ``width`` (the current one by default): each row's top, and the article's height.

        ``in_layout_pass``: called while Textual lays the screen out; the new height is set
        without asking for another layout pass (the one under way takes it).
        """
        self.layout_stale = False
        if width is None:
            width = self.text_width_at(self.scrollable_content_region.width)
        if width <= 0:
            self.layout_stale = True
            return
        self.text_width = width
        top = 0
        self.tops = []
        for row in self.row_list:
            row.width = width
            row.top = top
            self.tops.append(top)
            top += row.height + 1
        height = Size(width, max(top - 1, 0))
        if in_layout_pass:
            self.set_reactive(ArticleView.virtual_size, height)
        else:
            self.virtual_size = height
        self.refresh()

    @staticmethod
    def text_width_at(content_width: int) -> int:
        return content_width - 1  # a column of air before the scrollbar

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """A new size, during Textual's layout pass: lay the rows out at the new width now.

        Done here rather than when the next frame finds the width changed, the article's new
        height goes into the layout pass under way: opening the claims panel (which narrows the
        article) costs one layout pass and one frame, not three.
        """
        scrollbar = self.styles.scrollbar_size_vertical if self.styles.scrollbar_gutter == "stable" else 0
        width = self.text_width_at(size.width - self.styles.gutter.width - scrollbar)
        rewrap = bool(self.row_list) and width > 0 and width != self.text_width
        if rewrap:
            self.relayout(width, in_layout_pass=True)
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if rewrap:
            self.scroll_to_cursor()
        return resized

    def row_strips(self, row: BlockRow) -> list[Strip]:
        style_key = (self.app.theme, self.visual_style)
        if style_key != self.style_key:  # the theme changed (not just focus): draw again with its colours
            self.style_key = style_key
            self.strips_by_width.clear()
        strips = self.strips.get(row.block.id)
        if strips is None:
            content = row.render()
            strips = Visual.to_strips(self, content, self.text_width, row.height, self.visual_style, pad=True)
            self.strips[row.block.id] = strips
        return strips

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines in ``crop``: the width and the background style are looked up once per frame, not per line."""
        width = self.scrollable_content_region.width
        if self.text_width_at(width) != self.text_width:  # resized since the last layout
            self.relayout()
        self.frame = (width, self.rich_style)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width, style = self.frame
        line = round(self.scroll_y) + y
        index = bisect_right(self.tops, line) - 1
        if index >= 0:
            row = self.row_list[index]
            offset = line - row.top
            if offset < row.height:
                strip = self.row_strips(row)[offset]
                return strip.extend_cell_length(width, style).crop(0, width)
        return Strip.blank(width, style)

    def set_stacked(self, stacked: bool) -> None:
        self.stacked = stacked
        self.set_class(stacked, "stacked")
        for row in self.rows.values():
            row.set_stacked(stacked)
        self.relayout_if_stale()

    def show_untranslated(self, text: str) -> None:
        """What untranslated blocks say in the English column (``…translating``, or why not)."""
        self.placeholder = text
        changed = [row for row in self.row_list if row.placeholder != text]
        with self.place_kept(changed):
            for row in changed:
                row.set_placeholder(text)

    def update_blocks(self, doc: Document) -> None:
        """Show the blocks of ``doc`` that changed since they were last shown, keeping the reader's place."""
        changed = [block for block in doc.blocks if block.id in self.rows and self.rows[block.id].block != block]
        cursor = self.cursor
        with self.place_kept([self.rows[block.id] for block in changed]):
            for block in changed:
                self.rows[block.id].show(block, current=cursor[1] if cursor and cursor[0] == block.id else None)

    # -- keeping the place while rows above change height ----------------------
    @contextmanager
    def place_kept(self, changing: list[BlockRow]) -> Iterator[None]:
        """While ``changing`` rows get new text: hold the place of the row being read.

        The anchor is the cursor's row when it is on screen, else the top row on
        screen (the user scrolled away from the cursor: keep what they look at).
        After the change the rows are stacked again and the view scrolls by however
        far the anchor moved, on top of any scrolling under way.
        """
        anchor = self.anchor_for(changing)
        before = anchor.top if anchor is not None else 0
        yield
        if not changing:
            return
        self.relayout()
        shift = anchor.top - before if anchor is not None else 0
        if not shift:
            return
        if self.app.animator.is_being_animated(self, "scroll_y"):  # mid-scroll: finish it from the new place
            target = self.scroll_target_y + shift
            self.scroll_to(y=self.scroll_y + shift, animate=False, immediate=True)
            self.scroll_to(y=target)
        else:
            self.scroll_to(y=self.scroll_y + shift, animate=False, immediate=True)

    def anchor_for(self, changing: list[BlockRow]) -> BlockRow | None:
        visible = self.visible_block_ids()
        if not changing or not visible:
            return None
        cursor = self.cursor
        anchor_id = cursor[0] if cursor is not None and cursor[0] in visible else visible[0]
        if not any(row.block.id < anchor_id for row in changing):
            return None  # only rows at or below the anchor change: nothing above it moves
        return self.rows[anchor_id]

    # -- keeping the cursor in view on a resize --------------------------------
    def on_resize(self, event: Resize) -> None:
        """New width, new wrapping: once laid out, lay the rows out again and bring the sentence back."""
        self.call_after_refresh(self.follow_resize)

    def follow_resize(self) -> None:
        if self.text_width_at(self.scrollable_content_region.width) != self.text_width:  # not laid out yet
            self.relayout()
        self.scroll_to_cursor()

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

    def page(self, direction: int) -> bool:
        """Scroll a page down (1) or up (-1) at once; False when already at that end."""
        before = self.scroll_y
        target = before + direction * self.scrollable_content_region.height
        self.scroll_to(y=max(0, min(target, self.max_scroll_y)), animate=False, immediate=True)
        return self.scroll_y != before

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
