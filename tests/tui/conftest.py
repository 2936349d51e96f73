"""Reader fixtures: a real Pipeline on the tiny Marian model, and a gated one for progress tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import pytest

from translator.document import Document
from translator.pipeline import Pipeline, Settings


class GatedPipeline(Pipeline):
    """The real pipeline, pausing after each translated block until ``gate`` is set.

    The translation is the real one; only its pace is held back, so a test can look
    at the reader while some blocks are done and others are not.
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.gate = threading.Event()
        self.orders: list[list[int]] = []
        self.yielded = 0  # blocks handed to the reader, over all runs
        self.stopped = threading.Event()  # set when a run ends, finished or abandoned

    def iter_translate(
        self, doc: Document, *, order: Sequence[int] | None = None, should_stop=None
    ) -> Iterator[Document]:
        self.orders.append(list(order or ()))
        try:
            for translated in super().iter_translate(doc, order=order, should_stop=should_stop):
                self.yielded += 1
                yield translated
                if not self.gate.wait(timeout=60):
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
