"""Issue 13 #16: the match is marked inside the sentence; a failed search keeps the last good one."""

from __future__ import annotations

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
