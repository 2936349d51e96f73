"""One heading or paragraph of the article: its number, its Polish and its English.

A :class:`BlockRow` is not a widget: the article (one scrolling widget) asks each
row for its lines. A row lays out its own two columns (side by side, or Polish
above English when ``stacked``), wrapping with :func:`tui.text_wrap.wrap_spans`,
so it knows exactly on which of its lines each sentence falls. No widget per
paragraph means nothing to restyle or re-arrange per paragraph when focus moves
or a panel opens, on a 150-paragraph article as on a short one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from textual.content import Content
from textual.geometry import Region

from translator.document import Block
from tui.sentence_text import PLACEHOLDER, english_content, english_plain, english_spans, polish_content
from tui.text_wrap import line_at, wrap_spans

NUMBER_WIDTH = 5  # "¶151 "
GAP = 2  # between the Polish and the English column
STACK_MARK = "▎ "  # before each English line when stacked
NUMBER_STYLE = "$reader-muted"
STACK_MARK_STYLE = "$reader-muted"


@dataclass(frozen=True)
class RowLayout:
    """Where the row's text goes at one width: wrapped spans of each column, and their widths."""

    polish: list[tuple[int, int]]
    english: list[tuple[int, int]]
    polish_width: int
    english_width: int
    stacked: bool

    @cached_property
    def height(self) -> int:
        if self.stacked:
            return len(self.polish) + len(self.english)
        return max(len(self.polish), len(self.english))

    def english_top(self) -> int:
        """The row line of the English column's first line."""
        return len(self.polish) if self.stacked else 0


def column_widths(width: int, stacked: bool) -> tuple[int, int]:
    text = max(width - NUMBER_WIDTH, 2)
    if stacked:
        return text, max(text - len(STACK_MARK), 1)
    polish = max((text - GAP) // 2, 1)
    return polish, max(text - GAP - polish, 1)


class BlockRow:
    """One block's text; :meth:`show` changes its block, highlighted sentence or search mark.

    ``on_change(row, layout)`` tells the article that the row must be drawn again
    (``layout``: and measured again, its height may have changed).
    """

    def __init__(
        self,
        block: Block,
        *,
        placeholder: str = PLACEHOLDER,
        stacked: bool = False,
        on_change: Callable[[BlockRow, bool], None] | None = None,
    ) -> None:
        self.block = block
        self.on_change = on_change
        self.top = 0  # the row's first line in the article (set by the article's layout)
        self.width = 0  # the width it was last laid out at
        self.placeholder = placeholder
        self.stacked = stacked
        self.current: int | None = None
        self.query_text = ""
        self._layouts: dict[tuple[int, bool], RowLayout] = {}
        self._contents: tuple[Content, Content] | None = None

    # -- what is drawn ---------------------------------------------------------
    @property
    def polish_content(self) -> Content:
        return self.contents()[0]

    @property
    def english_content(self) -> Content:
        return self.contents()[1]

    def contents(self) -> tuple[Content, Content]:
        if self._contents is None:
            query = self.query_text
            self._contents = (
                polish_content(self.block, self.current, query=query),
                english_content(self.block, self.current, placeholder=self.placeholder, query=query),
            )
        return self._contents

    def show(self, block: Block | None = None, *, current: int | None = None, query: str | None = None) -> None:
        """Show ``block`` (default: the one already shown) with sentence ``current`` highlighted."""
        resized = block is not None and block != self.block
        if block is not None:
            self.block = block
        self.current = current
        if query is not None:
            self.query_text = query
        self.changed(layout=resized)

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.changed(layout=not self.block.translated)

    def set_stacked(self, stacked: bool) -> None:
        if stacked != self.stacked:
            self.stacked = stacked
            self.changed(layout=True)

    def changed(self, *, layout: bool) -> None:
        self._contents = None
        if layout:
            self._layouts.clear()
        if self.on_change is not None:
            self.on_change(self, layout)

    @property
    def height(self) -> int:
        return self.row_layout().height

    @property
    def virtual_region(self) -> Region:
        """Where the row sits in the article (virtual coordinates), at the width last laid out."""
        return Region(0, self.top, self.width, self.height)

    # -- layout ----------------------------------------------------------------
    def row_layout(self, width: int | None = None) -> RowLayout:
        width = self.width if width is None else width
        key = (width, self.stacked)
        layout = self._layouts.get(key)
        if layout is None:
            polish_width, english_width = column_widths(width, self.stacked)
            english_text = english_plain(self.block) if self.block.translated else self.placeholder
            layout = RowLayout(
                wrap_spans(self.block.source, polish_width),
                wrap_spans(english_text, english_width),
                polish_width,
                english_width,
                self.stacked,
            )
            self._layouts[key] = layout
        return layout

    def sentence_rows(self, sentence_id: int) -> tuple[tuple[int, int], tuple[int, int] | None]:
        """Row lines (first, last) of sentence ``sentence_id``: Polish, and English once translated."""
        layout = self.row_layout()
        sentence = self.block.sentences[sentence_id]
        polish = (line_at(layout.polish, sentence.start), line_at(layout.polish, max(sentence.end - 1, sentence.start)))
        if not self.block.translated:
            return polish, None
        start, end = english_spans(self.block)[sentence_id]
        top = layout.english_top()
        english = (top + line_at(layout.english, start), top + line_at(layout.english, max(end - 1, start)))
        return polish, english

    def render(self) -> Content:
        """The row's lines at its width, each exactly as wide as it should be drawn."""
        layout = self.row_layout()
        polish, english = self.contents()
        polish_lines = [polish[start:end] for start, end in layout.polish]
        english_lines = [english[start:end] for start, end in layout.english]
        number = Content.styled(f"¶{self.block.id + 1}".rjust(NUMBER_WIDTH - 1) + " ", NUMBER_STYLE)
        blank = Content(" " * NUMBER_WIDTH)
        lines: list[Content] = []
        if layout.stacked:
            mark = Content.styled(STACK_MARK, STACK_MARK_STYLE)
            body = polish_lines + [mark + line for line in english_lines]
            lines = [(number if i == 0 else blank) + line for i, line in enumerate(body)]
        else:
            gap = " " * GAP
            for i in range(layout.height):
                left = polish_lines[i] if i < len(polish_lines) else Content("")
                right = english_lines[i] if i < len(english_lines) else Content("")
                left = left.pad_right(max(layout.polish_width - left.cell_length, 0))
                lines.append((number if i == 0 else blank) + left + gap + right)
        return Content("\n").join(lines)
