"""Exporting from the reader never overwrites a file silently, nor writes into a folder."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, Select
from tui_helpers import toast_texts, wait_for_summary, wait_until

from translator.document import SCHEMA, Document
from tui.factory import create_app
from tui.screens.confirm import ConfirmScreen
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


async def test_export_json_and_markdown(make_pipeline, seed_path, tmp_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        for name in ("out.json", "out.md"):
            await pilot.press("e")
            await pilot.pause()
            field = app.screen.query_one("#export-path")
            field.value = str(tmp_path / name)
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ != "ExportScreen"
        exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
        assert exported["schema"] == SCHEMA
        doc = Document.from_json((tmp_path / "out.json").read_text(encoding="utf-8"))
        assert [b.source for b in doc.blocks] == [b.source for b in app.doc.blocks]
        assert doc.blocks[0].target == app.doc.blocks[0].target
        markdown = (tmp_path / "out.md").read_text(encoding="utf-8")
        heading = next(b for b in app.doc.blocks if b.kind == "heading")
        assert heading.source.split(".")[0] in markdown
        assert app.doc.blocks[0].sentences[0].target in markdown


async def test_export_refuses_an_unknown_extension_and_stays_open(make_pipeline, seed_path, tmp_path):
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(tmp_path / "out.xyz")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportScreen"
        assert "cannot tell the format" in str(app.screen.query_one("#export-problem").content)
        assert not (tmp_path / "out.xyz").exists()
        await pilot.press("escape")
        assert type(app.screen).__name__ != "ExportScreen"


async def test_export_during_translation_says_how_much_is_missing_and_asks(make_pipeline, seed_path, home):
    """#5: not "saved to" over a file of gaps without a word."""
    pipeline = make_pipeline(gated=True)
    app = create_app(pipeline, str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: pipeline.yielded >= 1, what="the first block")
        await pilot.pause()
        missing = sum(not b.translated for b in app.doc.blocks)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#question").content)
        assert f"{missing} of {len(app.doc.blocks)} paragraphs have no English yet" in question
        await pilot.press("n")
        assert not isinstance(app.screen, (ConfirmScreen, ExportScreen))
        await pilot.press("e")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        pipeline.gate.set()
        await wait_for_summary(pilot)
        screen = await open_export(pilot)  # all translated: no question
        assert isinstance(screen, ExportScreen)


async def test_markdown_title_is_the_headline_and_saved_to_is_absolute(
    make_pipeline, seed_path, home, monkeypatch, tmp_path
):
    """#14 and #15: the H1 is the headline, not the path; the toast names the absolute path."""
    monkeypatch.chdir(tmp_path)
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await wait_for_summary(pilot)
        await open_export(pilot)
        await type_path(pilot, "wynik.md")
        await enter(pilot)
        written = tmp_path / "wynik.md"
        heading = next(b for b in app.doc.blocks if b.kind == "heading")
        first_line = written.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# {heading.target}" and str(seed_path) not in first_line
        assert toast_texts(app)[-1] == f"saved to {written.resolve()}"


async def test_enter_on_the_format_box_saves_instead_of_reopening_the_list(make_pipeline, seed_path, home):
    """#15: choose a format with the list, then Enter saves."""
    app = create_app(make_pipeline(), str(seed_path))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        screen = await open_export(pilot)
        await type_path(pilot, "~/wynik.out")
        await pilot.press("tab")
        select = screen.query_one("#export-format", Select)
        assert select.has_focus
        await pilot.press("down")  # opens the list
        await pilot.pause()
        assert select.expanded
        await pilot.press("down", "down", "enter")  # markdown, json: chosen, list closed
        await pilot.pause()
        assert select.value == "json" and not select.expanded
        await pilot.press("enter")  # saves; the list stays shut
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert json.loads((home / "wynik.out").read_text(encoding="utf-8"))["schema"] == SCHEMA


async def test_export_never_replaces_the_article_being_read(make_pipeline, seed_path, home):
    article = home / "artykul.txt"
    article.write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    polish = article.read_bytes()
    app = create_app(make_pipeline(), str(article))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_summary(pilot)
        screen = await open_export(pilot)
        await type_path(pilot, "~/artykul.txt")
        for _ in range(2):  # not even a second Enter replaces it
            await enter(pilot)
            assert app.screen is screen
            assert problem_line(screen) == "artykul.txt is the article you are reading: choose another name"
    assert article.read_bytes() == polish
