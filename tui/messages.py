"""Messages the reader's worker threads post to the UI.

Each carries ``generation``: the number of the document it belongs to (for the
load step, the number of the open request), so a late message about an article
the user has since replaced is ignored.
"""

from __future__ import annotations

from textual.message import Message

from translator.document import Document


class DocumentMessage(Message):
    """Something happened to the document of load number ``generation``."""

    def __init__(self, generation: int, document: Document) -> None:
        super().__init__()
        self.generation = generation
        self.document = document


class DocumentLoaded(DocumentMessage):
    """The article is read and parsed (Polish only)."""


class TranslationProgress(DocumentMessage):
    """One more block is translated; ``document`` holds every block done so far."""

    def __init__(self, generation: int, document: Document, done: int, total: int) -> None:
        super().__init__(generation, document)
        self.done = done
        self.total = total


class TranslationFinished(DocumentMessage):
    """Every block is translated."""


class SummaryReady(DocumentMessage):
    """``document.summary`` holds the key claims (and the abstract when a summary model is set)."""


class WorkFailed(Message):
    """An expected failure (a :class:`translator.errors.Pl2enError`) in a worker."""

    def __init__(self, generation: int, stage: str, text: str) -> None:
        super().__init__()
        self.generation = generation
        self.stage = stage  # "load" | "translate" | "abstract" (the claims survived) | "summarize"
        self.text = text


class PipelineWarning(Message):
    """A warning the pipeline raised (cache unusable, input not Polish…), shown as a toast."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ModelLoading(Message):
    """The translation model is loading (``stage`` says how), or has loaded (``stage`` None)."""

    def __init__(self, generation: int, stage: str | None) -> None:
        super().__init__()
        self.generation = generation
        self.stage = stage
