"""The reader: Polish beside English, sentence by sentence, with key claims.

:class:`ReaderApp` composes the screen and wires the workers' messages to it;
the mixins beneath it act on the reader's state (``tui.reader_base``): the
cursor (``tui.movement``), search (``tui.search_actions``), the claims panel
(``tui.claims_actions``), files (``tui.file_actions``). Three thread workers
(``tui.jobs``) do the slow work and post messages back, so the event loop never
waits for the model. Build it with :func:`tui.factory.create_app`.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.timer import Timer

from translator.document import Document
from translator.pipeline import Pipeline
from tui import messages as msg
from tui.file_actions import FileActions
from tui.jobs import PipelineJobs, merge_translated, should_reorder
from tui.log_bridge import WarningBridge
from tui.navigation import sentence_refs
from tui.screens.error import ErrorScreen
from tui.screens.help import HelpScreen
from tui.sentence_text import PLACEHOLDER
from tui.status_text import FLAG_LEGEND
from tui.theme import DARK, LIGHT, reader_themes
from tui.widgets.article import ArticleView
from tui.widgets.claims import ClaimsView
from tui.widgets.key_bar import KeyBar
from tui.widgets.search_bar import SearchBar
from tui.widgets.status_line import StatusLine
from tui.widgets.title_bar import ColumnHeadings, TitleBar, headline_of

STACK_BELOW_COLUMNS = 100  # narrower than this, Polish sits above English
REPRIORITIZE_DELAY_S = 0.3  # after scrolling stops, translate what is on screen first
NOT_TRANSLATED = "(not translated: r retries)"
NEEDS_AN_ARTICLE = frozenset(
    {"toggle_claims", "search", "next_hit", "previous_hit", "export", "copy_pair"}
    | {"next_sentence", "previous_sentence", "page", "first_sentence", "last_sentence"}
)
KEY_NAMES = {"question_mark": "?", "slash": "/", "down": "↓", "up": "↑"}


def key_label(keys: str) -> str:
    return "/".join(KEY_NAMES.get(k, k) for k in keys.split(","))


class ReaderApp(PipelineJobs, FileActions):
    CSS_PATH = "reader.tcss"
    TITLE = "pl2en"
    BINDINGS = [
        Binding("s", "toggle_claims", "Claims", tooltip="show or hide the summary and key claims"),
        Binding("slash", "search", "Search", key_display="/", tooltip="search the Polish and the English"),
        Binding("n", "next_hit", "Next hit", show=False, tooltip="go to the next search hit"),
        Binding("N", "previous_hit", "Previous hit", show=False, tooltip="go to the previous search hit"),
        Binding("r", "retry", "Retry", tooltip="try the failed step again (after an error)"),
        Binding("o", "open", "Open", show=False, tooltip="open another file, saved page or URL"),
        Binding("e", "export", "Export", tooltip="save the document as markdown, JSON, text or HTML"),
        Binding("c", "copy_pair", "Copy", show=False, tooltip="copy the current Polish and English sentence"),
        Binding("t", "toggle_theme", "Theme", show=False, tooltip="switch between the dark and light theme"),
        Binding("question_mark", "help", "Keys", key_display="?", tooltip="show every key"),
        Binding("q", "quit", "Quit", tooltip="leave the reader"),
    ]
    EXTRA_HELP = [
        ("j/k", "in the claims list: the next / previous claim"),
        ("Enter", "in the claims list: jump to the claim's sentence"),
        ("Esc", "close a dialog, the search field or the claims"),
        ("ctrl+p", "command palette"),
    ]

    def __init__(self, pipeline: Pipeline, spec: str | None, *, stdin_bytes: bytes | None = None) -> None:
        super().__init__()
        self.pipeline = pipeline
        self.spec = spec if spec is not None or stdin_bytes is None else "-"
        self.stdin_bytes = stdin_bytes
        self.translation_order: list[int] = []
        self._pipeline_lock = threading.Lock()  # one worker at a time runs the models
        self._reprioritize_timer: Timer | None = None
        self._pipeline_warn = pipeline.warn
        self.warning_bridge = WarningBridge(self.post_warning)
        for theme in reader_themes():
            self.register_theme(theme)
        self.theme = DARK

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
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.pipeline.warn = self.post_warning  # Textual owns the terminal: warnings become toasts
        self.warning_bridge.attach()
        self.apply_width(self.size.width)
        self.article.focus()
        self.watch(self.article, "scroll_y", self.visible_changed, init=False)
        if self.spec is None:
            self.status.show_progress("press o to open an article")
        else:
            self.open_spec(self.spec, stdin_bytes=self.stdin_bytes)

    def on_unmount(self) -> None:
        self.pipeline.warn = self._pipeline_warn
        self.warning_bridge.detach()

    def post_warning(self, text: str) -> None:
        """The pipeline's ``warn``: thread-safe, shown as a toast."""
        self.post_message(msg.PipelineWarning(text))

    def on_resize(self, event: Resize) -> None:
        self.apply_width(event.size.width)

    def apply_width(self, width: int) -> None:
        stacked = width < STACK_BELOW_COLUMNS
        self.article.set_stacked(stacked)
        self.query_one("#column-headings").display = not stacked
        self.hide_claims_if_too_narrow(width)

    # -- loading -------------------------------------------------------------
    def open_spec(self, spec: str, *, stdin_bytes: bytes | None = None) -> None:
        if spec == "-" and stdin_bytes is None:  # the terminal is ours: nothing was piped in
            self.push_screen(
                ErrorScreen("standard input is the terminal; pipe an article in: cat a.txt | pl2en read -")
            )
            return
        self.load_number += 1
        self.status.show_busy(f"reading {spec if spec != '-' else 'standard input'}…")
        self.load_document(spec, self.load_number, stdin_bytes)

    async def on_document_loaded(self, message: msg.DocumentLoaded) -> None:
        if not self.status_ready():  # a worker's late news after the reader closed
            return
        if message.generation != self.load_number:
            return
        self.generation += 1
        self.workers.cancel_group(self, "summarize")  # the previous article's summary is not wanted
        self.doc = message.document
        self.finished = False
        self.failed_stage = None
        self.abstract_problem = None
        self.search_query = ""
        self.clock.reset()
        refs = sentence_refs(self.doc)
        self.cursor = refs[0] if refs else None
        self.show_headline()
        self.show_summary()
        self.article.show_untranslated(PLACEHOLDER)
        await self.article.show_document(self.doc)
        self.article.move_cursor(self.cursor, query="")
        self.show_position()
        self.show_progress()
        self.refresh_bindings()
        self.start_translation()  # now: the rows are laid out, and the model need not wait for a frame

    def show_headline(self) -> None:
        if self.doc is not None:
            self.query_one(TitleBar).show(headline_of(self.doc), self.doc.source.date)

    # -- translating ---------------------------------------------------------
    def start_translation(self) -> None:
        if self.doc is None:
            return
        self.translation_order = [i for i in self.article.visible_block_ids() if not self.doc.blocks[i].translated]
        self.translate_document(self.doc, self.generation, self.translation_order)

    def on_model_loading(self, message: msg.ModelLoading) -> None:
        if not self.status_ready():  # a worker's late news after the reader closed
            return
        if message.generation == self.generation:
            self.model_stage = message.stage
            self.show_progress()

    def on_translation_progress(self, message: msg.TranslationProgress) -> None:
        if not self.status_ready():  # a worker's late news after the reader closed
            return
        if message.generation == self.generation and self.doc is not None:
            self.model_stage = None
            self.clock.record(message.done)
            self.show_translated(merge_translated(self.doc, message.document))

    def on_translation_finished(self, message: msg.TranslationFinished) -> None:
        if not self.status_ready():  # a worker's late news after the reader closed
            return
        if message.generation != self.generation or self.doc is None:
            return
        self.show_translated(merge_translated(self.doc, message.document))
        self.finished = True
        self.show_progress()
        self.show_summary()
        self.summarize_document(self.doc, self.generation)

    def show_translated(self, doc: Document) -> None:
        self.doc = doc
        self.article.update_blocks(doc)
        self.show_progress()
        self.show_position()
        self.show_headline()

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
        if not self.status_ready():  # a worker's late news after the reader closed
            return
        if message.generation == self.generation and self.doc is not None:
            self.doc = replace(self.doc, summary=message.document.summary)
            self.show_summary()

    # -- failures, retry and warnings ----------------------------------------
    def on_work_failed(self, message: msg.WorkFailed) -> None:
        if not self.status_ready():  # a worker's late news after the reader closed
            return
        current = self.load_number if message.stage == "load" else self.generation
        if message.generation != current:
            return
        if message.stage == "load":
            if self.doc is None:
                self.failed_stage = "load"
                self.status.show_progress("could not read the article · r retries · o opens another")
            else:
                self.show_progress()  # the article on screen stays, and so does its progress
        elif message.stage == "translate":
            self.failed_stage = "translate"
            self.model_stage = None
            self.show_progress()
            self.article.show_untranslated(NOT_TRANSLATED)
            self.show_summary()
            if self.doc is not None:  # the claims need no model: find them on the Polish side
                self.summarize_document(self.doc, self.generation, with_abstract=False)
        self.refresh_bindings()
        if message.stage == "abstract":  # the claims are there; only the English abstract is missing
            self.abstract_problem = message.text
            self.show_summary()
            self.notify(f"No English abstract: {message.text}", severity="warning", timeout=10, markup=False)
            return
        self.push_screen(ErrorScreen(message.text, title=f"Could not {message.stage}"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return self.failed_stage is not None  # the footer offers r only after a failure
        if action in NEEDS_AN_ARTICLE:
            return self.doc is not None  # no article (none given, or it could not be read): not offered
        return True

    def action_retry(self) -> None:
        if self.failed_stage == "load":
            self.failed_stage = None
            self.refresh_bindings()
            if self.spec is not None:
                self.open_spec(self.spec, stdin_bytes=self.stdin_bytes)
        elif self.failed_stage == "translate" and self.doc is not None:
            self.failed_stage = None
            self.refresh_bindings()
            self.clock.reset()
            self.article.show_untranslated(PLACEHOLDER)
            self.show_progress()
            self.start_translation()

    def on_pipeline_warning(self, message: msg.PipelineWarning) -> None:
        self.notify(message.text, title="warning", severity="warning", timeout=8, markup=False)

    # -- theme, help ---------------------------------------------------------
    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def key_help(self) -> list[tuple[str, str]]:
        bindings = [b for b in [*ArticleView.BINDINGS, *self.BINDINGS] if isinstance(b, Binding)]
        rows = [(b.key_display or key_label(b.key), b.tooltip or b.description) for b in bindings]
        return rows + self.EXTRA_HELP

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.key_help(), legend=FLAG_LEGEND))
