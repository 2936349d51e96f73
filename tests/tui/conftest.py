"""Reader fixtures: a real Pipeline on the tiny Marian model, and a gated one for progress tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence

import pytest

from translator.document import Document
from translator.pipeline import Pipeline, Settings


class GatedPipeline(Pipeline):
    """The real pipeline, pausing after each translated block until ``gate`` is set.

    The translation is the real one; only its pace is held back, so a test can look
    at the reader while some blocks are done and others are not. ``release_block()``
    lets exactly one more block through while the gate stays shut.
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.gate = threading.Event()
        self.orders: list[list[int]] = []
        self.yielded = 0  # blocks handed to the reader, over all runs
        self.stopped = threading.Event()  # set when a run ends, finished or abandoned
        self.steps = threading.Semaphore(0)  # one token per block let through a shut gate

    def release_block(self) -> None:
        """Let the translation go on to the next block (and stop after it) while the gate is shut."""
        self.steps.release()

    def wait_at_gate(self, timeout: float = 60.0) -> bool:
        """After a block: go on once the gate opens or a step is released; False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.gate.is_set() or self.steps.acquire(timeout=0.02):
                return True
        return False

    def iter_translate(
        self, doc: Document, *, order: Sequence[int] | None = None, should_stop=None
    ) -> Iterator[Document]:
        self.orders.append(list(order or ()))
        try:
            for translated in super().iter_translate(doc, order=order, should_stop=should_stop):
                self.yielded += 1
                yield translated
                if not self.wait_at_gate():
                    raise TimeoutError("the test never opened the gate")
        finally:
            self.stopped.set()


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests run on asyncio (through anyio's pytest plugin: ``pytest.mark.anyio``)."""
    return "asyncio"


@pytest.fixture
def make_pipeline(tiny_marian):
    """``make_pipeline(summary_model=None, model=None, gated=False)``: closed after the test."""
    made: list[Pipeline] = []

    def make(*, summary_model: str | None = None, model: str | None = None, gated: bool = False) -> Pipeline:
        settings = Settings(model=model or str(tiny_marian), summary_model=summary_model, offline=True)
        pipeline = GatedPipeline(settings) if gated else Pipeline(settings)
        made.append(pipeline)
        return pipeline

    yield make
    for pipeline in made:
        if isinstance(pipeline, GatedPipeline):
            pipeline.gate.set()
        pipeline.close()
