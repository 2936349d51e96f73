"""An English abstract from a seq2seq summariser (distilbart-cnn-12-6 by default).

The engines live in ``translator.backends`` (``summary_ct2``: an int8 conversion run by
ctranslate2; ``summary_hf``: transformers), with the translator's model-limits reader,
conversion and ``auto`` choice. This module chunks and runs the rounds.

Long texts are never truncated: the text is cut into chunks on paragraph and
sentence boundaries that each fit the model's input limit, each chunk is
summarised, and the joined partial summaries are summarised again until the
whole fits in one input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from translator.backends import (
    BACKENDS,
    SummaryEngine,
    SummaryLengths,
    default_backend_name,
    install_hint,
    missing_modules,
)
from translator.backends.base import check_device
from translator.errors import BackendUnavailable, ModelError
from translator.models import DEFAULT_SUMMARY_MODEL, ModelLimits, ResolvedModel, read_model_limits, resolve_model

SUMMARY_BACKENDS = BACKENDS
TRANSLATION_MODEL_TYPES = frozenset({"marian", "fsmt", "m2m_100"})  # refused as summarisers
MAX_CHUNKS_PER_CALL = 4  # chunks summarised in one engine call: bounds the beam-search batch's memory

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’)])\s+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

CountTokens = Callable[[str], int]


def refuse_a_translation_model(model: str, model_type: str) -> None:
    """A translation model (Marian) given as summariser writes no summary, only its garbled translation: refuse it."""
    if model_type in TRANSLATION_MODEL_TYPES:
        raise ModelError(
            f"{model} is a translation model ({model_type}), not a summariser: choose a --summary-model "
            f"such as {DEFAULT_SUMMARY_MODEL}, or none for key claims alone"
        )


def refuse_a_translation_model_early(model: str) -> None:
    """:func:`refuse_a_translation_model` from the config of a model already on disk (a folder, or cached):
    before any work, with no download and no engine. Anything else is checked when the summariser loads."""
    from translator.models import find_cached, read_json

    folder = Path(model).expanduser()
    if not (folder / "config.json").is_file():
        cached = find_cached(model)
        if cached is None:
            return
        folder = cached.path
    try:
        model_type = read_json(folder / "config.json").get("model_type")
    except ModelError:
        return  # an unreadable config is reported when the summariser loads
    if isinstance(model_type, str):
        refuse_a_translation_model(model, model_type)


class InputLimitTooSmall(ModelError):
    """The summary model's input limit cannot hold the text, however it is cut."""


