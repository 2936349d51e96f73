"""The work of one document, the same in this process, in a worker process and in a Ray actor.

A :class:`DocumentWorker` holds one :class:`Pipeline` (the model is loaded once) and turns an
input into an :class:`Outcome`: the finished JSON line, or the reason it failed. Warnings the
pipeline gives while doing so travel back with the outcome, so the parent can show each
distinct one once, wherever the work ran.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from translator.batch.identity import BatchJob
from translator.batch.inputs import file_digest, text_digest
from translator.errors import ModelError, Pl2enError, one_line
from translator.pipeline import Pipeline


@dataclass(frozen=True)
class Task:
    """One input to translate; ``known`` is the content digest already in the output (for a URL, which
    is only known once fetched: equal means unchanged, and the document is not translated again)."""

    spec: str
    known: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What became of one input. ``fatal``: the error concerns every document (the model, its cache)."""

    spec: str
    line: str | None = None
    error: str | None = None
    fatal: bool = False
    unchanged: bool = False
    warnings: list[str] = field(default_factory=list)

    def to_row(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Outcome:
        return cls(
            spec=str(row["spec"]),
            line=row.get("line"),
            error=row.get("error"),
            fatal=bool(row.get("fatal")),
            unchanged=bool(row.get("unchanged")),
            warnings=[str(w) for w in (row.get("warnings") or [])],
        )


class _Collect(logging.Handler):
    """Keeps the messages of the ``pl2en`` logger (where the core warns) for the outcome."""

    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


class DocumentWorker:
    """One pipeline, many documents."""

    def __init__(self, job: BatchJob, *, capture_logging: bool = True) -> None:
        self.job = job
        self._warnings: list[str] = []
        self.pipeline = Pipeline(job.settings, warn=self._warnings.append)
        if capture_logging:  # in a worker process or an actor: nobody else is listening there
            logger = logging.getLogger("pl2en")
            logger.addHandler(_Collect(self._warnings))
            logger.propagate = False

    def run(self, task: Task) -> Outcome:
        try:
            line, unchanged = self._translate(task)
            outcome = Outcome(task.spec, line=line, unchanged=unchanged)
        except ModelError as err:
            outcome = Outcome(task.spec, error=str(err), fatal=True)
        except Pl2enError as err:
            outcome = Outcome(task.spec, error=str(err))
        except Exception as err:  # a bug or an engine failure on this document: report it, go on with the rest
            outcome = Outcome(task.spec, error=f"internal error: {type(err).__name__}: {one_line(err)}")
        warnings, self._warnings[:] = list(dict.fromkeys(self._warnings)), []
        return Outcome(**{**asdict(outcome), "warnings": warnings})

    def _translate(self, task: Task) -> tuple[str | None, bool]:
        content = file_digest(task.spec)
        doc = self.pipeline.load(task.spec)
        if content is None:  # a URL: identified by its text
            content = text_digest("\n\n".join(b.source for b in doc.blocks))
        if task.known is not None and content == task.known:
            return None, True
        doc = self.pipeline.translate(doc)
        if self.job.summary:
            doc = self.pipeline.summarize(doc)
        record = doc.to_dict()
        record["batch"] = {"input": task.spec, "content": content, "settings": self.job.identity}
        return json.dumps(record, ensure_ascii=False), False

    def close(self) -> None:
        self.pipeline.close()
