"""A translation backend that asks the translation memory first and its engine for the rest."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from translator.backends import DecodingOptions, Hypothesis, TranslationBackend

if TYPE_CHECKING:
    from translator.cache import TranslationMemory


class CachedBackend:
    """A :class:`TranslationBackend` that asks ``memory`` first and its wrapped backend for the rest."""

    def __init__(self, backend: TranslationBackend, memory: TranslationMemory) -> None:
        self.backend = backend
        self.memory = memory
        self.name = backend.name
        self.model_id = backend.model_id
        self.model_calls = 0  # calls made to the wrapped backend's translate_batch
        self.hits = 0  # texts answered by the memory
        self.misses = 0  # distinct texts sent to the wrapped backend
        self._counting = threading.Lock()  # batches may run in parallel threads

    @property
    def identity(self) -> str:
        return self.backend.identity

    @property
    def max_input_tokens(self) -> int:
        return self.backend.max_input_tokens

    @property
    def default_beam(self) -> int:
        return self.backend.default_beam

    def count_tokens(self, text: str) -> int:
        return self.backend.count_tokens(text)

    @property
    def parallel_batches(self) -> int:
        return getattr(self.backend, "parallel_batches", 1)

    def translate_batch(self, texts: list[str], options: DecodingOptions) -> list[Hypothesis]:
        """Translations of ``texts`` in order; only distinct texts the memory lacks reach the model."""
        if not texts:
            return []
        identity = self.backend.identity
        settings = options.cache_key()
        distinct = list(dict.fromkeys(texts))
        found = self.memory.get_many(identity, settings, distinct)
        missing = [text for text in distinct if text not in found]
        with self._counting:
            self.hits += sum(1 for text in texts if text in found)
            if missing:
                self.model_calls += 1
                self.misses += len(missing)
        if missing:
            translated = self.backend.translate_batch(missing, options)
            if len(translated) != len(missing):
                raise RuntimeError(
                    f"backend {self.backend.name} returned {len(translated)} translations for {len(missing)} texts"
                )
            pairs = list(zip(missing, translated, strict=False))
            self.memory.put_many(identity, settings, pairs)
            found.update(pairs)
        return [found[text] for text in texts]
