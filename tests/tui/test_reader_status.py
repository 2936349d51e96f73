"""Issue 13 #3, #6, #7: the status line tells what the reader is doing, in plain words."""

from __future__ import annotations

import pytest
from tui_helpers import toast_texts, wait_for_summary, wait_until

from translator.document import flag_words
from tui.factory import create_app
from tui.jobs import CONVERTING, LOADING
from tui.screens.help import HelpScreen
from tui.status_text import FLAG_LEGEND, TranslationClock, position_text, progress_text
from tui.widgets.status_line import StatusLine

pytestmark = pytest.mark.anyio

WIDE = (140, 45)


@pytest.fixture
def busy_texts(monkeypatch) -> list[str]:
    """Every text the status line showed beside its spinner."""
    shown: list[str] = []
    original = StatusLine.show_busy

    def recording(self, text: str) -> None:
        shown.append(text)
        original(self, text)

    monkeypatch.setattr(StatusLine, "show_busy", recording)
    return shown


async def test_model_conversion_then_loading_then_progress_with_an_estimate(
    make_pipeline, seed_path, tmp_path, monkeypatch, busy_texts
):
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "empty-cache"))  # nothing converted yet
    pipeline = make_pipeline(gated=True, summary_model=None)
    app = create_app(pipeline, str(seed_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: pipeline.yielded >= 1, what="the first block")
        assert CONVERTING in busy_texts
        for _ in range(3):
            pipeline.release_block()
        await wait_until(pilot, lambda: pipeline.yielded >= 4, what="four blocks")
        await pilot.pause(0.2)
        total = len(app.doc.blocks)
        progress = app.status.progress
        assert progress.startswith("translating ") and f"/{total} paragraphs" in progress
        assert "left" in progress and "block" not in progress
        assert not app.status.spinning
        pipeline.gate.set()
        await wait_for_summary(pilot)
        assert app.status.progress == f"translated {total}/{total}"
    # A second reader finds the conversion done: it only loads.
    busy_texts.clear()
    again = create_app(make_pipeline(summary_model=None), str(seed_path))
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_for_summary(pilot)
    assert LOADING in busy_texts and CONVERTING not in busy_texts


def test_progress_and_position_texts():
    assert progress_text(3, 151, finished=False) == "translating 3/151 paragraphs"
    assert progress_text(3, 151, finished=False, remaining=42) == "translating 3/151 paragraphs · about 40 s left"
    assert progress_text(151, 151, finished=True) == "translated 151/151"
    clock = TranslationClock()
    clock.record(1, now=10.0)
    assert clock.remaining(1, 11, now=10.0) is None
    clock.record(3, now=14.0)
    assert clock.remaining(3, 11, now=14.0) == pytest.approx(16.0)  # 2 s a paragraph, 8 to go
    assert flag_words(("length_ratio", "repetition")) == "may be incomplete, possible loop"


async def test_flags_in_plain_words_and_explained_in_help(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        flagged = next((b.id, s.id) for b, s in app.doc.sentences if s.flags)
        app.move_to(flagged)
        await pilot.pause()
        sentence = app.doc.sentence(*flagged)
        assert app.status.position == position_text(app.doc, flagged)
        assert "⚠ " + flag_words(sentence.flags) in app.status.position and "_" not in app.status.position
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = [str(s.content) for s in app.screen.query(".help-key")]
        texts = [str(s.content) for s in app.screen.query(".help-text")]
        for mark, meaning in FLAG_LEGEND:
            assert mark in keys and meaning in texts
        for flag in sentence.flags:
            assert any(flag_words((flag,)) in mark for mark in keys)


async def test_copy_without_english_says_so(make_pipeline, seed_path):
    pipeline = make_pipeline(gated=True)
    app = create_app(pipeline, str(seed_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_until(pilot, lambda: pipeline.yielded >= 1, what="the first block")
        await pilot.pause()
        last = (len(app.doc.blocks) - 1, 0)
        assert not app.doc.blocks[last[0]].translated
        app.move_to(last)
        await pilot.press("c")
        await pilot.pause()
        sentence = app.doc.sentence(*last)
        assert app.clipboard == sentence.source
        assert "no English" in toast_texts(app)[-1] and "Polish only" in toast_texts(app)[-1]
        pipeline.gate.set()
        await wait_for_summary(pilot)
        await pilot.press("c")
        assert app.clipboard == f"{sentence.source}\n{app.doc.sentence(*last).target}"
