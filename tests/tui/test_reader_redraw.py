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


async def test_the_article_is_laid_out_in_the_layout_pass_that_narrows_it(make_pipeline, seed_path):
    """Opening the panel: the article's rows are stacked at the new width while Textual lays the
    screen out, so the first frame with the panel already has the article's new height (no
    second pass to find the width changed) and the sentence being read is still in view."""
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for_summary(pilot)
        await pilot.press("G")
        await pilot.pause()
        article = app.article
        relayouts: list[bool] = []
        plain = article.relayout

        def counted(width=None, *, in_layout_pass=False):
            relayouts.append(in_layout_pass)
            plain(width, in_layout_pass=in_layout_pass)

        article.relayout = counted
        for _ in range(2):  # open, then close: each width once, each in the layout pass
            await pilot.press("s")
            await pilot.pause()
            assert article.text_width == article.text_width_at(article.scrollable_content_region.width)
            assert article.virtual_size.height == article.tops[-1] + article.row_list[-1].height
            polish, _english = article.sentence_lines(app.cursor)
            assert article.scroll_y <= polish.y < article.scroll_y + article.scrollable_content_region.height
        assert relayouts == [True, True]


async def test_the_claims_are_drawn_once_per_width_not_at_every_opening(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for_summary(pilot)
        await pilot.press("s")
        await pilot.pause()
        claim_list = app.claims_panel.query_one("#claim-list")
        cache = claim_list._option_render_cache
        drawn_once = {key: cache.get(key) for key in cache.keys()}
        assert drawn_once
        await pilot.press("s", "s")
        await pilot.pause()
        again = {key: cache.get(key) for key in cache.keys()}
        assert all(again[key] is strips for key, strips in drawn_once.items() if key in again)
        assert again.keys() & drawn_once.keys()
