"""Issue 13 #1 and #2: paging moves the sentence cursor with the page; a resize keeps it in view."""

from __future__ import annotations

import pytest
from tui_helpers import wait_for_summary

from tui.app import ReaderApp
from tui.factory import create_app
from tui.navigation import sentence_refs

pytestmark = pytest.mark.anyio

COPIES = 5


@pytest.fixture
def long_article(tmp_path, seed_text):
    """The seed's paragraphs (without its date line) ``COPIES`` times over."""
    paragraphs = [p.strip() for p in seed_text.split("\n\n") if p.strip()]
    body = paragraphs[1:] if paragraphs[0].startswith("date ") else paragraphs
    path = tmp_path / "dlugi.txt"
    path.write_text("\n\n".join(body * COPIES) + "\n", encoding="utf-8")
    return path


def cursor_lines_in_view(app: ReaderApp) -> tuple[bool, bool]:
    """Whether the cursor sentence's Polish and English lines are all on screen."""
    top, bottom = app.article.view_lines()
    polish, english = app.article.sentence_lines(app.cursor)
    inside = lambda region: top <= region.y and region.bottom <= bottom  # noqa: E731
    return inside(polish), english is not None and inside(english)


async def test_page_keys_move_the_cursor_with_the_page(make_pipeline, long_article):
    app = create_app(make_pipeline(summary_model=None), str(long_article))
    async with app.run_test(size=(140, 30)) as pilot:
        await wait_for_summary(pilot, timeout=240)
        app.move_to((2, 0))
        await pilot.pause()
        for _ in range(2):
            before = app.cursor
            await pilot.press("pagedown")
            await pilot.pause()
            assert before < app.cursor < sentence_refs(app.doc)[-1]
            assert app.cursor == app.article.first_sentence_in_view()
            polish, _ = app.article.sentence_lines(app.cursor)
            assert app.article.view_lines()[0] <= polish.y < app.article.view_lines()[1]
            assert app.status.position.startswith(f"¶{app.cursor[0] + 1}/{len(app.doc.blocks)}")
        paged = app.cursor
        await pilot.press("j")  # the next sentence after the one on screen, not back at ¶3
        refs = sentence_refs(app.doc)
        assert app.cursor == refs[refs.index(paged) + 1]
        await pilot.press("pageup")
        await pilot.pause()
        assert app.cursor < paged and app.cursor[0] in app.article.visible_block_ids()
        await pilot.press("end")
        await pilot.pause()
        assert app.cursor == refs[-1] and app.cursor[0] in app.article.visible_block_ids()
        await pilot.press("pagedown")  # at the end already: stays on the last sentence
        assert app.cursor == refs[-1]
        await pilot.press("home")
        await pilot.pause()
        assert app.cursor == refs[0] and app.article.scroll_y == 0


@pytest.mark.parametrize(
    "sizes", [[(60, 20), (100, 30)], [(200, 60), (99, 30)], [(80, 24), (140, 45), (60, 20), (200, 60)]]
)
async def test_a_resize_keeps_the_current_sentence_in_view(make_pipeline, long_article, sizes):
    app = create_app(make_pipeline(summary_model=None), str(long_article))
    async with app.run_test(size=sizes[0]) as pilot:
        await wait_for_summary(pilot, timeout=240)
        refs = sentence_refs(app.doc)
        app.move_to(refs[len(refs) // 2 + 1])
        await pilot.pause()
        assert cursor_lines_in_view(app) == (True, True)
        for size in sizes[1:]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert cursor_lines_in_view(app) == (True, True), f"after resizing to {size}"
