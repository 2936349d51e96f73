"""The CTranslate2 engine: an int8 conversion of a Marian model, tokenized with SentencePiece directly.

The conversion (which needs torch and transformers) runs once per model, revision and
quantization into ``paths.ct2_dir()``; afterwards translating imports only ctranslate2 and
sentencepiece. The converted directory also holds the tokenizer and config files it needs.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translator.backends import DecodingOptions, Hypothesis, conversion
from translator.backends.base import (
    LazyModelBackend,
    decoding_lengths,
    parse_device,
    pick_device,
)
from translator.backends.conversion import conversion_dir
from translator.errors import BackendUnavailable, one_line
from translator.models import (
    CT2_METADATA,
    DEFAULT_MODEL,
    ModelLimits,
    ResolvedModel,
    read_model_limits,
)

COMPUTE_TYPES = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16", "float32")
HF_CONFIG = "hf_config.json"  # the model's config.json (CTranslate2 writes its own config.json)
TOKENIZER_FILES = (
    "source.spm",
    "target.spm",
    "vocab.json",
    "target_vocab.json",
    "generation_config.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
)
SPECIAL_PIECES = frozenset({"</s>", "<s>", "<unk>", "<pad>"})


def ensure_converted(resolved: ResolvedModel, compute_type: str = "int8") -> Path:
    """Convert once (see ``conversion.ensure_converted``); later calls return the finished directory."""
    if (
        not (conversion_dir(resolved, compute_type) / CT2_METADATA).is_file()
        and not (resolved.path / "source.spm").is_file()
    ):
        raise BackendUnavailable(
            "the ctranslate2 backend handles Marian (SentencePiece) models; "
            f"use --backend transformers for {resolved.model_id}"
        )
    return conversion.ensure_converted(
        resolved, compute_type, lambda staging: _convert(resolved, staging, compute_type)
    )


def _convert(resolved: ResolvedModel, out: Path, compute_type: str) -> None:
    conversion.run_transformers_converter(resolved.model_id, resolved.path, out, quantization=compute_type)
    for name in TOKENIZER_FILES:
        if (resolved.path / name).is_file():
            shutil.copyfile(resolved.path / name, out / name)
    shutil.copyfile(resolved.path / "config.json", out / HF_CONFIG)
    conversion.write_metadata(out, resolved, compute_type, "translation")


def engine_compute_type(device: str, compute_type: str) -> str:
    """The compute type to ask ctranslate2 for on ``device``: int8 weights run as int8_float16 on CUDA."""
    return "int8_float16" if device == "cuda" and compute_type == "int8" else compute_type


_MISSING_LIBRARY = re.compile(r"Library (\S+) is not found or cannot be loaded")


def missing_cuda_library(err: RuntimeError) -> BackendUnavailable | None:
    """The error to show when ctranslate2 lacks a CUDA library (it loads cuBLAS at the first GPU step), else None."""
    match = _MISSING_LIBRARY.search(str(err))
    if match is None:
        return None
    failure = BackendUnavailable(
        f"ctranslate2 cannot run on CUDA here: {match.group(1)} is missing "
        "(install the CUDA libraries this ctranslate2 was built for, or use --device cpu)"
    )
    failure.__cause__ = err
    return failure


def open_translator(
    ctranslate2: Any,
    directory: Path,
    picked: tuple[str, int],
    compute_type: str,
    cpu_threads: tuple[int, int],
    *,
    cpu_fallback: bool,
    what: str = "converted model",
) -> tuple[Any, str, int]:
    """(``ctranslate2.Translator`` for ``directory``, device, device index) on ``picked`` (from ``pick_device``).

    ``cpu_threads`` is (inter_threads, intra_threads) for the CPU. ctranslate2 loads
    cuBLAS only at the first GPU step, so with ``cpu_fallback`` (the user asked for
    ``auto``) one tiny step checks the GPU and a GPU whose CUDA libraries are missing
    is left for the CPU: the default works on any machine, while an explicit ``cuda``
    reports what is missing at its first translation.
    """
    device, index = picked
    translator = _new_translator(ctranslate2, directory, device, index, compute_type, cpu_threads, what)
    if device == "cuda" and cpu_fallback and not _cuda_step_works(translator):
        device, index = "cpu", 0
        translator = _new_translator(ctranslate2, directory, device, index, compute_type, cpu_threads, what)
    return translator, device, index


def _new_translator(
    ctranslate2: Any,
    directory: Path,
    device: str,
    index: int,
    compute_type: str,
    cpu_threads: tuple[int, int],
    what: str,
) -> Any:
    inter, intra = cpu_threads if device == "cpu" else (1, 0)
    try:
        return ctranslate2.Translator(
            str(directory),
            device=device,
            device_index=index,
            compute_type=engine_compute_type(device, compute_type),
            intra_threads=intra,
            inter_threads=inter,
        )
    except (RuntimeError, ValueError) as err:
        raise conversion.ConversionUnreadable(f"cannot open the {what} {directory}: {one_line(err)}") from err


def _cuda_step_works(translator: Any) -> bool:
    try:
        # a real token and two steps: a lone "</s>" or a single step returns before any GPU work
        translator.translate_batch([["a", "</s>"]], beam_size=1, max_decoding_length=2)
    except RuntimeError as err:
        if missing_cuda_library(err) is None:
            raise
        return False
    return True


def _truncate(pieces: list[str], limit: int) -> list[str]:
    """Keep the end-of-sentence token when cutting, as the transformers tokenizer does."""
    return pieces if len(pieces) <= limit else pieces[: limit - 1] + ["</s>"]


class SentencePieceCodec:
    """Marian's tokenization without transformers: source.spm pieces + "</s>", target.spm to decode."""

    def __init__(self, directory: Path) -> None:
        import sentencepiece as spm

        self._source: Any = spm.SentencePieceProcessor(model_file=str(directory / "source.spm"))
        target = directory / "target.spm"
        self._target: Any = spm.SentencePieceProcessor(
            model_file=str(target if target.is_file() else directory / "source.spm")
        )

    def encode(self, text: str) -> list[str]:
        code: list[str] = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:  # a target-language code, as MarianTokenizer
            code, text = [text[: end + 2]], text[end + 2 :]
        pieces: list[str] = self._source.encode(text, out_type=str)
        return code + pieces + ["</s>"]

    def decode(self, pieces: list[str]) -> str:
        return str(self._target.decode_pieces([p for p in pieces if p not in SPECIAL_PIECES])).strip()


