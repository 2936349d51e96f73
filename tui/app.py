"""The reader: Polish beside English, sentence by sentence, with key claims.

:class:`ReaderApp` holds the state (document, sentence cursor, search hits) and
wires keys to actions; the widgets draw, the screens ask, and three thread
workers do the slow work (load, translate, summarise) and post messages back,
so the event loop never waits for the model. Build it with
:func:`tui.factory.create_app`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from pathlib import Path, PurePath

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import Footer, Input

from translator.document import Document
from translator.pipeline import Pipeline
from tui import messages as msg
from tui.jobs import PipelineJobs, merge_translated, should_reorder
from tui.navigation import SentenceRef, next_hit, search_hits, sentence_refs, step
from tui.screens.claims import ClaimsScreen
from tui.screens.error import ErrorScreen
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.open import OpenScreen
from tui.sentence_text import PLACEHOLDER
from tui.widgets.article import ArticleView
from tui.widgets.claims import ClaimChosen, ClaimsView
from tui.widgets.search_bar import SearchBar
from tui.widgets.status_line import StatusLine, progress_text
from tui.widgets.title_bar import ColumnHeadings, TitleBar, title_of

STACK_BELOW_COLUMNS = 100  # narrower than this, Polish sits above English
REPRIORITIZE_DELAY_S = 0.3
NOT_TRANSLATED = "(not translated: see the error)"  # after scrolling stops, translate what is on screen first
KEY_NAMES = {"question_mark": "?", "slash": "/", "down": "↓", "up": "↑"}


def suggested_export_name(doc: Document) -> str:
    """``<file stem>.en.md`` for a file or URL, ``article.en.md`` for standard input."""
    stem = re.sub(r"[^\w.-]", "", PurePath((doc.source.name or "").rstrip("/")).stem)
    return f"{stem or 'article'}.en.md"


def key_label(keys: str) -> str:
    return "/".join(KEY_NAMES.get(k, k) for k in keys.split(","))


class ReaderApp(PipelineJobs, App[None]):
    CSS_PATH = "reader.tcss"
    TITLE = "pl2en"
    BINDINGS = [
        Binding("s", "toggle_claims", "Claims", tooltip="show or hide the summary and key claims"),
        Binding("slash", "search", "Search", key_display="/", tooltip="search the Polish and the English"),
        Binding("n", "next_hit", "Next hit", show=False, tooltip="go to the next search hit"),
        Binding("N", "previous_hit", "Previous hit", show=False, tooltip="go to the previous search hit"),
        Binding("o", "open", "Open", tooltip="open another file, saved page or URL"),
        Binding("e", "export", "Export", tooltip="save the document as markdown, JSON, text or HTML"),
        Binding("c", "copy_pair", "Copy", tooltip="copy the current Polish and English sentence"),
        Binding("t", "toggle_theme", "Theme", tooltip="switch between the dark and light theme"),
        Binding("question_mark", "help", "Keys", key_display="?", tooltip="show every key"),
        Binding("q", "quit", "Quit", tooltip="leave the reader"),
    ]
    EXTRA_HELP = [
        ("PgUp/PgDn", "scroll the article a page"),
        ("j/k", "in the claims list: the next / previous claim"),
        ("Enter", "in the claims list: jump to the claim's sentence"),
        ("Esc", "close a dialog, the search field or the claims screen"),
        ("ctrl+p", "command palette"),
    ]

    def __init__(self, pipeline: Pipeline, spec: str | None, *, stdin_bytes: bytes | None = None) -> None:
        super().__init__()
        self.pipeline = pipeline
        self.spec = spec if spec is not None or stdin_bytes is None else "-"
        self.stdin_bytes = stdin_bytes
        self.doc: Document | None = None
        self.cursor: SentenceRef | None = None
        self.generation = 0  # number of the document on screen; workers' messages carry it
        self.load_number = 0  # number of the latest open request
        self.finished = False
        self.failed_stage: str | None = None
        self.search_query = ""
        self.translation_order: list[int] = []
        self._pipeline_lock = threading.Lock()  # one worker at a time runs the models
        self._reprioritize_timer = None
        self._pipeline_warn = pipeline.warn

    # -- building ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        with Horizontal(id="body"):
            with Vertical(id="reading"):
                yield ColumnHeadings(id="column-headings")
                yield ArticleView(id="article")
            yield ClaimsView(id="claims-panel", waiting="key claims come when the translation is done")
        yield SearchBar(id="search")
        yield StatusLine(id="status")
        yield Footer(show_command_palette=False, compact=True)

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def stacked(self) -> bool:
        return self.article.has_class("stacked")

    def on_mount(self) -> None:
        self.pipeline.warn = self.post_warning  # Textual owns the terminal: warnings become toasts
        self.apply_width(self.size.width)
        self.article.focus()
        self.watch(self.article, "scroll_y", self.visible_changed, init=False)
        if self.spec is None:
            self.status.show_progress("press o to open an article")
        else:
            self.open_spec(self.spec, stdin_bytes=self.stdin_bytes)

    def on_unmount(self) -> None:
        self.pipeline.warn = self._pipeline_warn

    def post_warning(self, text: str) -> None:
        """The pipeline's ``warn``: thread-safe, shown as a toast."""
        self.post_message(msg.PipelineWarning(text))

    def on_resize(self, event: Resize) -> None:
        self.apply_width(event.size.width)

    def apply_width(self, width: int) -> None:
        stacked = width < STACK_BELOW_COLUMNS
        self.article.set_class(stacked, "stacked")
        self.query_one("#column-headings").display = not stacked
        if stacked and self.has_class("-show-claims"):
            self.remove_class("-show-claims")
            self.article.focus()
        if self.cursor is not None:
            self.call_after_refresh(self.article.scroll_to_sentence, self.cursor)

    # -- loading -------------------------------------------------------------
    def open_spec(self, spec: str, *, stdin_bytes: bytes | None = None) -> None:
        if spec == "-" and stdin_bytes is None:  # the terminal is ours: nothing was piped in
            self.push_screen(
                ErrorScreen("standard input is the terminal; pipe an article in: cat a.txt | pl2en read -")
            )
            return
        self.load_number += 1
        self.status.show_progress(f"reading {spec if spec != '-' else 'standard input'}…")
        self.load_document(spec, self.load_number, stdin_bytes)

    async def on_document_loaded(self, message: msg.DocumentLoaded) -> None:
        if message.generation != self.load_number:
            return
        self.generation += 1
        self.workers.cancel_group(self, "summarize")  # the previous article's summary is not wanted
        self.doc = message.document
        self.finished = False
        self.failed_stage = None
        self.search_query = ""
        refs = sentence_refs(self.doc)
        self.cursor = refs[0] if refs else None
        self.query_one(TitleBar).show(title_of(self.doc), self.doc.source.date)
        self.show_summary()
        self.article.show_untranslated(PLACEHOLDER)
        await self.article.show_document(self.doc)
        self.article.move_cursor(None, self.cursor)
        self.show_position()
        self.show_progress()
        self.call_after_refresh(self.start_translation)

    # -- translating ---------------------------------------------------------
    def start_translation(self) -> None:
        if self.doc is None:
            return
        self.translation_order = [i for i in self.article.visible_block_ids() if not self.doc.blocks[i].translated]
        self.translate_document(self.doc, self.generation, self.translation_order)

    def on_translation_progress(self, message: msg.TranslationProgress) -> None:
        if message.generation == self.generation and self.doc is not None:
            self.show_translated(merge_translated(self.doc, message.document))

    def on_translation_finished(self, message: msg.TranslationFinished) -> None:
        if message.generation != self.generation or self.doc is None:
            return
        self.show_translated(merge_translated(self.doc, message.document))
        self.finished = True
        self.show_progress()
        self.show_summary()
        self.summarize_document(self.doc, self.generation)

    def show_translated(self, doc: Document) -> None:
        self.doc = doc
        self.article.update_blocks(doc, self.cursor)
        self.show_progress()
        self.show_position()

    def visible_changed(self, _old: float = 0.0, _new: float = 0.0) -> None:
        """Scrolling: once it settles, translate the blocks now on screen first."""
        if self.finished or self.doc is None or self.failed_stage:
            return
        if self._reprioritize_timer is not None:
            self._reprioritize_timer.stop()
        self._reprioritize_timer = self.set_timer(REPRIORITIZE_DELAY_S, self.reprioritize)

    def reprioritize(self) -> None:
        if self.finished or self.failed_stage or self.doc is None:
            return
        if should_reorder(self.doc, self.translation_order, self.article.visible_block_ids()):
            self.start_translation()

    # -- summarising ---------------------------------------------------------

    def on_summary_ready(self, message: msg.SummaryReady) -> None:
        if message.generation == self.generation and self.doc is not None:
            self.doc = replace(self.doc, summary=message.document.summary)
            self.show_summary()

    def summary_waiting_text(self) -> str:
        if self.failed_stage:
            return f"no summary: the {self.failed_stage} step failed"
        if self.finished:
            return "finding the key claims…"
        return "key claims come when the translation is done"

    def show_summary(self) -> None:
        summary = self.doc.summary if self.doc else None
        waiting = self.summary_waiting_text()
        self.query_one("#claims-panel", ClaimsView).show(summary, waiting=waiting)
        for screen in self.screen_stack:  # open on a narrow terminal, perhaps under an error: it fills in too
            if isinstance(screen, ClaimsScreen):
                screen.show(summary, waiting=waiting)

    # -- failures and warnings -----------------------------------------------
    def on_work_failed(self, message: msg.WorkFailed) -> None:
        current = self.load_number if message.stage == "load" else self.generation
        if message.generation != current:
            return
        if message.stage == "load" and self.doc is not None:
            self.show_progress()  # the article on screen stays, and so does its progress
        elif message.stage == "summarize":
            pass  # the claims still come (they need no model); the modal says why there is no abstract
        else:
            self.failed_stage = message.stage
            self.status.show_progress(f"{message.stage} failed")
            self.show_summary()
            if message.stage == "translate":
                self.article.show_untranslated(NOT_TRANSLATED)
        self.push_screen(ErrorScreen(message.text, title=f"Could not {message.stage}"))

    def on_pipeline_warning(self, message: msg.PipelineWarning) -> None:
        self.notify(message.text, title="warning", severity="warning", timeout=8, markup=False)

    # -- status --------------------------------------------------------------
    def show_progress(self) -> None:
        if self.doc is None:
            return
        if self.failed_stage == "translate":
            self.status.show_progress("translate failed")
            return
        done = sum(b.translated for b in self.doc.blocks)
        finished = self.finished or (bool(self.doc.blocks) and done == len(self.doc.blocks))
        self.status.show_progress(progress_text(done, len(self.doc.blocks), finished=finished))

    def show_position(self) -> None:
        if self.doc is None or self.cursor is None:
            self.status.show_position("")
            return
        block = self.doc.blocks[self.cursor[0]]
        sentence = block.sentences[self.cursor[1]]
        bits = [f"¶{block.id + 1} sentence {sentence.id + 1}/{len(block.sentences)}"]
        if sentence.flags:
            bits.append("⚠ " + ", ".join(sentence.flags))
        if self.search_query:
            hits = search_hits(self.doc, self.search_query)
            if self.cursor in hits:
                bits.append(f"hit {hits.index(self.cursor) + 1}/{len(hits)} for {self.search_query!r}")
        self.status.show_position(" · ".join(bits))

    # -- the sentence cursor -------------------------------------------------
    def move_to(self, ref: SentenceRef | None) -> None:
        if ref is None or self.doc is None or ref not in sentence_refs(self.doc):
            return  # e.g. a claim chosen from the previous article's list
        old, self.cursor = self.cursor, ref
        self.article.move_cursor(old, ref)
        self.article.scroll_to_sentence(ref)
        self.show_position()

    def action_next_sentence(self) -> None:
        if self.doc is not None:
            self.move_to(step(self.doc, self.cursor, +1))

    def action_previous_sentence(self) -> None:
        if self.doc is not None:
            self.move_to(step(self.doc, self.cursor, -1))

    def action_first_sentence(self) -> None:
        if self.doc is not None:
            self.move_to(step(self.doc, None, +1))

    def action_last_sentence(self) -> None:
        if self.doc is not None:
            self.move_to(step(self.doc, None, -1))

    # -- claims --------------------------------------------------------------
    def action_toggle_claims(self) -> None:
        if self.stacked:
            summary = self.doc.summary if self.doc else None
            self.push_screen(ClaimsScreen(summary, waiting=self.summary_waiting_text()), self.move_to)
            return
        self.toggle_class("-show-claims")
        if self.has_class("-show-claims"):
            self.query_one("#claims-panel", ClaimsView).focus_claims()
        else:
            self.article.focus()

    @on(ClaimsView.CloseRequested)
    def close_claims(self) -> None:
        """Esc in the claims panel: hide it and go back to the article."""
        if self.has_class("-show-claims"):
            self.action_toggle_claims()

    def on_claim_chosen(self, event: ClaimChosen) -> None:
        self.move_to((event.block, event.sentence))

    # -- search --------------------------------------------------------------
    def action_search(self) -> None:
        bar = self.query_one("#search", SearchBar)
        bar.display = True
        bar.focus()

    @on(Input.Submitted, "#search")
    def run_search(self, event: Input.Submitted) -> None:
        self.close_search()
        self.search_query = event.value.strip()
        if self.doc is None or not self.search_query:
            return
        hits = search_hits(self.doc, self.search_query)
        if not hits:
            self.notify(f"no sentence contains {self.search_query!r}", severity="warning", markup=False)
            self.show_position()
            return
        self.move_to(next_hit(hits, self.cursor, include_current=True))

    @on(SearchBar.Closed)
    def close_search(self) -> None:
        self.query_one("#search", SearchBar).display = False
        self.article.focus()

    def jump_to_hit(self, *, forward: bool) -> None:
        if self.doc is None or not self.search_query:
            self.notify("press / to search first")
            return
        hits = search_hits(self.doc, self.search_query)
        if not hits:
            self.notify(f"no sentence contains {self.search_query!r}", severity="warning", markup=False)
            return
        self.move_to(next_hit(hits, self.cursor, forward=forward))

    def action_next_hit(self) -> None:
        self.jump_to_hit(forward=True)

    def action_previous_hit(self) -> None:
        self.jump_to_hit(forward=False)

    # -- open, export, copy, theme, help --------------------------------------
    def action_open(self) -> None:
        self.push_screen(OpenScreen(), self.opened)

    def opened(self, spec: str | None) -> None:
        if spec:
            self.open_spec(spec)

    def action_export(self) -> None:
        if self.doc is None:
            self.notify("nothing to export yet", severity="warning")
            return
        self.push_screen(ExportScreen(self.doc, suggested=suggested_export_name(self.doc)), self.exported)

    def exported(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"saved to {path}", markup=False)

    def action_copy_pair(self) -> None:
        if self.doc is None or self.cursor is None:
            return
        sentence = self.doc.sentence(*self.cursor)
        self.copy_to_clipboard(f"{sentence.source}\n{sentence.target or ''}".rstrip("\n"))
        self.notify("copied the Polish and English sentence")

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def key_help(self) -> list[tuple[str, str]]:
        bindings = [*ArticleView.BINDINGS, *self.BINDINGS]
        rows = [(b.key_display or key_label(b.key), b.tooltip or b.description) for b in bindings]
        return rows + self.EXTRA_HELP

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.key_help()))
