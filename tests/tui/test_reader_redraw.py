"""Opening the claims panel or the search bar does not draw the article again from scratch:
its drawn lines are kept per width and across focus changes; a theme change redraws them."""

from __future__ import annotations

import pytest
from tui_helpers import wait_for_summary

from tui.factory import create_app

pytestmark = pytest.mark.anyio


def drawn(app) -> dict[int, dict[int, object]]:
    """Width -> block id -> its drawn lines (the list objects themselves, held so they stay distinct)."""
    return {w: dict(rows) for w, rows in app.article.strips_by_width.items()}


def same(a: dict[int, object], b: dict[int, object]) -> bool:
    return a.keys() == b.keys() and all(a[k] is b[k] for k in a)


async def test_panel_and_search_keep_the_drawn_lines_and_a_theme_change_redraws(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for_summary(pilot)
        await pilot.pause()
        wide = app.article.text_width
        before = drawn(app)[wide]
        assert before
        await pilot.press("s")
        await pilot.pause()
        narrow = app.article.text_width
        assert app.claims_docked and narrow < wide
        beside_panel = drawn(app)[narrow]
        await pilot.press("s", "slash")
        await pilot.pause()
        assert app.focused is app.query_one("#search")
        await pilot.press("escape", "s")
        await pilot.pause()
        after = drawn(app)
        assert same(after[wide], before) and same(after[narrow], beside_panel)  # the same lines: none drawn again
        await pilot.press("t")
        await pilot.pause()
        assert app.claims_docked and app.article.text_width == narrow
        redrawn = drawn(app)[narrow]
        assert redrawn and not any(lines is old for lines in redrawn.values() for old in beside_panel.values())
