"""``pl2en batch``: many articles into one JSON-lines file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from translator.cli.app import app, fail, handles_errors
from translator.cli.options import (
    Backend,
    BackendOpt,
    BeamOpt,
    DebugOpt,
    DeviceOpt,
    ModelOpt,
    NoCacheOpt,
    OfflineOpt,
    make_settings,
)
from translator.errors import log_warning
from translator.models import DEFAULT_MODEL

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from translator.batch import BatchEvent, BatchReport


@app.command()
@handles_errors
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders (their .txt/.html) and @lists (one path or URL a line).")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The JSON-lines file to write (appended; resumable).")],
    model: ModelOpt = DEFAULT_MODEL,
    backend: BackendOpt = Backend.auto,
    device: DeviceOpt = "auto",
    beam: BeamOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes, each loading the model once.")] = 1,
    debug: DebugOpt = False,
) -> None:
    """Translate many articles into one JSON-lines file; rerun after an interruption to finish."""
    from translator.batch import run_batch

    settings = make_settings(model, backend, device, beam, offline, no_cache, "none")
    progress = BatchProgress()
    try:
        with progress:
            report = run_batch(inputs, output, settings, workers=workers, on_event=progress.update, warn=log_warning)
    except KeyboardInterrupt:
        r: BatchReport | None = progress.report
        done = f"after {r.done + r.skipped} of {r.total}" if r else "before the first document was done"
        fail(f"interrupted {done}; run the same command again to finish", 130)
    typer.echo(
        f"pl2en: {report.done} translated, {report.skipped} already done, {len(report.failed)} failed -> {output}",
        err=True,
    )
    if report.failed:
        raise typer.Exit(4)


class BatchProgress:
    """A progress bar on stderr when it is a terminal; failures are always reported as lines."""

    def __init__(self) -> None:
        self.report: BatchReport | None = None
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BatchProgress:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            columns = (TextColumn("batch"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            self._bar = Progress(*columns, console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("batch", total=None)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def update(self, event: BatchEvent, report: BatchReport) -> None:
        self.report = report
        if event.error:
            message = f"pl2en: failed {event.name}: {event.error}"
            if self._bar is not None:
                self._bar.console.print(message, markup=False, highlight=False)
            else:
                typer.echo(message, err=True)
        if self._bar is not None and self._task is not None:
            finished = report.done + report.skipped + len(report.failed)
            self._bar.update(self._task, completed=finished, total=report.total)
