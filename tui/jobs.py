"""The slow work, in thread workers: read, load the model, translate, summarise.

:class:`PipelineJobs` is mixed into the reader app. Each job runs the pipeline in
a thread and reports back only by posting messages (``tui.messages``), so the
event loop never waits for the model. One lock lets one job at a time use the
models; a translation that has been superseded stops after its current block.
"""

from __future__ import annotations

import io
import threading
from dataclasses import replace
from typing import Any

from textual import work
from textual.worker import get_current_worker

from translator.document import Document, Summary
from translator.errors import Pl2enError
from translator.pipeline import Pipeline
from tui import messages as msg

LOADING = "loading model…"
CONVERTING = "converting model (once)…"


def merge_translated(current: Document, incoming: Document) -> Document:
    """``incoming``, keeping any block ``current`` has translated and ``incoming`` has not."""
    if len(current.blocks) != len(incoming.blocks):
        return incoming
    pairs = zip(current.blocks, incoming.blocks, strict=True)
    blocks = tuple(old if old.translated and not new.translated else new for old, new in pairs)
    return replace(incoming, blocks=blocks)


def visible_first_queue(doc: Document, order: list[int]) -> list[int]:
    """The untranslated blocks in the order a translation started with ``order`` will do them."""
    pending = [b.id for b in doc.blocks if not b.translated]
    return [i for i in order if i in pending] + [i for i in pending if i not in order]


def should_reorder(doc: Document, order: list[int], visible: list[int]) -> bool:
    """True when the untranslated blocks on screen are not the next ones the translation will do."""
    waiting = [i for i in visible if not doc.blocks[i].translated]
    return bool(waiting) and visible_first_queue(doc, order)[: len(waiting)] != waiting


def internal_error(err: Exception) -> str:
    return f"internal error: {type(err).__name__}: {err}"


def error_text(err: Exception) -> str:
    return str(err) if isinstance(err, Pl2enError) else internal_error(err)


def translation_engine(pipeline: Pipeline) -> Any:
    """The translation backend under the translation memory (built, not loaded: that is cheap)."""
    backend = pipeline.translator.backend
    return getattr(backend, "backend", backend)


def model_stage(engine: Any) -> str | None:
    """What loading ``engine`` will do: None when loaded, else "converting model (once)…" or "loading model…"."""
    if getattr(engine, "loaded", False):
        return None
    if getattr(engine, "name", "") == "ctranslate2":
        try:
            from translator.backends.conversion import conversion_dir

            if not (conversion_dir(engine.resolved, engine.compute_type) / "model.bin").is_file():
                return CONVERTING
        except (ImportError, AttributeError, Pl2enError):  # the load itself says what is wrong
            pass
    return LOADING


def claims_only(doc: Document) -> Document:
    """``doc`` with its key claims (Polish side, no model needed) and no abstract."""
    from translator.summarize import extract_claims

    return replace(doc, summary=Summary(claims=extract_claims(doc)))


class PipelineJobs:
    """Thread workers over ``self.pipeline``; results arrive as ``tui.messages``.

    Mixed into an ``App`` (which provides ``post_message``, thread-safe).
    """

    pipeline: Pipeline
    _pipeline_lock: threading.Lock
    post_message: Any

    @work(thread=True, exclusive=True, group="load")
    def load_document(self, spec: str, generation: int, stdin_bytes: bytes | None) -> None:
        stdin = io.BytesIO(stdin_bytes) if stdin_bytes is not None else None
        try:
            doc = self.pipeline.load(spec, stdin=stdin)
        except Exception as err:
            self.post_message(msg.WorkFailed(generation, "load", error_text(err)))
            return
        self.post_message(msg.DocumentLoaded(generation, doc))

    def load_model(self, generation: int) -> None:
        """Load (or convert, once) the translation model, saying so first when it takes a while."""
        engine = translation_engine(self.pipeline)
        stage = model_stage(engine)
        if stage is None:
            return
        self.post_message(msg.ModelLoading(generation, stage))
        load = getattr(engine, "load", None)
        if callable(load):
            load()
        self.post_message(msg.ModelLoading(generation, None))

    @work(thread=True, exclusive=True, group="translate")
    def translate_document(self, doc: Document, generation: int, order: list[int]) -> None:
        worker = get_current_worker()
        with self._pipeline_lock:
            if worker.is_cancelled:
                return
            latest = doc
            try:
                self.load_model(generation)
                stop = lambda: worker.is_cancelled  # noqa: E731 - asked between batches
                for latest in self.pipeline.iter_translate(doc, order=order, should_stop=stop):
                    if worker.is_cancelled:
                        return
                    done = sum(b.translated for b in latest.blocks)
                    self.post_message(msg.TranslationProgress(generation, latest, done, len(latest.blocks)))
            except Exception as err:  # an engine failure: show it in the modal, keep the reader open
                self.post_message(msg.WorkFailed(generation, "translate", error_text(err)))
                return
        if worker.is_cancelled:  # stopped early (a re-prioritised run replaces it): not finished
            return
        self.post_message(msg.TranslationFinished(generation, latest))

    @work(thread=True, exclusive=True, group="summarize")
    def summarize_document(self, doc: Document, generation: int, *, with_abstract: bool = True) -> None:
        """Key claims and (``with_abstract``) the English abstract; the claims survive a failed abstract."""
        worker = get_current_worker()
        with self._pipeline_lock:
            if worker.is_cancelled:
                return
            try:
                summarized = self.pipeline.summarize(doc) if with_abstract else claims_only(doc)
            except Exception as err:
                problem, stage = error_text(err), "abstract"
                try:  # the abstract's model failed; the claims need no model, so keep them
                    summarized = claims_only(doc)
                except Exception as claims_err:  # the claims failed too: say both, show none
                    problem, stage = f"{problem}; key claims: {error_text(claims_err)}", "summarize"
                    summarized = replace(doc, summary=Summary(claims=()))
                self.post_message(msg.WorkFailed(generation, stage, problem))
        if not worker.is_cancelled:
            self.post_message(msg.SummaryReady(generation, summarized))
