"""Translate a Document sentence by sentence: chunking, batching, fidelity repair.

:class:`Translator` drives any :class:`~translator.backends.TranslationBackend`:

* a sentence over the model's input limit is cut into clause pieces
  (:func:`translator.chunking.split_long`), the pieces translated and joined with
  a space; ``Sentence.chunks`` records how many;
* pieces are sorted by token length and packed into batches whose padded size
  (longest × count) stays within ``batch_tokens``; a sentence that occurs twice
  in a document is translated once;
* each sentence's translation is checked (:func:`translator.fidelity.check_translation`);
  with ``repair`` a flagged sentence is retried once with safer decoding (and, when
  long, in smaller pieces) and the better result kept; its flags and score are recorded;
* sentences the ``memory`` holds (final translations, this model, these settings) are taken from
  it first: the engine is asked only for the rest, and a document it knows whole loads no engine.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from translator.backends import DecodingOptions, Hypothesis, TranslationBackend
from translator.chunking import split_long
from translator.document import Block, Document, Sentence, TranslationInfo
from translator.fidelity import better, check_translation

if TYPE_CHECKING:
    from translator.cache import TranslationMemory

Progress = Callable[[int, int], None]

LIMIT_MARGIN = 2  # tokens kept free below the model's input limit
STREAM_GROUP_BATCHES = 4  # after the first blocks, iter_translate works on this many batches' worth at a time
SAFE_REPETITION_PENALTY = 1.3
SAFE_NO_REPEAT_NGRAM = 3
# Part of the memory's key for whole sentences: bump it when chunking, repair or flagging change what
# a sentence's final translation would be, so translations made the old way are not reused.
SENTENCE_RECIPE = 1


@dataclass(frozen=True)
class SentenceTranslation:
    """One source sentence's translation with what the pipeline learned about it."""

    text: str
    score: float | None
    chunks: int
    flags: tuple[str, ...]

    @property
    def hypothesis(self) -> Hypothesis:
        return Hypothesis(self.text, self.score)


BLANK = SentenceTranslation("", None, 1, ())


def plan_batches(lengths: Sequence[int], batch_tokens: int, max_sentences: int) -> list[list[int]]:
    """Indices of ``lengths`` packed into batches, shortest first.

    Each batch keeps ``longest × count <= batch_tokens`` and ``count <= max_sentences``;
    an item longer than the budget on its own gets a batch to itself.
    """
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        # Sorted ascending, so the newcomer is the batch's longest item.
        if current and (lengths[i] * (len(current) + 1) > batch_tokens or len(current) >= max_sentences):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def spread_batches(batches: list[list[int]], lengths: Sequence[int], parallel: int) -> list[list[int]]:
    """``batches`` split until there are ``parallel`` of them (or one item each), so no engine replica idles.

    A short document (or the reader's first paragraph) fits in one batch, which one
    replica would decode while the others wait; decoding it as ``parallel`` smaller
    batches at once takes about the time of the largest. The batch with the most
    padded tokens is split, its items dealt out in length order so both halves
    keep a similar longest item.
    """
    batches = [list(b) for b in batches]
    while len(batches) < parallel:
        splittable = [b for b in batches if len(b) > 1]
        if not splittable:
            break
        largest = max(splittable, key=lambda b: max(lengths[i] for i in b) * len(b))
        ordered = sorted(largest, key=lambda i: (lengths[i], i))
        at = batches.index(largest)
        batches[at : at + 1] = [ordered[0::2], ordered[1::2]]
    return batches


class _Stopped(Exception):
    """Raised between batches when the caller asked the translation to stop."""


