"""Exporting from the reader never overwrites a file silently, nor writes into a folder."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, Select
from tui_helpers import toast_texts, wait_for_summary

from translator.document import SCHEMA
from tui.factory import create_app
from tui.screens.export import ExportScreen

pytestmark = pytest.mark.anyio

WIDE = (140, 45)
KEPT = "my own notes, not to be lost\n"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """``~`` is ``tmp_path/home`` for the test, so short ``~/name`` paths can be typed key by key."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


async def open_export(pilot) -> ExportScreen:
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportScreen)
    return pilot.app.screen


async def type_path(pilot, text: str) -> None:
    """Clear the path field and type ``text`` as a reader would."""
    await pilot.press("ctrl+e", "ctrl+u", *text)
    await pilot.pause()


async def enter(pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()


def problem_line(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-problem").content)


def first_english(app) -> str:
    return app.doc.blocks[0].sentences[0].target


async def test_export_to_a_new_file_writes_it(make_pipeline, seed_path, home):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        await open_export(pilot)
        await type_path(pilot, "~/new.md")
        await enter(pilot)
        assert not isinstance(app.screen, ExportScreen)
        written = (home / "new.md").read_text(encoding="utf-8")
        assert written.startswith("# ") and "## Article" in written  # markdown, from the extension
        assert first_english(app) in written


async def test_existing_file_is_kept_until_a_second_enter(make_pipeline, seed_path, home):
    (home / "article.md").write_text(KEPT, encoding="utf-8")
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        screen = await open_export(pilot)
        await type_path(pilot, "~/article.md")
        await enter(pilot)
        assert app.screen is screen
        assert problem_line(screen) == "article.md exists: Enter again to replace it, or change the name"
        assert (home / "article.md").read_text(encoding="utf-8") == KEPT
        await enter(pilot)
        assert not isinstance(app.screen, ExportScreen)
        replaced = (home / "article.md").read_text(encoding="utf-8")
        assert KEPT not in replaced and first_english(app) in replaced
        assert [p.name for p in home.iterdir()] == ["article.md"]  # no temporary file left behind


async def test_a_different_name_after_the_warning_is_written_without_asking(make_pipeline, seed_path, home):
    (home / "old.md").write_text(KEPT, encoding="utf-8")
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        screen = await open_export(pilot)
        await type_path(pilot, "~/old.md")
        await enter(pilot)
        assert "old.md exists" in problem_line(screen)
        await type_path(pilot, "~/fresh.md")
        assert problem_line(screen) == ""  # the warning was about the other name
        await enter(pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert first_english(app) in (home / "fresh.md").read_text(encoding="utf-8")
        assert (home / "old.md").read_text(encoding="utf-8") == KEPT


async def test_changing_the_name_or_format_asks_again(make_pipeline, seed_path, home):
    (home / "old.md").write_text(KEPT, encoding="utf-8")
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        screen = await open_export(pilot)
        await type_path(pilot, "~/old.md")
        await enter(pilot)
        await type_path(pilot, "~/other.md")
        await type_path(pilot, "~/old.md")  # back to the same name: a new first Enter
        await enter(pilot)
        assert app.screen is screen and "old.md exists" in problem_line(screen)
        assert (home / "old.md").read_text(encoding="utf-8") == KEPT
        screen.query_one("#export-format", Select).value = "json"  # a different format: asked again
        await pilot.pause()
        await enter(pilot)
        assert app.screen is screen and "old.md exists" in problem_line(screen)
        assert (home / "old.md").read_text(encoding="utf-8") == KEPT
        await enter(pilot)
        assert not isinstance(app.screen, ExportScreen)
        exported = json.loads((home / "old.md").read_text(encoding="utf-8"))
        assert exported["schema"] == SCHEMA


async def test_a_folder_is_refused_and_left_alone(make_pipeline, seed_path, home):
    folder = home / "exports.md"  # even a folder whose name looks like a markdown file
    folder.mkdir()
    (home / "plain-folder").mkdir()
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        screen = await open_export(pilot)
        for typed in ("~/exports.md", "~/plain-folder/"):
            await type_path(pilot, typed)
            for _ in range(2):  # a second Enter does not write either
                await enter(pilot)
                assert app.screen is screen
                assert problem_line(screen).startswith(f"{typed} is a folder: add a file name")
        assert folder.is_dir() and list(folder.iterdir()) == []
        assert list((home / "plain-folder").iterdir()) == []
        assert screen.query_one("#export-path", Input).value == "~/plain-folder/"
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)


async def test_names_with_brackets_are_shown_as_typed(make_pipeline, seed_path, home):
    # square brackets are Textual markup; a file name is not (and "[/]" alone would not even parse)
    (home / "[b]drafts").mkdir()
    (home / "x[" / "]y").mkdir(parents=True)
    (home / "notes[red].md").write_text(KEPT, encoding="utf-8")
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE, notifications=True) as pilot:  # toasts drawn
        await wait_for_summary(pilot)
        screen = await open_export(pilot)
        for folder in ("~/[b]drafts", "~/x[/]y"):
            await type_path(pilot, folder)
            await enter(pilot)
            assert problem_line(screen).startswith(f"{folder} is a folder: add a file name")
        await type_path(pilot, "~/notes[red].md")
        await enter(pilot)
        assert app.screen is screen
        assert problem_line(screen) == "notes[red].md exists: Enter again to replace it, or change the name"
        await enter(pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert first_english(app) in (home / "notes[red].md").read_text(encoding="utf-8")

        await open_export(pilot)
        await type_path(pilot, "~/x[/]y/out.md")
        await enter(pilot)
        await pilot.pause()
        assert app.is_running and first_english(app) in (home / "x[" / "]y" / "out.md").read_text(encoding="utf-8")
        assert toast_texts(app)[-1] == f"saved to {home}/x[/]y/out.md"
