"""The key hints at the bottom: the keys that work where the focus is, and a click presses one."""

from __future__ import annotations

import pytest
from tui_helpers import wait_for_summary

from tui.factory import create_app
from tui.widgets.key_bar import KeyBar, hint_spans

pytestmark = pytest.mark.anyio


def shown(bar: KeyBar) -> list[str]:
    return [hint.description for hint in bar.hints]


async def test_the_bar_follows_the_focus_and_a_click_presses_the_key(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for_summary(pilot)
        bar = app.query_one(KeyBar)
        assert shown(bar)[:2] == ["Next", "Claims"] and shown(bar)[-1] == "Quit"
        assert str(bar.render()).startswith("↓/j Next s Claims / Search")

        start, end, hint = next(span for span in hint_spans(bar.hints) if span[2].description == "Claims")
        await pilot.click(KeyBar, offset=(start + (end - start) // 2, 0))
        await pilot.pause()
        assert app.claims_docked and hint.key == "s"
        assert "Next" not in shown(bar)  # the claims list has the focus: the article's keys are not shown

        start, _end, _hint = next(span for span in hint_spans(bar.hints) if span[2].description == "Claims")
        await pilot.click(KeyBar, offset=(start, 0))
        await pilot.pause()
        assert not app.claims_docked and shown(bar)[0] == "Next"

        before = app.claims_docked, app.cursor, len(app.screen_stack)
        await pilot.click(KeyBar, offset=(bar.region.width - 1, 0))  # past the last key: nothing
        await pilot.pause()
        assert (app.claims_docked, app.cursor, len(app.screen_stack)) == before


def test_spans_leave_one_space_between_keys():
    from tui.widgets.key_bar import KeyHint

    hints = [KeyHint("s", "s", "Claims", True), KeyHint("slash", "/", "Search", True), KeyHint("x", "x", "", True)]
    assert [(a, b) for a, b, _ in hint_spans(hints)] == [(0, 8), (9, 17), (18, 19)]
    wide = [KeyHint("a", "字", "", True), KeyHint("b", "b", "B", True)]  # a wide character takes two columns
    assert [(a, b) for a, b, _ in hint_spans(wide)] == [(0, 2), (3, 6)]


async def test_without_an_article_the_bar_offers_only_what_works(make_pipeline, tmp_path):
    """A cold trial: after 'not found' the bar still offered Next, Claims, Search and Export."""
    from tui_helpers import wait_for_error

    app = create_app(make_pipeline(), str(tmp_path / "missing.txt"))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for_error(pilot)
        await pilot.press("escape")
        await pilot.pause()
        bar = app.query_one(KeyBar)
        assert shown(bar) == ["Retry", "Keys", "Quit"]
        await pilot.press("s", "slash", "e")
        await pilot.pause()
        assert not app.claims_docked and len(app.screen_stack) == 1
