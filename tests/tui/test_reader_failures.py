"""When something fails: the error modal, what stays readable, the claims without English, retry, warnings."""

from __future__ import annotations

import logging
import shutil

import pytest
from textual.widgets import OptionList
from tui_helpers import wait_for_error, wait_for_summary, wait_until

from translator.document import Summary
from tui.factory import create_app
from tui.navigation import sentence_refs
from tui.screens.error import ErrorScreen
from tui.screens.help import HelpScreen

pytestmark = pytest.mark.anyio

WIDE = (140, 45)


async def test_missing_input_shows_error_modal_and_app_keeps_running(make_pipeline, tmp_path):
    missing = tmp_path / "nie-ma-takiego-pliku.txt"
    app = create_app(make_pipeline(), str(missing))
    async with app.run_test(size=WIDE) as pilot:
        message = await wait_for_error(pilot)
        assert str(missing) in message and "not found" in message
        await pilot.press("escape")
        assert not isinstance(app.screen, ErrorScreen)
        assert app.is_running
        await pilot.press("question_mark")  # still answering keys
        assert isinstance(app.screen, HelpScreen)


async def test_missing_model_shows_error_and_polish_stays_readable(make_pipeline, seed_path, tmp_path):
    app = create_app(make_pipeline(model=str(tmp_path / "no-such-model")), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        message = await wait_for_error(pilot)
        assert "no-such-model" in message
        await pilot.press("enter")
        assert not isinstance(app.screen, ErrorScreen) and app.is_running
        assert app.status.progress == "translation failed · r retries"
        assert app.article.rows[0].polish_content.plain == app.doc.blocks[0].source
        assert app.article.rows[0].english_content.plain.startswith("(not translated")
        await pilot.press("j")
        assert app.cursor == sentence_refs(app.doc)[1]


async def test_hub_model_not_downloaded_names_the_pull_command(make_pipeline, seed_path):
    app = create_app(make_pipeline(model="Helsinki-NLP/opus-mt-pl-en"), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        message = await wait_for_error(pilot)
        assert "pl2en models pull Helsinki-NLP/opus-mt-pl-en" in message


async def test_missing_summary_model_still_gives_claims(make_pipeline, seed_path, tmp_path):
    app = create_app(make_pipeline(summary_model=str(tmp_path / "no-such-bart")), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(
            pilot, lambda: any("no-such-bart" in n.message for n in app._notifications), what="the abstract's toast"
        )
        assert not isinstance(app.screen, ErrorScreen)  # the claims are there: no modal over the article
        await wait_for_summary(pilot)
        assert app.doc.summary.claims and app.doc.summary.abstract is None
        assert app.status.progress.startswith("translated ")
        await pilot.press("s")
        assert app.query_one("#claim-list", OptionList).option_count >= len(app.doc.summary.claims)
        said = str(app.query_one("#abstract").content)  # where the abstract would be: why there is none
        assert said.startswith("no abstract: ") and "no-such-bart" in said


async def test_with_no_summary_model_the_panel_says_none_was_chosen(make_pipeline, seed_path):
    app = create_app(make_pipeline(summary_model=None), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert str(app.query_one("#abstract").content) == "no abstract: no summary model was chosen"


async def test_pipeline_warnings_become_toasts_and_warn_is_restored(make_pipeline, tmp_path):
    english = tmp_path / "english.txt"
    english.write_text(
        "The president did not react enthusiastically to the proposal. "
        "The Kremlin noticed the distancing and warned that the union is far more advanced.\n",
        encoding="utf-8",
    )
    pipeline = make_pipeline()
    original = pipeline.warn
    app = create_app(pipeline, str(english))
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: app.doc is not None, what="the article")
        await wait_until(pilot, lambda: any(n.severity == "warning" for n in app._notifications), what="a toast")
        toast = next(n for n in app._notifications if n.severity == "warning")
        assert "english.txt" in toast.message
        await app.workers.wait_for_complete()
    assert pipeline.warn == original


async def test_failed_translation_still_shows_polish_claims_and_retry_translates(
    make_pipeline, seed_path, tmp_path, tiny_marian
):
    """Issue 13 #4: claims without a model, a placeholder that says what to do, and a retry key."""
    model = tmp_path / "model-later"
    app = create_app(make_pipeline(model=str(model)), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        assert "model-later" in await wait_for_error(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.doc.summary is not None, what="the Polish claims")
        await pilot.pause()
        claims = app.doc.summary.claims
        assert claims and all(c.target is None for c in claims)
        assert any(c.speaker for c in claims)
        # After the error is closed the English column says what to do, not "see the error".
        placeholder = app.article.rows[0].english_content.plain
        assert "retr" in placeholder and "see the error" not in placeholder
        await pilot.press("s")
        options = app.query_one("#claim-list", OptionList)
        assert options.option_count == len(claims)
        first = str(options.get_option_at_index(0).prompt)
        assert claims[0].source in first and (claims[0].speaker or "") in first
        await pilot.press("escape")
        assert app.check_action("retry", ()) and "r" in app.active_bindings  # the footer offers r
        # The model turns up; r translates the article.
        shutil.copytree(tiny_marian, model)
        await pilot.press("r")
        await wait_for_summary(pilot)
        assert all(b.translated for b in app.doc.blocks)
        assert app.failed_stage is None and not app.check_action("retry", ())


async def test_claims_survive_a_failed_abstract_and_a_failure_of_the_claims_is_reported(
    make_pipeline, seed_path, monkeypatch
):
    """Issue 10 (tui/jobs.py): when summarising fails, the claims fallback is guarded too."""
    pipeline = make_pipeline()

    def broken_summarize(doc):
        raise RuntimeError("abstract model broke")

    def broken_claims(doc):
        raise ValueError("claims broke")

    monkeypatch.setattr(pipeline, "summarize", broken_summarize)
    monkeypatch.setattr("translator.summarize.extract_claims", broken_claims)
    app = create_app(pipeline, str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        message = await wait_for_error(pilot)
        assert "abstract model broke" in message and "claims broke" in message
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.doc.summary is not None, what="an empty summary")
        assert app.doc.summary == Summary(claims=())
        assert app.is_running


async def test_core_warnings_logged_to_pl2en_become_toasts_not_terminal_lines(make_pipeline, seed_path, capsys):
    logger = logging.getLogger("pl2en")
    before = list(logger.handlers)
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: app.doc is not None, what="the article")
        logger.warning("translation memory unusable: %s", "/tmp/x.sqlite3")
        await wait_until(
            pilot, lambda: any("memory unusable" in n.message for n in app._notifications), what="the toast"
        )
        await app.workers.wait_for_complete()
    assert "memory unusable" not in capsys.readouterr().err
    assert logger.handlers == before


async def test_a_missing_abstract_model_is_a_toast_and_the_claims_stay(make_pipeline, seed_path, monkeypatch):
    """Only the abstract failed (say, its model is not downloaded): no modal over the article."""
    pipeline = make_pipeline()

    def no_abstract(doc):
        raise RuntimeError("summary model not available")

    monkeypatch.setattr(pipeline, "summarize", no_abstract)
    app = create_app(pipeline, str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: app.doc is not None and app.doc.summary is not None, what="the claims")
        await wait_until(
            pilot, lambda: any("No English abstract" in n.message for n in app._notifications), what="the toast"
        )
        assert app.doc.summary.claims
        assert not isinstance(app.screen, ErrorScreen)
