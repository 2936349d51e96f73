"""Issue 13 #12–#14: contrast in both themes, a small terminal, and the headline in the title bar."""

from __future__ import annotations

import pytest
from tui_helpers import wait_for_summary, wait_until

from tui.factory import create_app
from tui.screens.help import HelpScreen
from tui.sentence_text import HEADING, HIGHLIGHT, PLACEHOLDER_STYLE
from tui.theme import DARK, LIGHT, contrast_ratio
from tui.widgets.key_bar import KeyBar, hint_spans

pytestmark = pytest.mark.anyio

AA = 4.5


@pytest.mark.parametrize("theme", [DARK, LIGHT])
async def test_text_highlight_and_headings_meet_wcag_aa(make_pipeline, theme):
    app = create_app(make_pipeline(), None)
    async with app.run_test(size=(80, 24)):
        app.theme = theme
        colours = app.get_css_variables()
        background = colours["reader-background"]
        assert contrast_ratio(colours["reader-text"], background) >= AA
        assert contrast_ratio(colours["reader-highlight-fg"], colours["reader-highlight-bg"]) >= AA
        assert contrast_ratio(colours["reader-match-fg"], colours["reader-match-bg"]) >= AA
        assert contrast_ratio(colours["reader-heading"], background) >= AA
        assert contrast_ratio(colours["reader-flag"], background) >= AA
        # The placeholder is muted: readable, yet clearly quieter than the text.
        muted = contrast_ratio(colours["reader-muted"], background)
        assert 3.0 <= muted < contrast_ratio(colours["reader-text"], background) - 2
        # Headings are coloured text; the highlight is a background: they never look alike.
        assert " on " not in HEADING and " on " in HIGHLIGHT and "bold" not in HIGHLIGHT
        assert colours["reader-heading"] != colours["reader-highlight-bg"]
        assert "$reader-muted" in PLACEHOLDER_STYLE


def test_contrast_ratio_is_wcag():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


async def test_small_terminal_fits_footer_and_help(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for_summary(pilot)
        bar = app.query_one(KeyBar)
        spans = hint_spans(bar.hints)
        assert bar.region.width == 60 and spans and spans[-1][1] <= 60  # every key whole on the line
        labels = str(bar.render())
        assert "? Keys" in labels and labels.endswith("q Quit")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        hint = app.screen.query_one(".dialog-hint")
        assert hint.region.height == 1 and hint.region.bottom <= 20  # "Esc closes" on screen
        keys_column = [w.region for w in app.screen.query(".help-key")]
        texts = [w.region for w in app.screen.query(".help-text")]
        # Each description wraps inside its own column, right of the keys (never back to the left edge).
        assert all(text.x == key.right for key, text in zip(keys_column, texts, strict=True) if text.height)
        assert any(text.height > 1 for text in texts)


async def test_title_bar_shows_the_headline(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_until(pilot, lambda: app.doc is not None, what="the article")
        await pilot.pause()
        heading = next(b for b in app.doc.blocks if b.kind == "heading")
        title = str(app.query_one("#title").content)
        assert title == heading.source and seed_path.name not in title
        await app.workers.wait_for_complete()
