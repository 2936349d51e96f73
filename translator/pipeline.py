"""One object that runs the whole job: read, parse, translate, summarise.

The CLI, the reader, batch mode and library users build a :class:`Pipeline` from
:class:`Settings`. Engines are created on first use and kept, so a pipeline
that translates many documents loads its model once::

    from translator import Pipeline, Settings

    with Pipeline(Settings()) as pipeline:
        print(pipeline.translate_text("Dzień dobry. Jak się masz?"))

Warnings (input not Polish, translation memory unusable) go to ``warn``; by
default that is the ``pl2en`` logger (:func:`translator.errors.log_warning`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, Protocol

from translator.document import Document, Summary
from translator.errors import NotPolishError, log_warning
from translator.models import DEFAULT_MODEL, DEFAULT_SUMMARY_MODEL

if TYPE_CHECKING:
    from translator.backends import TranslationBackend
    from translator.cache import TranslationMemory
    from translator.translate import Translator

Warn = Callable[[str], None]


class AbstractEngine(Protocol):
    """What the pipeline needs from a summariser: English text in, an English abstract out."""

    def summarize(self, text: str) -> str: ...


@dataclass(frozen=True)
class Settings:
    """Everything a user can choose about a run.

    ``summary``: :meth:`Pipeline.translate_file` adds key claims and, when ``summary_model``
    is set, an English abstract.
    """

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
    summary: bool = False


class Pipeline:
    """Read → parse → translate → summarise, with engines loaded once and reused.

    ``backend``: a ready :class:`translator.backends.TranslationBackend` to translate with instead
    of the one ``settings`` describe (embedding, tests without a model); ``summarizer`` likewise
    for abstracts. The translation memory still applies unless ``settings.use_cache`` is False.
    Use it as a context manager, or call :meth:`close`, to close the memory and drop the engines.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        backend: TranslationBackend | None = None,
        summarizer: AbstractEngine | None = None,
        warn: Warn | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.warn: Warn = warn if warn is not None else log_warning
        self._backend = backend
        self._translator: Translator | None = None
        self._summarizer = summarizer
        self._given_summarizer = summarizer
        self._memory: TranslationMemory | None = None

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- the short ways ------------------------------------------------------
    def translate_text(self, text: str) -> str:
        """Polish text in, English text out: paragraphs (blank-line separated) stay paragraphs.

        The text is parsed and split into sentences like a file; blank text gives ``""``.
        """
        from translator.parse import parse_document

        if not text.strip():
            return ""
        doc = self.translate(self.check_language(parse_document(text, name="text"), "text"))
        return "\n\n".join(block.target or "" for block in doc.blocks)

    def translate_file(self, spec: str, *, stdin: BinaryIO | None = None) -> Document:
        """Read ``spec`` (path, ``-``, URL, saved page) and translate it; summarised when ``settings.summary``."""
        doc = self.translate(self.load(spec, stdin=stdin))
        return self.summarize(doc) if self.settings.summary else doc

    # -- reading -------------------------------------------------------------
    def load(self, spec: str, *, stdin: BinaryIO | None = None) -> Document:
        """Read ``spec`` (path, ``-``, URL, saved page) and parse it into blocks and sentences."""
        from translator.inputs import read_input
        from translator.parse import parse_input

        raw = read_input(spec, stdin=stdin, offline=self.settings.offline)
        doc = parse_input(raw.text, name=raw.name, url=raw.url, title=raw.title, date=raw.date, headings=raw.headings)
        return self.check_language(doc, raw.name)

    def check_language(self, doc: Document, name: str) -> Document:
        """Warn (or under ``strict`` refuse) when ``doc`` does not look Polish; record a clear guess."""
        from translator.language import detect_language, warning_for

        guess = detect_language(" ".join(b.source for b in doc.blocks))
        if guess.reason is not None:
            if self.settings.strict:
                raise NotPolishError(f"{name}: {guess.reason} (--strict)")
            self.warn(f"{name}: {warning_for(guess)}")
        if guess.code and not guess.is_polish:
            doc = replace(doc, source=replace(doc.source, language=guess.code))
        return doc

    # -- translating ---------------------------------------------------------
    @property
    def translator(self) -> Translator:
        """The :class:`translator.translate.Translator`, built on first use."""
        if self._translator is None:
            from translator.backends import DecodingOptions
            from translator.translate import Translator

            s = self.settings
            backend = self._backend
            if backend is None:
                from translator.backends.factory import create_backend

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
    def summarizer(self) -> AbstractEngine | None:
        """The abstract summariser, or None when ``summary_model`` is None (and none was given)."""
        model = self.settings.summary_model
        if self._summarizer is None and model:
            from translator.summarize import abstract

            s = self.settings
            self._summarizer = abstract.Summarizer(
                model, backend=s.summary_backend, device=s.device, offline=s.offline, threads=s.threads
            )
        return self._summarizer

    def summarize(self, doc: Document) -> Document:
        """Add key claims (always) and an English abstract (when a summary model is set)."""
        from translator.summarize import extract_claims

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
        """Close the translation memory and let go of the engines (a later use builds them again)."""
        if self._memory is not None:
            self._memory.close()
            self._memory = None
        self._translator = None
        self._summarizer = self._given_summarizer
