"""An English abstract from a seq2seq summariser (distilbart-cnn-12-6 by default).

Two engines run the same model: ``transformers`` (PyTorch) and ``ctranslate2``
(int8, converted once into the pl2en cache and reused). Running a converted
model needs only ``ctranslate2`` and ``tokenizers``; torch and transformers are
imported for the conversion alone.

Long texts are never truncated: the text is cut into chunks on paragraph and
sentence boundaries that each fit the model's input limit, each chunk is
summarised, and the joined partial summaries are summarised again until the
whole fits in one input.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from translator.backends.base import (
    check_device,
    damaged_model_error,
    pick_device,
    unreadable_model_errors,
)
from translator.backends.conversion import (
    check_model_files,
    convert_once,
    converter_failure,
    is_write_error,
    run_transformers_converter,
)
from translator.backends.ct2 import missing_cuda_library, open_translator
from translator.errors import BackendUnavailable
from translator.models import (
    CT2_METADATA,
    DEFAULT_SUMMARY_MODEL,
    ResolvedModel,
    read_json,
    resolve_model,
)
from translator.paths import ct2_dir

SUMMARY_BACKENDS = ("ctranslate2", "transformers")
CT2_MODEL_TYPES = frozenset({"bart", "pegasus", "t5", "mt5"})  # seq2seq types the ct2 converter handles
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.json",
    "merges.txt",
    "spiece.model",
)
FALLBACK_INPUT_LIMIT = 512
MAX_CHUNKS_PER_CALL = 4  # chunks summarised in one engine call: bounds the beam-search batch's memory

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’)])\s+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

CountTokens = Callable[[str], int]


# -- chunking (pure) -----------------------------------------------------------


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text`` (separated by blank lines), stripped, empty ones dropped."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def split_sentences(text: str) -> list[str]:
    """English sentences of ``text``, split after . ! ? (and a closing quote) before whitespace."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def chunk_text(pieces: Sequence[str], count_tokens: CountTokens, limit: int, *, separator: str = " ") -> list[str]:
    """Pack consecutive ``pieces`` (paragraphs or sentences) into chunks of at most ``limit`` tokens.

    Pieces are joined with ``separator`` and never reordered. A piece over the
    limit is cut into sentences, then words, then characters, so every chunk
    fits and, whitespace aside, the chunks hold exactly the input's text.
    Raises ``ValueError`` when even one character does not fit.
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
    for split in (split_sentences, str.split):
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
            raise ValueError(f"input limit of {limit} tokens cannot hold even {rest[:1]!r}")
        out.append(rest[:low])
        rest = rest[low:]
    return out


# -- what the model's files say ---------------------------------------------------


@dataclass(frozen=True)
class ModelSettings:
    """Decoding defaults and the input limit, read from a model's JSON files.

    Lengths count generated decoder tokens (the decoder start token excluded),
    so ``max_tokens`` is generation_config's ``max_length - 1``.
    """

    model_type: str
    input_limit: int
    beam: int = 1
    min_tokens: int = 0
    max_tokens: int = 19
    no_repeat_ngram_size: int = 0
    length_penalty: float = 1.0
    forced_bos_token_id: int | None = None
    input_prefix: str = ""


def read_model_settings(model_dir: Path) -> ModelSettings:
    """Merge config.json, generation_config.json and tokenizer_config.json as the HF summarisation pipeline does."""
    config = read_json(model_dir / "config.json")
    generation = {**config, **read_json(model_dir / "generation_config.json")}
    task = (config.get("task_specific_params") or {}).get("summarization") or {}
    generation.update({k: v for k, v in task.items() if k != "prefix"})
    tokenizer_config = read_json(model_dir / "tokenizer_config.json")
    limits = [config.get("max_position_embeddings"), tokenizer_config.get("model_max_length")]
    valid = [int(n) for n in limits if isinstance(n, (int, float)) and 0 < n < 1_000_000]
    return ModelSettings(
        model_type=str(config.get("model_type", "")),
        input_limit=min(valid) if valid else FALLBACK_INPUT_LIMIT,
        beam=int(generation.get("num_beams") or 1),
        min_tokens=max(int(generation.get("min_length") or 0) - 1, 0),
        max_tokens=max(int(generation.get("max_length") or 20) - 1, 1),
        no_repeat_ngram_size=int(generation.get("no_repeat_ngram_size") or 0),
        length_penalty=float(generation.get("length_penalty", 1.0)),
        forced_bos_token_id=generation.get("forced_bos_token_id"),
        input_prefix=str(task.get("prefix") or ""),
    )


@dataclass(frozen=True)
class Lengths:
    """Bounds on generated tokens for one call."""

    min_tokens: int
    max_tokens: int


# -- engines ---------------------------------------------------------------------


class _TransformersEngine:
    """AutoModelForSeq2SeqLM under torch.inference_mode."""

    def __init__(self, resolved: ResolvedModel, settings: ModelSettings, device: str, threads: int | None) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        from translator.backends.hf import quiet_transformers_loading, torch_device

        if threads:
            torch.set_num_threads(threads)
        self.device = torch_device(torch, device)
        self._torch = torch
        self.settings = settings
        with quiet_transformers_loading():
            try:
                self.tokenizer = AutoTokenizer.from_pretrained(resolved.path, trust_remote_code=False)
                model = AutoModelForSeq2SeqLM.from_pretrained(resolved.path, trust_remote_code=False)
            except unreadable_model_errors() as err:
                raise damaged_model_error(resolved, err) from err
        # Texts longer than one input are measured here to be chunked, never fed whole:
        # the tokenizer's "longer than the maximum sequence length" warning would be noise.
        self.tokenizer.model_max_length = 10**30
        self.model = model.to(self.device).eval()

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(self.settings.input_prefix + text)["input_ids"])

    def generate(self, texts: list[str], beam: int, lengths: Lengths) -> list[str]:
        s = self.settings
        batch = self.tokenizer([s.input_prefix + t for t in texts], padding=True, return_tensors="pt").to(self.device)
        beam_only = {"length_penalty": s.length_penalty} if beam > 1 else {}
        with self._torch.inference_mode():
            out = self.model.generate(
                **batch,
                num_beams=beam,
                min_length=lengths.min_tokens + 1,  # HF lengths include the decoder start token
                max_length=lengths.max_tokens + 1,
                no_repeat_ngram_size=s.no_repeat_ngram_size,
                **beam_only,
            )
        return [t.strip() for t in self.tokenizer.batch_decode(out, skip_special_tokens=True)]


def summary_threads() -> int:
    """Intra-op threads for the ctranslate2 summariser: half the cores.

    One long beam-4 sequence gains little from many threads on a small machine,
    where waking them costs more than they add (1 thread is fastest on 2 cores,
    benchmarks/RESULTS.md); bigger machines still get several.
    """
    return max(1, (os.cpu_count() or 1) // 2)


class _CTranslate2Engine:
    """A converted int8 model run with ctranslate2, tokenized with the ``tokenizers`` library."""

    def __init__(self, ct2_model: Path, settings: ModelSettings, device: str, threads: int | None) -> None:
        import ctranslate2
        from tokenizers import Tokenizer

        self.settings = settings
        self.translator = open_translator(
            ctranslate2,
            ct2_model,
            pick_device(device, ctranslate2.get_cuda_device_count()),
            "int8",
            (1, threads or summary_threads()),
            cpu_fallback=device == "auto",
            what="converted summariser",
        )[0]
        self.tokenizer = Tokenizer.from_file(str(ct2_model / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        bos = settings.forced_bos_token_id
        self.target_prefix = [self.tokenizer.id_to_token(bos)] if bos is not None else None

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(self.settings.input_prefix + text).ids)

    def generate(self, texts: list[str], beam: int, lengths: Lengths) -> list[str]:
        s = self.settings
        sources = [self.tokenizer.encode(s.input_prefix + t).tokens for t in texts]
        try:
            results = self.translator.translate_batch(
                sources,
                target_prefix=[self.target_prefix] * len(texts) if self.target_prefix else None,
                beam_size=beam,
                min_decoding_length=lengths.min_tokens,  # ct2 lengths include the target prefix
                max_decoding_length=lengths.max_tokens,
                no_repeat_ngram_size=s.no_repeat_ngram_size,
                length_penalty=s.length_penalty,
                max_input_length=0,  # chunks already fit; never truncate
            )
        except RuntimeError as err:
            raise (missing_cuda_library(err) or err) from err
        out = []
        for result in results:
            ids = [self.tokenizer.token_to_id(token) for token in result.hypotheses[0]]
            out.append(self.tokenizer.decode([i for i in ids if i is not None], skip_special_tokens=True).strip())
        return out


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "--", text).strip("-.") or "model"


def convert_to_ct2(model_dir: Path, target: Path, metadata: dict | None = None) -> Path:
    """Convert ``model_dir`` to an int8 ctranslate2 model at ``target`` once; reuse it afterwards.

    ``conversion.convert_once`` builds it beside ``target`` and renames it into place, so
    a crash or a concurrent conversion never leaves half a model there. ``metadata`` goes
    to ``pl2en-conversion.json`` for ``pl2en models list/remove``; that file, written
    last, marks a finished conversion. Converter failures raise BackendUnavailable.
    """
    if (target / CT2_METADATA).is_file():
        return target
    _require_transformers("converting a summariser for ctranslate2")
    meta = (
        metadata
        if metadata is not None
        else {"source": str(model_dir), "quantization": "int8", "kind": "summarization"}
    )
    model_id = str(meta.get("model_id") or model_dir)

    def build(out: Path) -> None:
        present = [name for name in TOKENIZER_FILES if (model_dir / name).is_file()]
        run_transformers_converter(model_id, model_dir, out, quantization="int8", copy_files=present)
        if not (out / "tokenizer.json").is_file():
            _save_fast_tokenizer(model_id, model_dir, out / "tokenizer.json")
        (out / CT2_METADATA).write_text(json.dumps(meta, indent=2), encoding="utf-8")

    return convert_once(target, build, done_marker=CT2_METADATA)


def _save_fast_tokenizer(model_id: str, model_dir: Path, path: Path) -> None:
    """tokenizer.json for models that ship only slow-tokenizer files (made by transformers)."""
    from transformers import AutoTokenizer

    try:
        AutoTokenizer.from_pretrained(model_dir, trust_remote_code=False).backend_tokenizer.save(str(path))
    except OSError as err:
        if is_write_error(err, path.parent):
            raise
        raise converter_failure(model_id, err) from err
    except (ValueError, AttributeError) as err:  # no fast tokenizer for this model
        raise converter_failure(model_id, err) from err


# -- the summariser ----------------------------------------------------------------


class AbstractSummarizer:
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
        self.backend_name = backend if backend != "auto" else _auto_backend()
        self.device = check_device(device)
        self.offline = offline
        self.threads = threads
        self.max_input_tokens = max_input_tokens
        self.beam = beam
        self.forced_length = forced_length
        self.settings: ModelSettings | None = None
        self.ct2_path: Path | None = None
        self._engine: _TransformersEngine | _CTranslate2Engine | None = None

    @property
    def input_limit(self) -> int:
        """Tokens one model input may hold (after ``load``)."""
        self.load()
        limit = self.settings.input_limit
        return min(limit, self.max_input_tokens) if self.max_input_tokens else limit

    def load(self) -> None:
        """Resolve the model (raising ModelNotAvailable), convert it for ctranslate2 if needed, load it."""
        if self._engine is not None:
            return
        resolved = resolve_model(self.model_id, offline=self.offline, kind="summarization")
        model_dir = Path(resolved.path)
        settings = read_model_settings(model_dir)
        if self.backend_name == "ctranslate2" and settings.model_type not in CT2_MODEL_TYPES:
            if self.requested_backend == "ctranslate2":
                raise BackendUnavailable(
                    f"ctranslate2 cannot run {settings.model_type or 'these'} summarisers; "
                    "choose the transformers backend"
                )
            self.backend_name = "transformers"  # auto: ct2 has no converter for this architecture
        if self.backend_name == "ctranslate2":
            if importlib.util.find_spec("ctranslate2") is None or importlib.util.find_spec("tokenizers") is None:
                raise BackendUnavailable("the ctranslate2 summary backend needs: pip install ctranslate2 tokenizers")

            name = f"{_safe_name(resolved.model_id)}--{_safe_name(resolved.revision)}--int8"
            metadata = {
                "model_id": resolved.model_id,
                "revision": resolved.revision,
                "source": str(model_dir),
                "quantization": "int8",
                "kind": "summarization",
            }
            target = ct2_dir() / name
            if not (target / CT2_METADATA).is_file():
                check_model_files(resolved)  # damaged files are not "cannot convert"
            self.ct2_path = convert_to_ct2(model_dir, target, metadata)
            engine = _CTranslate2Engine(self.ct2_path, settings, self.device, self.threads)
        else:
            _require_transformers("the transformers summary backend")
            engine = _TransformersEngine(resolved, settings, self.device, self.threads)
        self.settings = settings
        self._engine = engine

    def count_tokens(self, text: str) -> int:
        """Model input tokens ``text`` takes, special tokens and any task prefix included."""
        self.load()
        return self._engine.count_tokens(text)

    def generate(self, texts: list[str], *, cap: int | None = None) -> list[str]:
        """Summarise each of ``texts`` (each within ``input_limit``), in order.

        The engine gets at most ``MAX_CHUNKS_PER_CALL`` texts at a time, so a long
        article's many chunks never make one huge beam-search batch.

        ``cap`` bounds the output tokens (used between rounds of a long text).
        """
        self.load()
        s = self.settings
        lengths = Lengths(s.min_tokens, s.max_tokens)
        if self.forced_length is not None:
            lengths = Lengths(self.forced_length, self.forced_length)
        if cap is not None:
            lengths = Lengths(min(lengths.min_tokens, cap), min(lengths.max_tokens, cap))
        beam = self.beam or s.beam
        out: list[str] = []
        for start in range(0, len(texts), MAX_CHUNKS_PER_CALL):
            out.extend(self._engine.generate(texts[start : start + MAX_CHUNKS_PER_CALL], beam, lengths))
        return out

    def summarize(self, text: str) -> str:
        """An English abstract of ``text``; long texts are summarised in rounds, never truncated."""
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
                    raise ValueError(f"summaries do not shrink below the input limit of {limit} tokens")
                cap = max(cap // 2, 1)  # tighten until two partials fit one input
            previous = len(chunks)
            pieces = [p for p in self.generate(chunks, cap=cap) if p]
            if not pieces:
                return ""


def _auto_backend() -> str:
    """ctranslate2 when installed, else transformers (checked without importing them)."""
    if importlib.util.find_spec("ctranslate2") is not None and importlib.util.find_spec("tokenizers") is not None:
        return "ctranslate2"
    return "transformers"


def _require_transformers(what: str) -> None:
    if importlib.util.find_spec("transformers") is None or importlib.util.find_spec("torch") is None:
        raise BackendUnavailable(f"{what} needs transformers and torch: pip install transformers torch")
