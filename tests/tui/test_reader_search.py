"""Issue 13 #16: the match is marked inside the sentence; a failed search keeps the last good one."""

from __future__ import annotations

import re

import pytest
from tui_helpers import toast_texts, wait_for_summary

from tui.factory import create_app
from tui.navigation import search_hits
from tui.sentence_text import MATCH, styled_text

pytestmark = pytest.mark.anyio


async def test_search_marks_the_match_and_a_failed_search_keeps_the_last_good_one(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await wait_for_summary(pilot)
        await pilot.press("slash", *"lukaszenk", "enter")
        hits = search_hits(app.doc, "lukaszenk")
        assert app.cursor == hits[0] and len(hits) >= 2
        row = app.article.rows[app.cursor[0]]
        assert [m.lower() for m in styled_text(row.polish_content, MATCH)] == ["łukaszenk"]
        await pilot.press("slash", *"zzzqqq", "enter")
        await pilot.pause()
        assert "no sentence contains 'zzzqqq'" in toast_texts(app)[-1]
        assert "lukaszenk" in toast_texts(app)[-1]  # says n/N still find the last search
        assert app.cursor == hits[0]
        await pilot.press("n")
        assert app.cursor == hits[1]
        row = app.article.rows[app.cursor[0]]
        assert styled_text(row.polish_content, MATCH)
        assert f"hit 2/{len(hits)}" in app.status.position
        await pilot.press("N")
        assert app.cursor == hits[0]
        # Moving away with j: the mark goes with the highlight (only the current sentence carries it).
        await pilot.press("j")
        for block_id, other in app.article.rows.items():
            if block_id != app.cursor[0]:
                assert styled_text(other.polish_content, MATCH) == []


async def test_at_sixty_columns_the_status_keeps_a_gap_and_the_hit_number(make_pipeline, seed_path):
    """A cold trial at 60×20 saw "translated 6/6¶3/6 · sentence 5/7 · ⚠ may be incomplete ·…": no gap,
    and the hit number, the answer to n/N, cut off behind the flags."""
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for_summary(pilot)
        await pilot.press("slash", *"się", "enter")
        await pilot.pause()
        hits = search_hits(app.doc, "się")

        def flagged() -> bool:
            return bool(app.doc.blocks[app.cursor[0]].sentences[app.cursor[1]].flags)

        for _ in hits:  # to a hit on a flagged sentence: the longest status line
            if flagged():
                break
            await pilot.press("n")
        assert flagged(), "the tiny model flagged none of the hits"
        await pilot.pause()
        number = hits.index(app.cursor) + 1
        status_row = app.status.region.y
        line = "".join(segment.text for segment in app.screen._compositor.render_strips()[status_row])
        assert f"hit {number}/{len(hits)}" in line
        assert re.search(re.escape(app.status.progress) + r"\s+¶", line)
