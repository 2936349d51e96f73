"""j/k move through the key claims, docked beside the article and as a screen when narrow."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList
from tui_helpers import row_highlights, wait_for_summary

from tui.factory import create_app
from tui.screens.claims import ClaimsScreen

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(("size", "docked"), [((140, 45), True), ((80, 24), False)], ids=["docked", "narrow-screen"])
async def test_j_and_k_move_through_the_claims_and_enter_jumps(make_pipeline, seed_path, size, docked):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=size) as pilot:
        await wait_for_summary(pilot)
        claims = app.doc.summary.claims
        assert len(claims) >= 2
        second = (claims[1].block, claims[1].sentence)
        assert second != (claims[0].block, claims[0].sentence) and second != app.cursor
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen) is not docked
        options = app.screen.query_one("#claim-list", OptionList)
        assert options.has_focus and options.highlighted == 0

        await pilot.press("j")
        assert options.highlighted == 1
        assert claims[1].target in str(options.get_option_at_index(options.highlighted).prompt)
        await pilot.press("k")
        assert options.highlighted == 0
        before = app.cursor

        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.cursor == second != before
        assert not isinstance(app.screen, ClaimsScreen)
        polish, _ = row_highlights(app, claims[1].block)
        assert polish == [claims[1].source]
