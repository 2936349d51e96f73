"""The reader keeps the reader's place while English fills in above it.

A long article (the seed's paragraphs many times over) is translated one block at
a time through the gated pipeline; blocks above the current sentence change
height as their English arrives, and the current sentence must stay on screen.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from tui_helpers import wait_until

from tui.app import ReaderApp
from tui.factory import create_app
from tui.navigation import sentence_refs

pytestmark = pytest.mark.anyio

SIZE = (140, 40)
COPIES = 40


@pytest.fixture
def long_article(tmp_path, seed_text):
    """The seed's paragraphs (without its date line) repeated ``COPIES`` times."""
    paragraphs = [p.strip() for p in seed_text.split("\n\n") if p.strip()]
    body = paragraphs[1:] if paragraphs[0].startswith("date ") else paragraphs
    path = tmp_path / "dlugi-artykul.txt"
    path.write_text("\n\n".join(body * COPIES) + "\n", encoding="utf-8")
    return path


def translated_count(app: ReaderApp) -> int:
    return sum(b.translated for b in app.doc.blocks) if app.doc else 0


async def release_one_block(pilot: Pilot, app: ReaderApp, pipeline) -> None:
    """Let the translation go on to the next block and wait until the reader shows it."""
    before = translated_count(app)
    pipeline.release_block()
    await wait_until(pilot, lambda: translated_count(app) > before, what="one more English block")
    await pilot.pause()
    await pilot.pause()


def row_on_screen(app: ReaderApp, block_id: int) -> tuple[int, int, int, int]:
    """(row top, row bottom, view top, view bottom) in the article's virtual coordinates."""
    row = app.article.rows[block_id].virtual_region
    top = round(app.article.scroll_offset.y)
    return row.y, row.bottom, top, top + app.article.scrollable_content_region.height


def assert_row_visible(app: ReaderApp, block_id: int) -> None:
    row_top, row_bottom, view_top, view_bottom = row_on_screen(app, block_id)
    assert row_top < view_bottom and row_bottom > view_top, (
        f"¶{block_id + 1} at rows {row_top}-{row_bottom}, view shows {view_top}-{view_bottom}"
    )
    # The same, as drawn: the row's number is on one of the lines the article draws.
    drawn = [app.article.render_line(y).text for y in range(app.article.scrollable_content_region.height)]
    assert any(line.lstrip().startswith(f"¶{block_id + 1} ") for line in drawn)


async def test_current_sentence_stays_in_view_while_blocks_above_fill_in(make_pipeline, long_article):
    pipeline = make_pipeline(gated=True)
    app = create_app(pipeline, str(long_article))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: translated_count(app) >= 1, what="the first English block")
        doc = app.doc
        assert len(doc.blocks) >= 200
        await pilot.press("G")
        await pilot.pause()
        last = sentence_refs(doc)[-1]
        assert app.cursor == last
        last_block = last[0]
        assert_row_visible(app, last_block)
        # Blocks above the cursor fill in one by one (the ones on screen first, then from the top).
        shifted = 0
        place = row_on_screen(app, last_block)[0] - row_on_screen(app, last_block)[2]
        for _ in range(14):
            heights_before = sum(row.virtual_region.height for row in app.article.rows.values())
            await release_one_block(pilot, app, pipeline)
            heights_after = sum(row.virtual_region.height for row in app.article.rows.values())
            shifted += heights_after - heights_before
            assert app.cursor == last
            assert_row_visible(app, last_block)
            row_top, _, view_top, _ = row_on_screen(app, last_block)
            assert row_top - view_top == place, "the current row should stay where it was on screen"
        assert shifted > 0, "English taller than its placeholder should have grown rows above the cursor"
        assert app.status.position.startswith(f"¶{last_block + 1}/{len(doc.blocks)} · sentence {last[1] + 1}/")
        await pilot.press("q")
        pipeline.gate.set()  # the held block completes; the quit reader asks for no more


async def test_a_reader_scrolled_away_from_the_cursor_keeps_what_they_look_at(make_pipeline, long_article):
    pipeline = make_pipeline(gated=True)
    app = create_app(pipeline, str(long_article))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: translated_count(app) >= 1, what="the first English block")
        await pilot.press("G")
        await pilot.pause()
        last_block = app.cursor[0]
        await pilot.press("pageup", "pageup", "pageup", "pageup")  # scroll, leaving the cursor below
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        top_id = app.article.visible_block_ids()[0]
        assert last_block not in app.article.visible_block_ids()
        place = row_on_screen(app, top_id)[0] - row_on_screen(app, top_id)[2]
        shifted_above = 0
        for _ in range(10):
            above_before = app.article.rows[top_id].virtual_region.y
            await release_one_block(pilot, app, pipeline)
            shifted_above += app.article.rows[top_id].virtual_region.y - above_before
            row_top, _, view_top, _ = row_on_screen(app, top_id)
            assert row_top - view_top == place, "the row the user scrolled to should stay put"
            assert last_block not in app.article.visible_block_ids(), "the view should not be pulled to the cursor"
        assert shifted_above > 0, "rows above the view should have grown"
        await pilot.press("q")
        pipeline.gate.set()