@dataclass(frozen=True)
class _Loaded:
    translator: Any
    codec: SentencePieceCodec
    limits: ModelLimits
    directory: Path
    device: str
    device_index: int
    compute_type: str  # engine_compute_type(device, requested): the label's part, known before loading
    replicas: int


def cuda_may_be_present() -> bool:
    """False where no CUDA device can be (no NVIDIA device node on Linux, a Mac): then nothing need import
    ctranslate2 to know it runs on the CPU (a warm run served from the translation memory imports no engine)."""
    if sys.platform == "darwin":
        return False
    if sys.platform.startswith("linux"):
        return any(Path("/dev").glob("nvidia[0-9]*")) or Path("/dev/dxg").exists()  # dxg: CUDA under WSL2
    return True


def _import_ctranslate2() -> Any:
    try:
        import ctranslate2
    except ImportError as err:
        raise BackendUnavailable("the ctranslate2 backend needs: pip install ctranslate2") from err
    return ctranslate2


def cpu_thread_plan(threads: int | None) -> tuple[int, int]:
    """(replicas, threads per replica) for ``threads`` CPU cores (default: all of them).

    Several single-threaded replicas decoding different batches beat one replica
    with many threads on the small beam-search matrices of opus-mt: on 2 cores,
    intra-op threads spend a fifth of their time waking and parking (see
    benchmarks/RESULTS.md). Up to 4 replicas; any cores beyond go to their threads.
    """
    cores = threads or os.cpu_count() or 1
    replicas = min(cores, 4)
    return replicas, max(1, cores // replicas)


class CTranslate2Backend(LazyModelBackend[_Loaded]):
    """TranslationBackend on a CTranslate2 conversion (int8 by default)."""

    name = "ctranslate2"

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        device: str = "auto",
        offline: bool = False,
        threads: int | None = None,
        compute_type: str = "int8",
    ) -> None:
        if compute_type not in COMPUTE_TYPES:
            raise BackendUnavailable(f"unknown compute type {compute_type!r}: choose one of {', '.join(COMPUTE_TYPES)}")
        super().__init__(model, device=device, offline=offline, threads=threads)
        self.compute_type = compute_type

    @property
    def identity_label(self) -> str:
        """``ctranslate2-<compute type it runs>``: part of the translation memory's key.

        On the CPU that is the requested type (so CPU keys never change); on CUDA the one
        asked of ctranslate2 there (int8 runs as int8_float16). It is the same before and
        after loading: ``cpu`` and ``cuda[:N]`` need no model to say it, nor does ``auto``
        on a machine without GPUs; ``auto`` with a GPU loads the model, since only opening
        it tells whether the GPU runs or is left for the CPU (see ``open_translator``).
        """
        return f"ctranslate2-{self.running_compute_type}"

    @property
    def running_compute_type(self) -> str:
        if self._loaded is None:
            kind = parse_device(self.device)[0]
            if kind != "auto":
                return engine_compute_type(kind, self.compute_type)
            if not cuda_may_be_present() or _import_ctranslate2().get_cuda_device_count() == 0:
                return engine_compute_type("cpu", self.compute_type)
        return self._ensure_loaded().compute_type

    @property
    def converted_dir(self) -> Path:
        return self._ensure_loaded().directory

    def _load(self) -> _Loaded:
        ctranslate2 = _import_ctranslate2()
        picked = pick_device(self.device, ctranslate2.get_cuda_device_count())  # before the slow conversion
        plan = cpu_thread_plan(self.threads)
        fallback = self.device == "auto"
        directory, (translator, device, device_index) = conversion.open_healing(
            lambda: ensure_converted(self.resolved, self.compute_type),
            lambda d: open_translator(ctranslate2, d, picked, self.compute_type, plan, cpu_fallback=fallback),
            self.model_id,
        )
        replicas = plan[0] if device == "cpu" else 1
        compute_type = engine_compute_type(device, self.compute_type)
        limits = read_model_limits(directory, config_name=HF_CONFIG)
        return _Loaded(
            translator, SentencePieceCodec(directory), limits, directory, device, device_index, compute_type, replicas
        )

    @property
    def max_input_tokens(self) -> int:
        return self._ensure_loaded().limits.max_input_tokens

    @property
    def engine(self) -> Any:
        """The loaded ``ctranslate2.Translator`` (the benchmark's floor runs on it)."""
        return self._ensure_loaded().translator

    @property
    def parallel_batches(self) -> int:
        """How many batches may be decoded at once (one per replica)."""
        return self._ensure_loaded().replicas

    @property
    def default_beam(self) -> int:
        """From the model's generation config, which the conversion copies: known without loading."""
        if self._loaded is None:
            return read_model_limits(self.resolved.path).default_beam
        return self._loaded.limits.default_beam

    def count_tokens(self, text: str) -> int:
        return len(self._ensure_loaded().codec.encode(text))

    def translate_batch(self, texts: list[str], options: DecodingOptions) -> list[Hypothesis]:
        if not texts:
            return []
        codec = self._ensure_loaded().codec
        return [
            Hypothesis(text=codec.decode(pieces), score=score)
            for pieces, score in self.translate_batch_tokens(texts, options)
        ]

    def translate_batch_tokens(self, texts: list[str], options: DecodingOptions) -> list[tuple[list[str], float]]:
        """Like translate_batch but the target pieces (special tokens dropped) instead of text."""
        if not texts:
            return []
        loaded = self._ensure_loaded()
        max_input = loaded.limits.max_input_tokens
        sources = [_truncate(loaded.codec.encode(text), max_input) for text in texts]
        longest = max(len(tokens) for tokens in sources)
        max_new, forced = decoding_lengths(options, longest, loaded.limits.max_output_tokens)
        try:
            results = loaded.translator.translate_batch(
                sources,
                beam_size=options.beam or loaded.limits.default_beam,
                max_decoding_length=max_new,
                min_decoding_length=forced if forced is not None else 0,
                repetition_penalty=options.repetition_penalty,
                no_repeat_ngram_size=options.no_repeat_ngram_size,
                max_input_length=max_input,
                return_scores=True,
                max_batch_size=0,
            )
        except RuntimeError as err:
            raise (missing_cuda_library(err) or err) from err
        return [
            ([p for p in result.hypotheses[0] if p not in SPECIAL_PIECES], float(result.scores[0]))
            for result in results
        ]
