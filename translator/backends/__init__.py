"""The engines, for translation and summarisation, behind two small Protocols.

A translation backend is constructed cheaply (no imports of torch/transformers/ctranslate2,
no downloads) and loads its model on first use; ``create_backend`` picks one. The
summariser's engines (``summary_hf``, ``summary_ct2``) are opened by
``translator.summarize.abstract.Summarizer`` once its model is resolved. Both tasks
share the model-limits reader (``translator.models.read_model_limits``), the conversion
(``conversion``) and the ``auto`` choice (``default_backend_name``).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from translator.errors import BackendUnavailable

BACKENDS = ("ctranslate2", "transformers")


@dataclass(frozen=True)
class DecodingOptions:
    """How to decode. ``None`` means "what the model's generation config says".

    Output length per batch is bounded by ``min(model max, max_length_ratio *
    longest source + length_slack)`` so a looping model cannot run to 512 tokens.
    ``forced_length_ratio`` (benchmarks only) forces every output of a batch to
    ``ceil(ratio * longest source)`` tokens, since random weights never stop.
    """

    beam: int | None = None
    max_length_ratio: float = 3.0
    length_slack: int = 10
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    forced_length_ratio: float | None = None

    def cache_key(self) -> str:
        """The settings that change the output, as a stable string."""
        return (
            f"beam={self.beam};ratio={self.max_length_ratio};slack={self.length_slack};"
            f"rep={self.repetition_penalty};nrep={self.no_repeat_ngram_size};"
            f"forced={self.forced_length_ratio}"
        )


@dataclass(frozen=True)
class Hypothesis:
    """One translation: its text and the mean token log-probability when known."""

    text: str
    score: float | None = None


@runtime_checkable
class TranslationBackend(Protocol):
    """What the pipeline needs from an engine."""

    name: str  # "transformers" | "ctranslate2"
    model_id: str  # what the user asked for: a hub id or a local directory

    @property
    def identity(self) -> str:
        """Model identity for the translation memory: backend, id and revision or content hash."""

    @property
    def max_input_tokens(self) -> int:
        """The model's source length limit in tokens (512 for opus-mt), end-of-sentence included."""

    @property
    def default_beam(self) -> int:
        """Beam size from the model's generation config."""

    def count_tokens(self, text: str) -> int:
        """Source tokens ``text`` takes, end-of-sentence included."""

    def translate_batch(self, texts: list[str], options: DecodingOptions) -> list[Hypothesis]:
        """Translate ``texts`` (each within ``max_input_tokens``) in order, as one batch."""


# What each engine needs installed, per task: the ctranslate2 translator tokenizes with
# sentencepiece, the ctranslate2 summariser with tokenizers.
REQUIRED_MODULES: dict[tuple[str, str], tuple[str, ...]] = {
    ("ctranslate2", "translation"): ("ctranslate2", "sentencepiece"),
    ("ctranslate2", "summarization"): ("ctranslate2", "tokenizers"),
    ("transformers", "translation"): ("transformers", "torch"),
    ("transformers", "summarization"): ("transformers", "torch"),
}


def missing_modules(backend: str, task: str = "translation") -> list[str]:
    """The Python packages ``backend`` needs for ``task`` that are not installed (checked without importing)."""
    return [module for module in REQUIRED_MODULES[backend, task] if importlib.util.find_spec(module) is None]


def install_hint(backend: str, task: str = "translation") -> str:
    return "pip install " + " ".join(REQUIRED_MODULES[backend, task])


@dataclass(frozen=True)
class SummaryLengths:
    """Bounds on generated tokens for one summarisation call (the decoder start token excluded)."""

    min_tokens: int
    max_tokens: int


class SummaryEngine(Protocol):
    """What the summariser needs from a loaded engine."""

    def count_tokens(self, text: str) -> int:
        """Model input tokens ``text`` takes, special tokens and any task prefix included."""

    def generate(self, texts: list[str], beam: int, lengths: SummaryLengths) -> list[str]:
        """Summarise each of ``texts`` (each within the input limit), in order, as one batch."""


def available_backends(task: str = "translation") -> list[str]:
    """Engines that can run ``task`` here, fastest first (checked without importing them)."""
    return [name for name in BACKENDS if not missing_modules(name, task)]


def default_backend_name(task: str = "translation") -> str:
    """The ``auto`` choice, the same for both tasks: ctranslate2 when it and its tokenizer import, else transformers."""
    found = available_backends(task)
    if not found:
        raise BackendUnavailable(
            f"no {task} engine installed: {install_hint('ctranslate2', task)} (or transformers and torch)"
        )
    return found[0]