@dataclass
class Translator:
    """Translates documents (or plain strings) with one backend and one set of decoding options."""

    backend: TranslationBackend
    options: DecodingOptions = DecodingOptions()
    batch_tokens: int = 256  # padded tokens per batch: longest source in the batch × batch size (RESULTS.md)
    max_batch_sentences: int = 64
    repair: bool = True  # retry flagged sentences once with safer decoding
    max_input_tokens: int | None = None  # cap below the backend's own limit (tests, memory)
    memory: TranslationMemory | None = None  # whole sentences' final translations, asked before any engine
    _token_counts: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    # -- public API ------------------------------------------------------------
    def translate_document(
        self, doc: Document, *, progress: Progress | None = None, order: Sequence[int] | None = None
    ) -> Document:
        """``doc`` with every sentence translated; ``progress(done, total)`` after each batch."""
        result = self._start(doc)
        for snapshot in self._run(result, order, progress, streaming=False):
            result = snapshot
        return result

    def iter_translate(
        self,
        doc: Document,
        *,
        order: Sequence[int] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> Iterator[Document]:
        """Yield the updated document each time one more block is fully translated.

        Blocks whose ids are in ``order`` come first (in that order), then the rest in
        document order. The first block is translated on its own so it shows at once.
        ``should_stop`` is asked after every batch; when it says yes the iteration ends
        there (a reader that quits does not wait for the rest of a group).
        """
        return self._run(self._start(doc), order, None, streaming=True, should_stop=should_stop)

    def translate_texts(self, texts: list[str]) -> list[Hypothesis]:
        """Translations of plain strings, in order (chunked, batched and repaired like sentences)."""
        wanted = [t for t in dict.fromkeys(texts) if t.strip()]
        results = self._recall(wanted)
        results.update(self._translate_unique([t for t in wanted if t not in results], None))
        return [results[t].hypothesis if t.strip() else BLANK.hypothesis for t in texts]

    def count_tokens(self, text: str) -> int:
        """The backend's token count for ``text``, computed once per distinct text."""
        count = self._token_counts.get(text)
        if count is None:
            count = self._token_counts[text] = self.backend.count_tokens(text)
        return count

    @property
    def input_limit(self) -> int:
        """Most source tokens one piece may take."""
        limit = self.backend.max_input_tokens - LIMIT_MARGIN
        if self.max_input_tokens is not None:
            limit = min(limit, self.max_input_tokens)
        return max(limit, 2)

    @property
    def safe_options(self) -> DecodingOptions:
        return replace(
            self.options, repetition_penalty=SAFE_REPETITION_PENALTY, no_repeat_ngram_size=SAFE_NO_REPEAT_NGRAM
        )

    # -- documents -------------------------------------------------------------
    def _start(self, doc: Document) -> Document:
        self._token_counts.clear()  # counts are per document: a long-lived translator stays small
        info = TranslationInfo(
            model=self.backend.model_id,
            backend=self.backend.name,
            beam=self.options.beam or self.backend.default_beam,
        )
        return replace(doc, blocks=tuple(_with_sentences(b) for b in doc.blocks), translation=info)

    def _run(
        self,
        doc: Document,
        order: Sequence[int] | None,
        progress: Progress | None,
        *,
        streaming: bool,
        should_stop: Callable[[], bool] | None = None,
    ) -> Iterator[Document]:
        by_id = {b.id: b for b in doc.blocks}
        first = [i for i in dict.fromkeys(order or ()) if i in by_id and not by_id[i].translated]
        chosen = set(first)
        rest = [b.id for b in doc.blocks if b.id not in chosen and not b.translated]  # done blocks stay done
        total = sum(len(b.sentences) for b in doc.blocks)
        known = self._recall([s.source for i in first + rest for s in by_id[i].sentences if s.source.strip()])
        done = 0
        for group in self._groups(by_id, first, rest, streaming, known):
            sources = [s.source for i in group for s in by_id[i].sentences]
            new = [t for t in dict.fromkeys(sources) if t.strip() and t not in known]

            def report(finished: set[str], done_before: int = done, sources: list[str] = sources) -> None:
                if should_stop is not None and should_stop():
                    raise _Stopped
                if progress is not None:
                    ready = sum(1 for t in sources if t in finished or t in known or not t.strip())
                    progress(done_before + ready, total)

            if should_stop is not None and should_stop():
                return
            try:
                known.update(self._translate_unique(new, report))
            except _Stopped:
                return
            done += len(sources)
            if not new and progress is not None:
                progress(done, total)
            for block_id in group:
                doc = doc.with_block(_fill_block(by_id[block_id], known))
                yield doc

    def _groups(
        self,
        blocks: dict[int, Block],
        first: list[int],
        rest: list[int],
        streaming: bool,
        known: dict[str, SentenceTranslation],
    ) -> Iterator[list[int]]:
        """Block ids to translate together, in the order their blocks should come out."""
        if not streaming:
            yield from (g for g in (first, rest) if g)
            return
        sequence = first + rest
        if not sequence:
            return
        yield sequence[:1]
        budget = self.batch_tokens
        yield from self._fill(blocks, first[1:], budget, known)
        yield from self._fill(blocks, rest if first else rest[1:], budget * STREAM_GROUP_BATCHES, known)

    def _fill(
        self, blocks: dict[int, Block], ids: Iterable[int], budget: int, known: dict[str, SentenceTranslation]
    ) -> Iterator[list[int]]:
        group: list[int] = []
        tokens = 0
        for block_id in ids:
            sentences = blocks[block_id].sentences
            size = sum(self.count_tokens(s.source) for s in sentences if s.source.strip() and s.source not in known)
            if group and tokens + size > budget:
                yield group
                group, tokens = [], 0
            group.append(block_id)
            tokens += size
        if group:
            yield group

    # -- sentences -------------------------------------------------------------
    def _translate_unique(
        self, texts: list[str], on_batch: Callable[[set[str]], None] | None
    ) -> dict[str, SentenceTranslation]:
        """Translate distinct non-blank ``texts``; ``on_batch(finished texts)`` after each batch.

        The results go to the memory (when there is one) as each sentence's final translation.
        """
        if not texts:
            return {}
        limit = self.input_limit
        plans = {t: self._plan(t, limit) for t in texts}
        waiting: dict[str, list[str]] = {}  # piece -> texts still needing it
        remaining = {t: len(set(p)) for t, p in plans.items()}
        for t, pieces in plans.items():
            for piece in dict.fromkeys(pieces):
                waiting.setdefault(piece, []).append(t)
        finished: set[str] = set()

        def first_pass_batch(batch: list[str]) -> None:
            for piece in batch:
                for t in waiting.pop(piece, ()):
                    remaining[t] -= 1
                    if remaining[t] == 0:
                        finished.add(t)
            if on_batch is not None:
                on_batch(finished)

        translated = self._translate_pieces([p for ps in plans.values() for p in ps], self.options, first_pass_batch)
        results = {t: self._assemble(t, plans[t], translated) for t in texts}
        if self.repair:
            self._repair(results, plans, limit, lambda _batch: on_batch(finished) if on_batch else None)
        self._remember(results)
        return results

    # -- the memory of whole sentences ---------------------------------------------
    @property
    def memory_settings(self) -> str:
        """The memory key's settings part for whole sentences: what, besides the model, shapes their translation."""
        return f"sentence/{SENTENCE_RECIPE};{self.options.cache_key()};repair={self.repair};cap={self.max_input_tokens}"

    def _recall(self, texts: list[str]) -> dict[str, SentenceTranslation]:
        """The memory's final translations of ``texts`` (asks no engine; the model's identity needs no engine)."""
        if self.memory is None or not texts:
            return {}
        found = self.memory.get_sentences(self.backend.identity, self.memory_settings, texts)
        return {t: SentenceTranslation(*row) for t, row in found.items()}

    def _remember(self, results: dict[str, SentenceTranslation]) -> None:
        if self.memory is not None and results:
            items = [(t, (r.text, r.score, r.chunks, r.flags)) for t, r in results.items()]
            self.memory.put_sentences(self.backend.identity, self.memory_settings, items)

    def _plan(self, text: str, limit: int) -> list[str]:
        """The pieces ``text`` is translated in: itself, or clause pieces within ``limit``."""
        if self.count_tokens(text) <= limit:
            return [text]
        return [text[s:e] for s, e in split_long(text, self.count_tokens, limit)]

    def _translate_pieces(
        self, pieces: list[str], options: DecodingOptions, on_batch: Callable[[list[str]], None]
    ) -> dict[str, Hypothesis]:
        unique = list(dict.fromkeys(pieces))
        lengths = [self.count_tokens(p) for p in unique]
        out: dict[str, Hypothesis] = {}
        parallel = max(1, int(getattr(self.backend, "parallel_batches", 1)))
        plan = spread_batches(plan_batches(lengths, self.batch_tokens, self.max_batch_sentences), lengths, parallel)
        batches = [[unique[i] for i in b] for b in plan]

        def finish(texts: list[str], hypotheses: list[Hypothesis]) -> None:
            if len(hypotheses) != len(texts):
                raise RuntimeError(
                    f"{self.backend.name} returned {len(hypotheses)} translations for {len(texts)} texts"
                )
            out.update(zip(texts, hypotheses, strict=False))
            on_batch(texts)

        if parallel == 1 or len(batches) == 1:
            for texts in batches:
                finish(texts, self.backend.translate_batch(texts, options))
            return out
        # The engine has several replicas: keep one batch in flight per replica and
        # take the results in batch order (the engine releases the GIL while decoding).
        with ThreadPoolExecutor(max_workers=parallel) as pool:
            in_flight: deque[tuple[list[str], Future[list[Hypothesis]]]] = deque()
            for texts in batches:
                in_flight.append((texts, pool.submit(self.backend.translate_batch, texts, options)))
                if len(in_flight) >= parallel:
                    texts_done, future = in_flight.popleft()
                    finish(texts_done, future.result())
            while in_flight:
                texts_done, future = in_flight.popleft()
                finish(texts_done, future.result())
        return out

    def _assemble(self, text: str, plan: list[str], pieces: dict[str, Hypothesis]) -> SentenceTranslation:
        hypotheses = [pieces[p] for p in plan]
        joined = " ".join(h.text.strip() for h in hypotheses if h.text.strip())
        score = None
        scores = [h.score for h in hypotheses if h.score is not None]
        if len(scores) == len(hypotheses):
            weights = [self.count_tokens(p) for p in plan]
            score = sum(s * w for s, w in zip(scores, weights, strict=True)) / sum(weights)
        flags = check_translation(text, joined, source_tokens=self.count_tokens(text))
        return SentenceTranslation(joined, score, len(plan), flags)

    def _repair(
        self,
        results: dict[str, SentenceTranslation],
        plans: dict[str, list[str]],
        limit: int,
        on_batch: Callable[[list[str]], None],
    ) -> None:
        """Retry each flagged text once with safer options; keep whichever is better."""
        safe = self.safe_options
        smaller_limit = max(limit // 2, min(limit, 4))
        retries: dict[str, list[list[str]]] = {}
        for text, result in results.items():
            if not result.flags:
                continue
            candidates = [plans[text]] if safe != self.options else []
            if len(plans[text]) > 1 or self.count_tokens(text) > smaller_limit:
                smaller = self._plan(text, smaller_limit)
                if smaller != plans[text]:
                    candidates.append(smaller)
            if candidates:
                retries[text] = candidates
        if not retries:
            return
        pieces = self._translate_pieces(
            [p for plans_ in retries.values() for plan in plans_ for p in plan], safe, on_batch
        )
        for text, candidates in retries.items():
            for plan in candidates:
                candidate = self._assemble(text, plan, pieces)
                best = results[text]
                if better(candidate.hypothesis, candidate.flags, best.hypothesis, best.flags):
                    results[text] = candidate


def _with_sentences(block: Block) -> Block:
    """``block``, segmented into sentences first if the parser left it whole."""
    if block.sentences or not block.source.strip():
        return block
    from translator.segment import split_sentences

    sentences = tuple(
        Sentence(id=i, start=s, end=e, source=block.source[s:e])
        for i, (s, e) in enumerate(split_sentences(block.source))
    )
    return replace(block, sentences=sentences)


def _fill_block(block: Block, known: dict[str, SentenceTranslation]) -> Block:
    sentences = []
    for sentence in block.sentences:
        result = known[sentence.source] if sentence.source.strip() else BLANK
        sentences.append(
            replace(sentence, target=result.text, chunks=result.chunks, score=result.score, flags=result.flags)
        )
    return replace(block, sentences=tuple(sentences))
