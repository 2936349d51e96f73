"""The reader driven through Textual's pilot, on the real pipeline with the tiny Marian model."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList
from tui_helpers import row_highlights, toast_texts, wait_for_error, wait_for_summary, wait_until

from translator.document import Summary, flag_words
from tui.app import ReaderApp
from tui.factory import create_app
from tui.messages import PipelineWarning
from tui.navigation import search_hits, sentence_refs
from tui.screens.help import HelpScreen
from tui.sentence_text import PLACEHOLDER
from tui.widgets.claims import ClaimsView
from tui.widgets.title_bar import TitleBar

pytestmark = pytest.mark.anyio

WIDE = (140, 45)


async def test_polish_shows_before_english_and_english_fills_in(make_pipeline, seed_path):
    pipeline = make_pipeline(gated=True)
    app = create_app(pipeline, str(seed_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(
            pilot,
            lambda: app.doc is not None and any(b.translated for b in app.doc.blocks),
            what="the first English block",
        )
        await pilot.pause()
        doc = app.doc
        # Every Polish paragraph is on screen already; exactly one English block is done.
        assert [row.polish_content.plain for row in app.article.rows.values()] == [b.source for b in doc.blocks]
        done = [b.id for b in doc.blocks if b.translated]
        assert len(done) == 1
        assert app.status.progress.startswith(f"translating 1/{len(doc.blocks)} paragraphs")
        assert "block" not in app.status.progress
        for block in doc.blocks:
            english = app.article.rows[block.id].english_content.plain
            if block.translated:
                assert english.startswith(block.sentences[0].target)
            else:
                assert english == PLACEHOLDER
        # What was on screen went first, and the last block (off screen at 80x24) did not.
        first_order = pipeline.orders[0]
        assert first_order and first_order[0] == 0 and len(doc.blocks) - 1 not in first_order
        assert done == [first_order[0]]
        # The interface answers while the model is held back.
        await pilot.press("j")
        assert app.cursor == sentence_refs(doc)[1]

        pipeline.gate.set()
        await wait_until(pilot, lambda: app.finished, what="the translation to finish")
        await pilot.pause()
        total = len(app.doc.blocks)
        assert app.status.progress == f"translated {total}/{total}"
        assert all(b.translated for b in app.doc.blocks)
        for block in app.doc.blocks:
            assert PLACEHOLDER not in app.article.rows[block.id].english_content.plain


async def test_scrolling_during_translation_puts_visible_blocks_first(make_pipeline, seed_path):
    pipeline = make_pipeline(gated=True)
    app = create_app(pipeline, str(seed_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: len(pipeline.orders) == 1 and app.doc is not None, what="translation start")
        last = len(app.doc.blocks) - 1
        await pilot.press("G")  # the last sentence: scrolls to the end of the article
        await pilot.pause(0.5)
        assert last in app.article.visible_block_ids()
        pipeline.gate.set()
        await wait_until(pilot, lambda: app.finished, what="the translation to finish")
        # The run was restarted with the blocks now on screen (the end of the article) first.
        assert len(pipeline.orders) >= 2
        assert last in pipeline.orders[1] and 0 not in pipeline.orders[1]


async def test_sentence_cursor_highlights_the_pair(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        refs = sentence_refs(app.doc)
        assert app.cursor == refs[0]
        seen = []
        for key, expected in [("down", 1), ("j", 2), ("j", 3), ("j", 4), ("up", 3), ("k", 2)]:
            await pilot.press(key)
            assert app.cursor == refs[expected], key
            block_id, sentence_id = app.cursor
            sentence = app.doc.sentence(block_id, sentence_id)
            polish, english = row_highlights(app, block_id)
            assert polish == [sentence.source]
            assert english == [sentence.target]
            seen.append(app.cursor)
            # Only the current block carries a highlight.
            for other in app.article.rows:
                if other != block_id:
                    assert row_highlights(app, other) == ([], [])
        assert refs[4][0] != refs[0][0], "the walk should cross into the next block"
        block = app.doc.blocks[app.cursor[0]]
        expected = f"¶{block.id + 1}/{len(app.doc.blocks)} · sentence {app.cursor[1] + 1}/{len(block.sentences)}"
        assert app.status.position.startswith(expected)


async def test_flagged_sentence_shows_marker_and_flag_names(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        flagged = [(b.id, s.id) for b, s in app.doc.sentences if s.flags]
        clean = [(b.id, s.id) for b, s in app.doc.sentences if not s.flags]
        assert flagged, "random weights always give some suspicious translation"
        app.move_to(flagged[0])
        await pilot.pause()
        sentence = app.doc.sentence(*flagged[0])
        assert "⚠ " + flag_words(sentence.flags) in app.status.position
        assert not any(flag in app.status.position for flag in sentence.flags)  # no internal names
        english = app.article.rows[flagged[0][0]].english_content.plain
        assert sentence.target + " ⚠" in english
        if clean:
            app.move_to(clean[0])
            await pilot.pause()
            assert "⚠" not in app.status.position


async def test_claim_jump_moves_cursor_to_its_sentence(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        claims = app.doc.summary.claims
        assert len(claims) >= 2 and claims[-1].block != claims[0].block
        await pilot.press("s")
        panel = app.query_one("#claims-panel")
        assert panel.display
        options = app.query_one("#claim-list", OptionList)
        assert options.has_focus and options.option_count == len(claims)
        for i, claim in enumerate(claims):
            prompt = str(options.get_option_at_index(i).prompt)
            assert prompt.startswith(f"¶{claim.block + 1}") and (claim.speaker or "") in prompt
        await pilot.press("end", "enter")
        target = claims[-1]
        assert app.cursor == (target.block, target.sentence)
        polish, english = row_highlights(app, target.block)
        sentence = app.doc.sentence(target.block, target.sentence)
        assert polish == [target.source] == [sentence.source]
        assert english == [sentence.target]
        assert target.block in app.article.visible_block_ids()
        await pilot.press("escape")  # Esc in the panel hides it, back to the article
        assert not panel.display and app.article.has_focus
        await pilot.press("s")
        assert panel.display
        await pilot.press("s")
        assert not panel.display


async def test_claims_panel_shows_abstract_from_summary_model(make_pipeline, seed_path, tiny_bart):
    app = create_app(make_pipeline(summary_model=str(tiny_bart)), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        abstract = app.doc.summary.abstract
        assert abstract
        await pilot.press("s")
        shown = app.query_one("#abstract").content
        assert str(shown) == abstract


async def test_narrow_claims_open_as_a_screen_and_jump(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_summary(pilot)
        claim = app.doc.summary.claims[0]
        await pilot.press("s")
        assert type(app.screen).__name__ == "ClaimsScreen"
        await pilot.press("escape")
        assert type(app.screen).__name__ != "ClaimsScreen"
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ != "ClaimsScreen"
        assert app.cursor == (claim.block, claim.sentence)


async def test_narrow_claims_opened_early_fill_in_when_they_arrive(make_pipeline, seed_path):
    pipeline = make_pipeline(gated=True)
    app = create_app(pipeline, str(seed_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.doc is not None and any(b.translated for b in app.doc.blocks))
        await pilot.press("s")
        assert type(app.screen).__name__ == "ClaimsScreen"
        view = app.screen.query_one("#claims-screen-view")
        assert "come when the translation is done" in str(view.query_one("#abstract").content)
        assert view.query_one("#claim-list", OptionList).option_count == 0

        pipeline.gate.set()
        await wait_for_summary(pilot)
        assert type(app.screen).__name__ == "ClaimsScreen"  # still open, now filled in
        claims = app.doc.summary.claims
        assert claims
        options = view.query_one("#claim-list", OptionList)
        assert options.option_count == len(claims)
        assert claims[0].target in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.cursor == (claims[0].block, claims[0].sentence)


async def test_narrow_claims_fill_in_beneath_the_error_of_a_failed_abstract(make_pipeline, seed_path, tmp_path):
    pipeline = make_pipeline(summary_model=str(tmp_path / "no-such-bart"), gated=True)
    app = create_app(pipeline, str(seed_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.doc is not None and any(b.translated for b in app.doc.blocks))
        await pilot.press("s")
        claims_screen = app.screen
        assert type(claims_screen).__name__ == "ClaimsScreen"

        pipeline.gate.set()  # the abstract's model fails: a toast says so, and the claims fill in beneath it
        await wait_until(
            pilot, lambda: any("no-such-bart" in n.message for n in app._notifications), what="the abstract's toast"
        )
        await wait_for_summary(pilot)
        await pilot.pause()
        assert app.screen is claims_screen
        options = claims_screen.query_one("#claim-list", OptionList)
        assert options.option_count == len(app.doc.summary.claims) > 0
        assert "finding the key claims" not in str(claims_screen.query_one("#abstract").content)


async def test_search_finds_polish_and_cycles(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        await pilot.press("slash")
        assert app.query_one("#search").has_focus
        await pilot.press(*"lukaszenk", "enter")  # no diacritics typed: still finds Łukaszenk…
        hits = search_hits(app.doc, "lukaszenk")
        assert len([ref for ref in hits if "Łukaszenk" in app.doc.sentence(*ref).source]) >= 2
        assert app.cursor == hits[0]
        assert "Łukaszenk" in app.doc.sentence(*app.cursor).source
        assert f"hit 1/{len(hits)}" in app.status.position
        assert not app.query_one("#search").display and app.article.has_focus
        await pilot.press("n")
        assert app.cursor == hits[1]
        await pilot.press("N")
        assert app.cursor == hits[0]
        await pilot.press("N")  # wraps to the last hit
        assert app.cursor == hits[-1]
        await pilot.press("slash", "x", "escape")  # Esc closes the field without searching
        assert not app.query_one("#search").display and app.article.has_focus
        assert app.cursor == hits[-1]


async def test_searches_and_warnings_with_brackets_are_shown_as_written(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE, notifications=True) as pilot:  # toasts drawn
        await wait_for_summary(pilot)
        await pilot.press("slash", *"[/]", "enter")
        await pilot.pause()
        assert app.is_running
        assert toast_texts(app)[-1] == "no sentence contains '[/]'"
        app.post_message(PipelineWarning("cannot use /tmp/x[/]y/memory.sqlite3"))
        await pilot.pause()
        assert app.is_running
        assert toast_texts(app)[-1] == "warning\ncannot use /tmp/x[/]y/memory.sqlite3"


async def test_titles_and_abstracts_with_brackets_are_shown_as_written(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        app.query_one(TitleBar).show("[WIDEO] Kazachstan [/] Rosja", "2023-06")
        app.query_one("#claims-panel", ClaimsView).show(Summary(abstract="[b]Kazakhstan[/b] keeps [/] its distance"))
        await pilot.pause()
        assert str(app.query_one("#title").content) == "[WIDEO] Kazachstan [/] Rosja"
        assert str(app.query_one("#abstract").content) == "[b]Kazakhstan[/b] keeps [/] its distance"
        assert app.is_running


async def test_stacks_below_100_columns_and_follows_resize(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_summary(pilot)
        row = app.article.rows[1]
        assert app.article.has_class("stacked") and row.stacked
        polish, english = row.sentence_rows(0)
        assert english[0] > polish[1]  # English under its Polish
        drawn = row.render().plain.splitlines()
        assert drawn[english[0]].lstrip().startswith("¶") or "▎" in drawn[english[0]]
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        assert not app.article.has_class("stacked") and not row.stacked
        polish, english = row.sentence_rows(0)
        assert english[0] == polish[0] == 0  # side by side, on the same line
        first_line = row.render().plain.splitlines()[0]
        assert first_line.index(row.block.sentences[0].target[:10]) > first_line.index(row.block.source[:10])


async def test_theme_toggle_copy_and_help(make_pipeline, seed_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        start = app.theme
        await pilot.press("t")
        assert app.theme != start and app.theme in ("pl2en-light", "pl2en-dark")
        await pilot.press("t")
        assert app.theme == start

        await pilot.press("j")
        sentence = app.doc.sentence(*app.cursor)
        await pilot.press("c")
        assert app.clipboard == f"{sentence.source}\n{sentence.target}"

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = " ".join(str(s.content) for s in app.screen.query(".help-text"))
        for binding in [*ReaderApp.BINDINGS, *type(app.article).BINDINGS]:
            assert binding.tooltip and binding.tooltip in listed
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_open_another_article_and_stdin(make_pipeline, seed_path, tmp_path):
    other = tmp_path / "inny.txt"
    other.write_text(
        "Prezydent Kazachstanu odcina się od Łukaszenki.\n\nKreml zauważył odcięcie się Kazachstanu.\n",
        encoding="utf-8",
    )
    pipeline = make_pipeline()
    app = create_app(pipeline, None, stdin_bytes=seed_path.read_bytes())
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        assert [b.source for b in app.doc.blocks] == [b.source for b in pipeline.load(str(seed_path)).blocks]
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#open-input").value = str(other)
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: app.doc is not None and len(app.doc.blocks) == 2 and app.finished, what="the second article"
        )
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#open-input").value = str(tmp_path / "missing.txt")
        await pilot.press("enter")
        assert "missing.txt" in await wait_for_error(pilot)
        await pilot.press("escape")
        assert len(app.doc.blocks) == 2 and app.status.progress == "translated 2/2"
        assert "inny.txt" in str(app.query_one("#title").content)
        assert app.cursor == (0, 0)
        assert [row.polish_content.plain for row in app.article.rows.values()] == [b.source for b in app.doc.blocks]
        await app.workers.wait_for_complete()


async def test_quit_while_translating_stops_after_the_current_block(make_pipeline, seed_path):
    pipeline = make_pipeline(gated=True)
    app = create_app(pipeline, str(seed_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(
            pilot, lambda: app.doc is not None and any(b.translated for b in app.doc.blocks), what="the first block"
        )
        total = len(app.doc.blocks)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
        pipeline.gate.set()  # the block in progress completes; nothing after it is started
    assert app.return_code == 0
    assert pipeline.stopped.wait(timeout=30)
    assert pipeline.yielded < total
