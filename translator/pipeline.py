"""One object that runs the whole job: read, parse, translate, summarise.

The CLI, the reader and batch mode all build a :class:`Pipeline` from
:class:`Settings`. Engines are created on first use and kept, so a pipeline
that translates many documents loads its model once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from translator.document import Document, Summary
from translator.errors import EmptyInput, NotPolishError, warn_stderr
from translator.models import DEFAULT_MODEL, DEFAULT_SUMMARY_MODEL

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Settings:
    """Everything a user can choose about a run."""

    model: str = DEFAULT_MODEL
    backend: str = "auto"
    device: str = "auto"
    offline: bool = False
    beam: int | None = None
    use_cache: bool = True
    summary_model: str | None = DEFAULT_SUMMARY_MODEL  # None: claims only, no abstract
    summary_backend: str = "auto"
    strict: bool = False
    threads: int | None = None
    repair: bool = True


class Pipeline:
    """Read → parse → translate → summarise, with engines loaded once and reused."""

    def __init__(self, settings: Settings | None = None, *, warn: Warn = warn_stderr) -> None:
        self.settings = settings or Settings()
        self.warn = warn
        self._translator = None
        self._summarizer = None
        self._memory = None

    # -- reading -------------------------------------------------------------
    def load(self, spec: str, *, stdin: BinaryIO | None = None) -> Document:
        """Read ``spec`` (path, ``-``, URL, saved page) and parse it into blocks and sentences."""
        from translator.inputs import read_input
        from translator.language import detect_language, warning_for
        from translator.parse import parse_document

        raw = read_input(spec, stdin=stdin, offline=self.settings.offline)
        doc = parse_document(raw.text, name=raw.name, url=raw.url, title=raw.title)
        if raw.date and not doc.source.date:
            doc = replace(doc, source=replace(doc.source, date=raw.date))
        if raw.headings:  # a web page says which blocks are headings; trust it over the guess
            headings = set(raw.headings)
            blocks = tuple(replace(b, kind="heading") if b.source in headings else b for b in doc.blocks)
            if all(b.kind == "heading" for b in blocks):  # a listing, an index or a paywall: no article
                raise EmptyInput(f"{raw.name}: no article text found on the page, only headings")
            doc = replace(doc, blocks=blocks)
        guess = detect_language(" ".join(b.source for b in doc.blocks))
        message = warning_for(guess)
        if message:
            if self.settings.strict:
                raise NotPolishError(f"{raw.name}: {message.split(';')[0]} (--strict)")
            self.warn(f"{raw.name}: {message}")
        if guess.code and not guess.is_polish:
            doc = replace(doc, source=replace(doc.source, language=guess.code))
        return doc

    # -- translating ---------------------------------------------------------
    @property
    def translator(self):
        """The :class:`translator.translate.Translator`, built on first use."""
        if self._translator is None:
            from translator.backends import DecodingOptions
            from translator.backends.factory import create_backend
            from translator.translate import Translator

            s = self.settings
            backend = create_backend(s.backend, s.model, device=s.device, offline=s.offline, threads=s.threads)
            if s.use_cache:
                from translator.cache import CachedBackend, TranslationMemory

                self._memory = TranslationMemory(warn=self.warn)
                backend = CachedBackend(backend, self._memory)
            options = DecodingOptions(beam=s.beam)
            self._translator = Translator(backend, options=options, repair=s.repair, memory=self._memory)
        return self._translator

    def translate(self, doc: Document, *, progress: Callable[[int, int], None] | None = None) -> Document:
        return self.translator.translate_document(doc, progress=progress)

    def iter_translate(
        self,
        doc: Document,
        *,
        order: Sequence[int] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> Iterator[Document]:
        """Yield ``doc`` again each time one more block is translated (``order`` first).

        ``should_stop`` is asked between batches; a yes ends the iteration early.
        """
        return self.translator.iter_translate(doc, order=order, should_stop=should_stop)

    # -- summarising ---------------------------------------------------------
    @property
    def summarizer(self):
        """The abstract summariser, or None when ``summary_model`` is None."""
        if self._summarizer is None and self.settings.summary_model:
            from translator.summarize.abstract import AbstractSummarizer

            s = self.settings
            self._summarizer = AbstractSummarizer(
                s.summary_model, backend=s.summary_backend, device=s.device, offline=s.offline, threads=s.threads
            )
        return self._summarizer

    def summarize(self, doc: Document) -> Document:
        """Add key claims (always) and an English abstract (when a summary model is set)."""
        from translator.summarize.claims import extract_claims

        claims = extract_claims(doc)
        abstract = None
        model = None
        if self.summarizer is not None and doc.translated:
            english = "\n\n".join(b.target for b in doc.blocks if b.kind == "paragraph" and b.target)
            if english.strip():
                abstract = self.summarizer.summarize(english)
                model = self.settings.summary_model
        return replace(doc, summary=Summary(claims=claims, abstract=abstract, model=model))

    def close(self) -> None:
        if self._memory is not None:
            self._memory.close()
