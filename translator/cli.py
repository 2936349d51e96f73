"""The `pl2en` command line: parse options, call the core, print. Nothing else."""

from __future__ import annotations

import functools
import os
import shutil
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from translator.errors import Pl2enError, one_line
from translator.pipeline import DEFAULT_MODEL, DEFAULT_SUMMARY_MODEL, Pipeline, Settings

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from translator.batch import BatchEvent, BatchReport

app = typer.Typer(
    name="pl2en",
    help="Read Polish news in English: paragraph-by-paragraph translation with key claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(help="Download, list and remove translation and summary models.", no_args_is_help=True)
app.add_typer(models_app, name="models")


class Backend(StrEnum):
    auto = "auto"
    ctranslate2 = "ctranslate2"
    transformers = "transformers"


class Format(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


def _checked_device(value: str) -> str:
    """--device as the core accepts it (auto, cpu, cuda, cuda:N), else a usage error."""
    from translator.backends.base import parse_device

    try:
        parse_device(value)
    except Pl2enError as err:
        raise typer.BadParameter(str(err)) from err
    return value


# -- shared options -------------------------------------------------------------
InputArg = Annotated[str, typer.Argument(help="A text file, a saved .html page, an http(s) URL, or - for stdin.")]
ModelOpt = Annotated[str, typer.Option("--model", "-m", help="Hugging Face id or local model directory.")]
BackendOpt = Annotated[
    Backend, typer.Option(help="Engine: ctranslate2 (fast, default when installed) or transformers.")
]
DeviceOpt = Annotated[
    str,
    typer.Option(
        "--device",  # named explicitly: some typer versions derive the flag from the metavar
        callback=_checked_device,
        metavar="DEVICE",
        help="auto, cpu, cuda or cuda:N (the Nth GPU); auto picks CUDA when available.",
    ),
]
BeamOpt = Annotated[int | None, typer.Option(min=1, help="Beam size (default: the model's). 1 = fastest draft.")]
OfflineOpt = Annotated[bool, typer.Option("--offline", help="Never touch the network (also HF_HUB_OFFLINE=1).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Bypass the translation memory.")]
SummaryModelOpt = Annotated[
    str, typer.Option("--summary-model", help="English summariser (HF id or directory), or 'none' for claims only.")
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Refuse input that does not look Polish.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")]


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"pl2en: error: {message}", err=True)
    raise typer.Exit(code)


def handles_errors(command):
    """Turn expected failures into one stderr line and an exit code (``--debug``: traceback)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        debug = kwargs.get("debug", False) or os.environ.get("PL2EN_DEBUG") == "1"
        try:
            return command(*args, **kwargs)
        except typer.Exit:
            raise
        except Pl2enError as err:
            if debug:
                raise
            fail(str(err), err.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except Exception as err:  # a bug: say so in one line, keep the traceback behind --debug
            if debug:
                raise
            fail(f"internal error: {type(err).__name__}: {one_line(err)} (run with --debug for the traceback)", 70)

    return wrapper


def make_settings(model, backend, device, beam, offline, no_cache, summary_model=DEFAULT_SUMMARY_MODEL, strict=False):
    return Settings(
        model=model,
        backend=backend.value,
        summary_backend=backend.value,
        device=device,
        beam=beam,
        offline=offline,
        use_cache=not no_cache,
        summary_model=None if summary_model.lower() == "none" else summary_model,
        strict=strict,
    )


def translate_with_progress(pipeline: Pipeline, doc):
    """Translate, with a progress bar on stderr when it is a terminal and the input is long."""
    total = len(doc.sentences)
    if not sys.stderr.isatty() or total < 20:
        return pipeline.translate(doc)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("translating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("translate", total=total)
        return pipeline.translate(doc, progress=lambda done, all_: bar.update(task, completed=done, total=all_))


def summarize_with_notice(pipeline: Pipeline, doc):
    """Key claims (and abstract); in a terminal, say so when the claims' word list is built first."""
    if sys.stderr.isatty():
        from translator.summarize.lexicon import needs_build

        if needs_build():
            typer.echo("pl2en: preparing the Polish word list for key claims (once, about 10 s)", err=True)
    return pipeline.summarize(doc)


def refuse_overwriting_input(input: str, output: Path | None) -> None:
    """``-o`` naming the article itself would replace it with its translation: refuse before any work."""
    if output is None or input == "-" or "://" in input:
        return
    try:
        same = os.path.samefile(input, output)
    except OSError:  # one of them does not exist (yet)
        return
    if same:
        fail(f"-o {output} is the input article itself; write the translation to another file", 2)


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # `pl2en … | head`: the reader has all it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    from translator.files import write_atomic

    write_atomic(output, text)
    typer.echo(f"pl2en: wrote {output}", err=True)


def terminal_width() -> int:
    return shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80


FLAGGED_SOURCE_CHARS = 120  # --show-flags quotes this much of a sentence: enough to find it


def report_flags(doc) -> None:
    flagged = [(b, s) for b, s in doc.sentences if s.flags]
    for b, s in flagged:
        shown = s.source if len(s.source) <= FLAGGED_SOURCE_CHARS else s.source[: FLAGGED_SOURCE_CHARS - 1] + "…"
        typer.echo(f"pl2en: flagged ¶{b.id + 1} sentence {s.id + 1} [{', '.join(s.flags)}]: {shown}", err=True)
    if not flagged:
        typer.echo("pl2en: no flagged sentences", err=True)


# -- commands -------------------------------------------------------------------
@app.command()
@handles_errors
def translate(
    input: InputArg,
    model: ModelOpt = DEFAULT_MODEL,
    backend: BackendOpt = Backend.auto,
    device: DeviceOpt = "auto",
    beam: BeamOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    summary: Annotated[bool, typer.Option("--summary", help="Add the key claims and abstract.")] = False,
    summary_model: SummaryModelOpt = DEFAULT_SUMMARY_MODEL,
    show_flags: Annotated[bool, typer.Option("--show-flags", help="List doubtful translations on stderr.")] = False,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Translate a Polish article into aligned English paragraphs."""
    from translator.render import render

    refuse_overwriting_input(input, output)
    settings = make_settings(model, backend, device, beam, offline, no_cache, summary_model, strict)
    pipeline = Pipeline(settings)
    doc = pipeline.load(input)
    doc = translate_with_progress(pipeline, doc)
    if summary:
        doc = summarize_with_notice(pipeline, doc)
    if show_flags:
        report_flags(doc)
    write_output(render(doc, format.value, width=terminal_width() if output is None else 80), output)
    pipeline.close()


@app.command()
@handles_errors
def summarize(
    input: InputArg,
    model: ModelOpt = DEFAULT_MODEL,
    backend: BackendOpt = Backend.auto,
    device: DeviceOpt = "auto",
    beam: BeamOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    format: FormatOpt = Format.text,
    output: OutputOpt = None,
    summary_model: SummaryModelOpt = DEFAULT_SUMMARY_MODEL,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Print the key claims (who claimed what, and where) and a short English abstract."""
    from translator.render import render_summary

    refuse_overwriting_input(input, output)
    settings = make_settings(model, backend, device, beam, offline, no_cache, summary_model, strict)
    pipeline = Pipeline(settings)
    doc = pipeline.load(input)
    doc = summarize_with_notice(pipeline, translate_with_progress(pipeline, doc))
    write_output(render_summary(doc, format.value, width=terminal_width()), output)
    pipeline.close()


@app.command()
@handles_errors
def read(
    input: InputArg,
    model: ModelOpt = DEFAULT_MODEL,
    backend: BackendOpt = Backend.auto,
    device: DeviceOpt = "auto",
    beam: BeamOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    summary_model: SummaryModelOpt = DEFAULT_SUMMARY_MODEL,
    debug: DebugOpt = False,
) -> None:
    """Open the article in the terminal reader: Polish and English side by side."""
    from tui.factory import create_app, take_piped_stdin

    settings = make_settings(model, backend, device, beam, offline, no_cache, summary_model)
    stdin_bytes = take_piped_stdin() if input == "-" else None
    pipeline = Pipeline(settings)
    reader = create_app(pipeline, input, stdin_bytes=stdin_bytes)
    try:
        reader.run()
    finally:
        pipeline.close()
    if reader.return_code:
        raise typer.Exit(reader.return_code)
    if reader.doc is None and reader.failed_stage == "load":  # quit without ever reading an article
        raise typer.Exit(2)


class BatchCommand(TyperCommand):
    """``--ray`` takes an optional ADDRESS: a bare ``--ray`` (last, or before another option or an
    input) means ``--ray=local``, a Ray started on this machine for the run."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
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
            "Needs pip install 'pl2en[ray]'.",
        ),
    ] = None,
    actors: Annotated[int, typer.Option(min=1, help="With --ray: actors, each loading the model once.")] = 1,
    num_gpus: Annotated[float, typer.Option(min=0, help="With --ray: GPUs per actor (0.5 = two actors a GPU).")] = 0,
    cpus_per_actor: Annotated[float, typer.Option(min=0.1, help="With --ray: CPU cores per actor.")] = 1,
    debug: DebugOpt = False,
) -> None:
    """Translate many articles into one JSON-lines file; rerun after an interruption to finish."""
    from translator.batch import RayOptions, run_batch
    from translator.batch.ray_data import is_address
    from translator.batch.signals import Stopped, stop_on_signals

    ray_options = None
    if ray is not None:
        if workers > 1:
            fail("--workers is for this machine, --ray for a cluster: give one of them", 2)
        if not is_address(ray):
            fail(f"--ray {ray!r} is not a Ray address: give auto, ray://host:10001, host:port or local", 2)
        ray_options = RayOptions(ray, actors=actors, num_gpus=num_gpus, cpus_per_actor=cpus_per_actor)
    settings = make_settings(model, backend, device, beam, offline, no_cache, summary_model, strict)
    progress = BatchProgress()
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
        fail(f"interrupted {done}; run the same command again to finish", code)
    again = f", {report.again} changed and translated again" if report.again else ""
    typer.echo(
        f"pl2en: {report.done - report.again} translated{again}, {report.skipped} already done, "
        f"{len(report.failed)} failed -> {output}",
        err=True,
    )
    if report.failed:
        from translator.batch import errors_path

        typer.echo(f"pl2en: the failures and their reasons are in {errors_path(output)}", err=True)
        raise typer.Exit(4)


class BatchProgress:
    """A progress bar on stderr when it is a terminal; failures and warnings are always reported as lines."""

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

    def say(self, message: str) -> None:
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            typer.echo(message, err=True)

    def warn(self, message: str) -> None:
        self.say(f"pl2en: warning: {message}")

    def update(self, event: BatchEvent, report: BatchReport) -> None:
        self.report = report
        if event.error:
            self.say(f"pl2en: failed {event.name}: {event.error}")
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=report.finished, total=report.total)


@models_app.command("pull")
@handles_errors
def models_pull(
    model: Annotated[str, typer.Argument(help="Hugging Face model id.")] = DEFAULT_MODEL,
    debug: DebugOpt = False,
) -> None:
    """Download a model into the local Hugging Face cache."""
    from translator.models import pull_model

    typer.echo(f"pl2en: downloading {model} …", err=True)
    resolved = pull_model(model)
    typer.echo(f"{resolved.model_id}\t{resolved.revision}\t{resolved.path}")


@models_app.command("list")
@handles_errors
def models_list(debug: DebugOpt = False) -> None:
    """List the models in the local cache."""
    from translator.models import list_models

    rows = list_models()
    if not rows:
        typer.echo("no models cached; get the default with: pl2en models pull")
        return
    for row in rows:
        typer.echo(row.describe())


@models_app.command("remove")
@handles_errors
def models_remove(
    model: Annotated[str, typer.Argument(help="Hugging Face model id.")],
    debug: DebugOpt = False,
) -> None:
    """Remove a model (and its converted copies) from the local cache."""
    from translator.models import remove_model

    freed = remove_model(model)
    typer.echo(f"removed {model} ({freed / 1e6:.1f} MB freed)")


def main() -> None:  # pragma: no cover - `python -m translator`
    app()
