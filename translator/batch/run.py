"""A batch from start to end: plan against the ledger, run the documents (here, in worker
processes or on Ray), write each finished line as it comes, report, compact."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from translator.batch.identity import BatchJob, Identity, settings_identity
from translator.batch.inputs import collect_inputs, file_digest, input_key, is_url
from translator.batch.ledger import JsonLinesWriter, Ledger, errors_path
from translator.batch.ray_data import RayOptions
from translator.batch.work import Outcome, Task
from translator.errors import ModelError, OutputError
from translator.files import is_stream
from translator.pipeline import Settings


@dataclass(frozen=True)
class BatchEvent:
    """One input finished: ``error`` is None on success; ``again``: it was in the output, changed."""

    name: str
    error: str | None = None
    skipped: bool = False
    again: bool = False


@dataclass
class BatchReport:
    total: int = 0
    done: int = 0  # translated, new or again
    again: int = 0  # of ``done``: inputs or settings that changed since their line was written
    skipped: int = 0
    failed: list[BatchEvent] = field(default_factory=list)

    @property
    def finished(self) -> int:
        return self.done + self.skipped + len(self.failed)


@dataclass(frozen=True)
class Plan:
    tasks: list[Task]
    skipped: list[str]
    again: set[str]  # keys of the tasks that already have a line


def plan_batch(specs: list[str], ledger: Ledger, identity: Identity, *, force: bool) -> Plan:
    """Which inputs to translate: new ones, changed ones, all with ``force``; skip the rest."""
    tasks: list[Task] = []
    skipped: list[str] = []
    again: set[str] = set()
    for spec in specs:
        key = input_key(spec)
        entry = ledger.entries.get(key)
        if entry is None:
            tasks.append(Task(spec))
            continue
        if force or entry.identity != identity or entry.content is None:
            again.add(key)
            tasks.append(Task(spec))
        elif is_url(spec):  # its content is known only once fetched: the worker compares
            again.add(key)
            tasks.append(Task(spec, known=entry.content))
        elif file_digest(spec) == entry.content:
            skipped.append(spec)
        else:
            again.add(key)
            tasks.append(Task(spec))
    return Plan(tasks, skipped, again)


def run_batch(
    items: Iterable[str],
    output: Path,
    settings: Settings,
    *,
    workers: int = 1,
    summary: bool = False,
    force: bool = False,
    ray: RayOptions | None = None,
    on_event: Callable[[BatchEvent, BatchReport], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> BatchReport:
    """Translate every input whose line in ``output`` is missing or stale; append each as one JSON line.

    ``summary`` (or ``settings.summary``) adds key claims and the abstract to each document.

    Raises ModelError (once, before or instead of any document) when the model cannot be used.
    """
    if output.is_dir():
        raise OutputError(f"{output} is a directory; give a file name for the batch output")
    specs = collect_inputs(items)
    ledger = Ledger.read(output)
    summary = summary or settings.summary
    job = BatchJob(settings, summary, settings_identity(settings, summary=summary))
    plan = plan_batch(specs, ledger, job.identity, force=force)
    report = BatchReport(total=len(specs))
    for spec in plan.skipped:
        report.skipped += 1
        if on_event:
            on_event(BatchEvent(spec, skipped=True), report)
    stream = is_stream(output)  # -o /dev/null, /dev/stdout, a FIFO: written to, never read back or replaced
    sidecar = None if stream else errors_path(output)  # no file is made beside a device node
    if sidecar is not None:
        sidecar.unlink(missing_ok=True)  # this run's failures only: the last run's are retried
    writer, errors = JsonLinesWriter(output), JsonLinesWriter(sidecar) if sidecar is not None else None
    shown: set[str] = set()
    written: set[str] = set()
    try:
        for outcome in _outcomes(plan.tasks, job, workers, ray):
            for message in outcome.warnings:
                if message not in shown and warn is not None:
                    shown.add(message)
                    warn(message)
            if outcome.fatal:
                raise ModelError(outcome.error or "the model cannot be used")
            key = input_key(outcome.spec)
            if key in written:  # a retried document that had already come back
                continue
            written.add(key)
            event = _record(outcome, key, plan, report, writer, errors)
            if on_event:
                on_event(event, report)
    finally:
        writer.close()
        if errors is not None:
            errors.close()
    if not stream and (ledger.superseded or report.again):  # lines replaced by newer ones: keep the newest only
        ledger.compact()
    return report


def _outcomes(tasks: list[Task], job: BatchJob, workers: int, ray: RayOptions | None) -> Iterator[Outcome]:
    if not tasks:  # everything already done: no Ray to start, no workers to spawn, no model to load
        return iter(())
    if ray is not None:
        from translator.batch.ray_data import run_on_ray

        return run_on_ray(tasks, job, ray)
    from translator.batch.local import run_local

    return run_local(tasks, job, workers=workers)


def _record(
    outcome: Outcome, key: str, plan: Plan, report: BatchReport, writer: JsonLinesWriter, errors: JsonLinesWriter | None
) -> BatchEvent:
    if outcome.unchanged:
        report.skipped += 1
        return BatchEvent(outcome.spec, skipped=True)
    if outcome.line is None:
        event = BatchEvent(outcome.spec, error=outcome.error or "failed")
        if errors is not None:  # beside a device output the reasons are on stderr only
            errors.write(json.dumps({"input": outcome.spec, "error": event.error}, ensure_ascii=False))
        report.failed.append(event)
        return event
    writer.write(outcome.line)
    report.done += 1
    again = key in plan.again
    report.again += again
    return BatchEvent(outcome.spec, again=again)
