"""``pl2en batch``: many articles into one JSON-lines file, here or on a Ray cluster."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from translator.cli.app import app, fail, fail_interrupted, handles_errors
from translator.cli.help import PlainHelpCommand
from translator.cli.options import (
    Backend,
    BackendOpt,
    BeamOpt,
    DebugOpt,
    DeviceOpt,
    ModelOpt,
    NoCacheOpt,
    OfflineOpt,
    StrictOpt,
    SummaryModelOpt,
    make_settings,
)
from translator.models import DEFAULT_MODEL, DEFAULT_SUMMARY_MODEL

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from translator.batch import BatchEvent, BatchReport


class BatchCommand(PlainHelpCommand):
    """``--ray`` takes an optional ADDRESS: a bare ``--ray`` (last, or before another option or an
    input) means ``--ray=local``, a Ray started on this machine for the run."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from translator.batch.ray_data import is_address

        args = list(args)
        for i, arg in enumerate(args):
            if arg == "--":
                break
            if arg == "--ray" and (i + 1 == len(args) or not is_address(args[i + 1])):
                args[i] = "--ray=local"
        return super().parse_args(ctx, args)


@app.command(cls=BatchCommand)
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
    summary: Annotated[bool, typer.Option("--summary", help="Add key claims and abstract to each.")] = False,
    summary_model: SummaryModelOpt = DEFAULT_SUMMARY_MODEL,
    strict: StrictOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Translate every input again, done or not.")] = False,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes, each loading the model once.")] = 1,
    ray: Annotated[
        str | None,
        typer.Option(
            "--ray",
            metavar="[ADDRESS]",
            help="Run on Ray Data: auto, ray://host:10001, host:port, or nothing to start Ray here. "
            "Needs the ray extra: pip install 'pl2en\\[ray]'.",
        ),
    ] = None,
    actors: Annotated[int, typer.Option(min=1, help="With --ray: actors, each loading the model once.")] = 1,
    num_gpus: Annotated[float, typer.Option(min=0, help="With --ray: GPUs per actor (0.5 = two actors a GPU).")] = 0,
    cpus_per_actor: Annotated[float, typer.Option(min=0.1, help="With --ray: CPU cores per actor.")] = 1,
    debug: DebugOpt = False,
) -> None:
    """Translate many articles into one JSON-lines file; rerun after an interruption to finish."""
    from translator.batch import RayOptions, errors_path, run_batch
    from translator.batch.ray_data import LOCAL, is_address
    from translator.batch.signals import Stopped, stop_on_signals

    ray_options = None
    if ray is not None:
        if workers > 1:
            fail("--workers is for this machine, --ray for a cluster: give one of them", 2)
        if not is_address(ray):
            fail(f"--ray {ray!r} is not a Ray address: give auto, ray://host:10001, host:port or local", 2)
        ray_options = RayOptions(ray, actors=actors, num_gpus=num_gpus, cpus_per_actor=cpus_per_actor)
    settings = make_settings(model, backend, device, beam, offline, no_cache, summary_model, strict)
    if ray_options is not None:
        starting = "starting Ray…" if ray_options.address == LOCAL else f"joining Ray at {ray_options.address}…"
    else:
        starting = "starting workers…" if workers > 1 else "loading the model…"
    progress = BatchProgress(starting)
    try:
        with stop_on_signals(), progress:
            report = run_batch(
                inputs,
                output,
                settings,
                workers=workers,
                summary=summary,
                force=force,
                ray=ray_options,
                on_event=progress.update,
                warn=progress.warn,
            )
    except KeyboardInterrupt as stop:
        r = progress.report
        done = f"after {r.finished} of {r.total}" if r else "before the first document was done"
        code = stop.exit_code if isinstance(stop, Stopped) else 130
        message = f"interrupted {done}; run the same command again to finish"
        if workers <= 1 and ray_options is None:  # the engine runs in this process: leave at once
            fail_interrupted(message, code)
        fail(message, code)  # worker processes and Ray are stopped by a normal exit
    why = "redone (--force)" if force else "changed and translated again"  # with --force, unchanged ones too
    again = f", {report.again} {why}" if report.again else ""
    typer.echo(
        f"pl2en: {report.done - report.again} translated{again}, {report.skipped} already done, "
        f"{len(report.failed)} failed -> {output}",
        err=True,
    )
    if report.failed:
        typer.echo(f"pl2en: the failures and their reasons are in {errors_path(output)}", err=True)
        raise typer.Exit(4)


class BatchProgress:
    """A progress bar on stderr when it is a terminal; failures and warnings are always reported as lines."""

    def __init__(self, starting: str = "") -> None:
        self.starting = starting  # what the bar says until the first document is done
        self.report: BatchReport | None = None
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BatchProgress:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            self._bar = Progress(*columns, console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task(f"batch: {self.starting}" if self.starting else "batch", total=None)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def say(self, message: str) -> None:
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            typer.echo(message, err=True)

    def warn(self, message: str) -> None:
        """A warning from the documents (from any worker or actor), once each: the batch dedups them."""
        self.say(f"pl2en: warning: {message}")

    def update(self, event: BatchEvent, report: BatchReport) -> None:
        self.report = report
        if event.error:
            self.say(f"pl2en: failed {event.name}: {event.error}")
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description="batch", completed=report.finished, total=report.total)