# -- chunking (pure) -----------------------------------------------------------


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text`` (separated by blank lines), stripped, empty ones dropped."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def split_english_sentences(text: str) -> list[str]:
    """English sentences of ``text``, split after . ! ? (and a closing quote) before whitespace."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def chunk_text(pieces: Sequence[str], count_tokens: CountTokens, limit: int, *, separator: str = " ") -> list[str]:
    """Pack consecutive ``pieces`` (paragraphs or sentences) into chunks of at most ``limit`` tokens.

    Pieces are joined with ``separator`` and never reordered. A piece over the
    limit is cut into sentences, then words, then characters, so every chunk
    fits and, whitespace aside, the chunks hold exactly the input's text.
    Raises InputLimitTooSmall when even one character does not fit.
    """
    chunks: list[str] = []
    current: str | None = None
    for raw in pieces:
        piece = raw.strip()
        if not piece:
            continue
        if current is not None:
            joined = current + separator + piece
            if count_tokens(joined) <= limit:
                current = joined
                continue
            chunks.append(current)
            current = None
        if count_tokens(piece) <= limit:
            current = piece
            continue
        parts = _split_oversized(piece, count_tokens, limit)
        chunks.extend(parts[:-1])
        current = parts[-1]
    if current is not None:
        chunks.append(current)
    return chunks


def _split_oversized(piece: str, count_tokens: CountTokens, limit: int) -> list[str]:
    """Cut one piece over the limit into chunks that fit: by sentences, words, then characters."""
    for split in (split_english_sentences, str.split):
        parts = split(piece)
        if len(parts) > 1:
            return chunk_text(parts, count_tokens, limit)
    out = []
    rest = piece
    while rest:
        low, high = 0, len(rest)  # the longest prefix that fits, by bisection
        while low < high:
            mid = (low + high + 1) // 2
            if count_tokens(rest[:mid]) <= limit:
                low = mid
            else:
                high = mid - 1
        if low == 0:
            raise InputLimitTooSmall(
                f"the summary model takes at most {limit} tokens per input, too few to hold even {rest[:1]!r} "
                "(see model_max_length in its tokenizer_config.json); choose another --summary-model"
            )
        out.append(rest[:low])
        rest = rest[low:]
    return out


# -- the summariser ----------------------------------------------------------------


class Summarizer:
    """English text in, English abstract out. Constructing one is cheap; ``load`` reads the model."""

    def __init__(
        self,
        model: str = DEFAULT_SUMMARY_MODEL,
        *,
        backend: str = "auto",
        device: str = "auto",
        offline: bool = False,
        threads: int | None = None,
        max_input_tokens: int | None = None,
        beam: int | None = None,
        forced_length: int | None = None,
    ) -> None:
        if backend not in ("auto", *SUMMARY_BACKENDS):
            raise BackendUnavailable(f"unknown summary backend {backend!r}; choose auto, {', '.join(SUMMARY_BACKENDS)}")
        self.model_id = model
        self.requested_backend = backend
        self.backend_name = backend if backend != "auto" else default_backend_name("summarization")
        self.device = check_device(device)
        self.offline = offline
        self.threads = threads
        self.max_input_tokens = max_input_tokens
        self.beam = beam
        self.forced_length = forced_length
        self.ct2_path: Path | None = None
        self._limits: ModelLimits | None = None
        self._engine: SummaryEngine | None = None

    @property
    def limits(self) -> ModelLimits:
        """Lengths and decoding defaults from the model's files (after ``load``)."""
        return self._loaded()[0]

    @property
    def input_limit(self) -> int:
        """Tokens one model input may hold (after ``load``)."""
        limit = self.limits.max_input_tokens
        return min(limit, self.max_input_tokens) if self.max_input_tokens else limit

    def load(self) -> None:
        """Resolve the model (raising ModelNotAvailable), convert it for ctranslate2 if needed, load it."""
        self._loaded()

    def _loaded(self) -> tuple[ModelLimits, SummaryEngine]:
        if self._limits is None or self._engine is None:
            self._limits, self._engine = self._open()
        return self._limits, self._engine

    def check_model(self) -> tuple[ResolvedModel, ModelLimits]:
        """The model's files and limits (no engine); a translation model is refused."""
        resolved = resolve_model(self.model_id, offline=self.offline, kind="summarization")
        limits = read_model_limits(resolved.path, task="summarization")
        refuse_a_translation_model(self.model_id, limits.model_type)
        return resolved, limits

    def _open(self) -> tuple[ModelLimits, SummaryEngine]:
        from translator.backends import conversion, summary_ct2

        resolved, limits = self.check_model()
        if self.backend_name == "ctranslate2" and limits.model_type not in summary_ct2.CT2_MODEL_TYPES:
            if self.requested_backend == "ctranslate2":
                raise BackendUnavailable(
                    f"ctranslate2 cannot run {limits.model_type or 'these'} summarisers; "
                    "choose the transformers backend"
                )
            self.backend_name = "transformers"  # auto: ct2 has no converter for this architecture
        engine: SummaryEngine
        if self.backend_name == "ctranslate2":
            if missing_modules("ctranslate2", "summarization"):
                raise BackendUnavailable(
                    f"the ctranslate2 summary backend needs: {install_hint('ctranslate2', 'summarization')}"
                )
            self.ct2_path, engine = conversion.open_healing(
                lambda: summary_ct2.convert_summarizer(resolved),
                lambda d: summary_ct2.CTranslate2SummaryEngine(d, limits, self.device, self.threads),
                resolved.model_id,
            )
        else:
            summary_ct2.require_transformers("the transformers summary backend")
            from translator.backends.summary_hf import TransformersSummaryEngine

            engine = TransformersSummaryEngine(resolved, limits, self.device, self.threads)
        return limits, engine

    def count_tokens(self, text: str) -> int:
        """Model input tokens ``text`` takes, special tokens and any task prefix included."""
        return self._loaded()[1].count_tokens(text)

    def generate(self, texts: list[str], *, cap: int | None = None) -> list[str]:
        """Summarise each of ``texts`` (each within ``input_limit``), in order.

        The engine gets at most ``MAX_CHUNKS_PER_CALL`` texts at a time, so a long
        article's many chunks never make one huge beam-search batch.

        ``cap`` bounds the output tokens (used between rounds of a long text).
        """
        limits, engine = self._loaded()
        lengths = SummaryLengths(limits.min_output_tokens, limits.max_output_tokens)
        if self.forced_length is not None:
            lengths = SummaryLengths(self.forced_length, self.forced_length)
        if cap is not None:
            lengths = SummaryLengths(min(lengths.min_tokens, cap), min(lengths.max_tokens, cap))
        beam = self.beam or limits.default_beam
        out: list[str] = []
        for start in range(0, len(texts), MAX_CHUNKS_PER_CALL):
            out.extend(engine.generate(texts[start : start + MAX_CHUNKS_PER_CALL], beam, lengths))
        return out

    def summarize(self, text: str) -> str:
        """An English abstract of ``text``; long texts are summarised in rounds, never truncated.

        Raises InputLimitTooSmall when the model's input limit cannot hold the text however it is cut.
        """
        pieces = split_paragraphs(text)
        if not pieces:
            return ""
        limit = self.input_limit
        cap = max((limit - self.count_tokens("")) // 2 - 1, 1)  # two partial summaries fit one input
        previous = None
        while True:
            joined = " ".join(pieces)
            if self.count_tokens(joined) <= limit:
                return self.generate([joined])[0]
            chunks = chunk_text(pieces, self.count_tokens, limit)
            if previous is not None and len(chunks) >= previous:  # partials re-tokenize longer than generated
                if cap == 1:
                    raise InputLimitTooSmall(
                        f"the summaries of {self.model_id} do not shrink below its input limit of {limit} tokens; "
                        "choose another --summary-model"
                    )
                cap = max(cap // 2, 1)  # tighten until two partials fit one input
            previous = len(chunks)
            pieces = [p for p in self.generate(chunks, cap=cap) if p]
            if not pieces:
                return ""
