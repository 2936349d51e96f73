"""Translation engines behind one small Protocol.

A backend is constructed cheaply (no imports of torch/transformers/ctranslate2,
no downloads) and loads its model on first use. ``create_backend`` picks one.
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


def available_backends() -> list[str]:
    """Engines whose Python packages are installed (checked without importing them)."""
    found = []
    if importlib.util.find_spec("ctranslate2") is not None:
        found.append("ctranslate2")
    if importlib.util.find_spec("transformers") is not None and importlib.util.find_spec("torch") is not None:
        found.append("transformers")
    return found


def default_backend_name() -> str:
    found = available_backends()
    if not found:
        raise BackendUnavailable("no translation engine installed: pip install ctranslate2 (or transformers and torch)")
    return found[0]
