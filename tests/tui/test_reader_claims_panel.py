"""Issue 13 #8–#11: each claim with its English, Polish and speaker; rules between claims; a panel
that never squeezes the text and opens without re-laying out a long article."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList
from tui_helpers import wait_for_summary

import tui.widgets.block_row as block_row
from tui.claims_actions import DOCK_CLAIMS_FROM
from tui.factory import create_app
from tui.screens.claims import ClaimsScreen
from tui.widgets.block_row import column_widths
from tui.widgets.claims import claim_prompt

pytestmark = pytest.mark.anyio


async def test_each_claim_shows_english_polish_and_speaker_with_rules_after_end(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(150, 45)) as pilot:  # the list scrolls: its scrollbar must not eat a rule
        await wait_for_summary(pilot)
        await pilot.press("G", "pagedown")  # the first s after End / PgDn drew one rule for five claims
        await pilot.press("s")
        await pilot.pause()
        claims = app.doc.summary.claims
        options = app.query_one("#claim-list", OptionList)
        assert options.option_count == len(claims) >= 2
        for i, claim in enumerate(claims):
            lines = str(options.get_option_at_index(i).prompt).split("\n")
            assert lines[0].startswith(f"¶{claim.block + 1}")
            if claim.speaker:
                assert (claim.speaker_en or claim.speaker) in lines[0]
            assert lines[1] == claim.target and lines[2] == claim.source  # English, the Polish under it
        # Draw the whole list, a screenful at a time: a rule between each claim and the next.
        height, total = options.size.height, options.virtual_size.height
        assert total > height, "the list should scroll at this size"
        drawn: dict[int, str] = {}
        for top in range(0, total, height):
            options.scroll_to(y=top, animate=False, immediate=True)
            for y in range(height):
                drawn.setdefault(round(options.scroll_y) + y, options.render_line(y).text)
        rules = [y for y, text in drawn.items() if set(text.strip()) == {"─"}]
        assert len(rules) == len(claims) - 1


def test_a_claim_without_english_shows_its_polish_and_speaker():
    from translator.document import Claim

    claim = Claim(block=2, sentence=0, source="Kreml ostrzegł.", speaker="Kreml")
    assert str(claim_prompt(claim)).split("\n") == ["¶3 · Kreml", "Kreml ostrzegł."]


@pytest.mark.parametrize("width", [100, 120])
async def test_claims_never_squeeze_the_text_columns(make_pipeline, seed_path, width):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(width, 30)) as pilot:
        await wait_for_summary(pilot)
        before = app.article.size.width
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ClaimsScreen)  # over the article, not beside it
        assert app.article.size.width == before
        await pilot.press("escape")
        assert not isinstance(app.screen, ClaimsScreen)


async def test_docked_claims_leave_readable_columns(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(DOCK_CLAIMS_FROM, 30)) as pilot:
        await wait_for_summary(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert app.claims_docked
        polish, english = column_widths(app.article.text_width, stacked=False)
        assert min(polish, english) >= 40


async def test_opening_claims_and_search_does_not_rebuild_a_long_article(
    make_pipeline, tmp_path, seed_text, monkeypatch
):
    """#11: 150 paragraphs. Opening the search bar re-wraps nothing; the docked panel re-wraps each row once."""
    paragraphs = [p.strip() for p in seed_text.split("\n\n") if p.strip()][1:]
    article = tmp_path / "long.txt"
    article.write_text("\n\n".join((paragraphs * 40)[:150]) + "\n", encoding="utf-8")
    app = create_app(make_pipeline(summary_model=None), str(article))
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for_summary(pilot, timeout=300)
        rows = list(app.article.rows.values())
        assert len(rows) == 150
        wraps: list[int] = []
        original = block_row.wrap_spans
        monkeypatch.setattr(block_row, "wrap_spans", lambda text, width: wraps.append(width) or original(text, width))
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert wraps == []  # the rows keep their layout: only the view's height changed
        await pilot.press("s")
        await pilot.pause()
        assert app.claims_docked
        assert len(wraps) <= 2 * len(rows)  # each row's two columns, once, at the new width
        wraps.clear()
        await pilot.press("s")
        await pilot.pause()
        assert wraps == []  # back to the width it had: remembered
        assert list(app.article.rows.values()) == rows  # the same widgets throughout
