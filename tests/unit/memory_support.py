"""What the translation-memory tests share: an honest test double and a warnings recorder.

``RecordingBackend`` records each call and "translates" by reversing the text.
"""

from __future__ import annotations

from translator.backends import DecodingOptions, Hypothesis

OPTIONS = DecodingOptions(beam=2)


class RecordingBackend:
    """Translates by reversing; records every batch it was asked for."""

    name = "recording"

    def __init__(self, identity: str = "recording:v1", score: float | None = -0.5) -> None:
        self.model_id = "test/reverse"
        self._identity = identity
        self._score = score
        self.calls: list[list[str]] = []

    @property
    def identity(self) -> str:
        return self._identity

    @property
    def max_input_tokens(self) -> int:
        return 512

    @property
    def default_beam(self) -> int:
        return 4

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1

    def translate_batch(self, texts: list[str], options: DecodingOptions) -> list[Hypothesis]:
        self.calls.append(list(texts))
        return [Hypothesis(text=t[::-1], score=self._score) for t in texts]


class Warnings(list):
    def __call__(self, message: str) -> None:
        self.append(message)
