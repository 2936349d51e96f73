"""The slow work, in thread workers: read, translate, summarise.

:class:`PipelineJobs` is mixed into the reader app. Each job runs the pipeline in
a thread and reports back only by posting messages (``tui.messages``), so the
event loop never waits for the model. One lock lets one job at a time use the
models; a translation that has been superseded stops after its current block.
"""

from __future__ import annotations

import io
import threading
from dataclasses import replace

from textual import work
from textual.worker import get_current_worker

from translator.document import Document, Summary
from translator.errors import Pl2enError
from translator.pipeline import Pipeline
from tui import messages as msg


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


class PipelineJobs:
    """Thread workers over ``self.pipeline``; results arrive as ``tui.messages``.

    Mixed into an ``App`` (which provides ``post_message``, thread-safe).
    """

    pipeline: Pipeline
    _pipeline_lock: threading.Lock

    @work(thread=True, exclusive=True, group="load")
    def load_document(self, spec: str, generation: int, stdin_bytes: bytes | None) -> None:
        stdin = io.BytesIO(stdin_bytes) if stdin_bytes is not None else None
        try:
            doc = self.pipeline.load(spec, stdin=stdin)
        except Pl2enError as err:
            self.post_message(msg.WorkFailed(generation, "load", str(err)))
            return
        except Exception as err:
            self.post_message(msg.WorkFailed(generation, "load", internal_error(err)))
            return
        self.post_message(msg.DocumentLoaded(generation, doc))

    @work(thread=True, exclusive=True, group="translate")
    def translate_document(self, doc: Document, generation: int, order: list[int]) -> None:
        worker = get_current_worker()
        with self._pipeline_lock:
            if worker.is_cancelled:
                return
            latest = doc
            try:
                stop = lambda: worker.is_cancelled  # noqa: E731 - asked between batches
                for latest in self.pipeline.iter_translate(doc, order=order, should_stop=stop):
                    if worker.is_cancelled:
                        return
                    done = sum(b.translated for b in latest.blocks)
                    self.post_message(msg.TranslationProgress(generation, latest, done, len(latest.blocks)))
            except Pl2enError as err:
                self.post_message(msg.WorkFailed(generation, "translate", str(err)))
                return
            except Exception as err:  # an engine failure: show it in the modal, keep the reader open
                self.post_message(msg.WorkFailed(generation, "translate", internal_error(err)))
                return
        if worker.is_cancelled:  # stopped early (a re-prioritised run replaces it): not finished
            return
        self.post_message(msg.TranslationFinished(generation, latest))

    @work(thread=True, exclusive=True, group="summarize")
    def summarize_document(self, doc: Document, generation: int) -> None:
        worker = get_current_worker()
        with self._pipeline_lock:
            if worker.is_cancelled:
                return
            try:
                summarized = self.pipeline.summarize(doc)
            except Exception as err:  # the claims need no model: keep them whatever failed
                # The abstract's model failed; the claims need no model, so keep them.
                from translator.summarize import extract_claims

                message = str(err) if isinstance(err, Pl2enError) else internal_error(err)
                self.post_message(msg.WorkFailed(generation, "summarize", message))
                summarized = replace(doc, summary=Summary(claims=extract_claims(doc)))
        if not worker.is_cancelled:
            self.post_message(msg.SummaryReady(generation, summarized))
