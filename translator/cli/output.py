"""What the commands print: progress on stderr, the result on stdout or into a file."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import typer

from translator.cli.app import fail
from translator.cli.options import Format
from translator.document import Document
from translator.files import is_same_file
from translator.pipeline import Pipeline

FILE_WIDTH = 80  # text written to a file (or a pipe) wraps here, whatever the terminal's width
FLAGGED_SOURCE_CHARS = 120  # --show-flags quotes this much of a sentence: enough to find it


def translate_with_progress(pipeline: Pipeline, doc: Document) -> Document:
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


def summarize_with_notice(pipeline: Pipeline, doc: Document) -> Document:
    """Key claims (and abstract); in a terminal, say so when the claims' word list is built first."""
    if sys.stderr.isatty():
        from translator.summarize.lexicon import needs_build

        if needs_build():
            typer.echo("pl2en: preparing the Polish word list for key claims (once, about 10 s)", err=True)
    return pipeline.summarize(doc)


def refuse_a_translation_model_as_summariser(pipeline: Pipeline) -> None:
    """``--summary-model`` naming a translation model (Marian) is one line and exit 3, before any work."""
    model = pipeline.settings.summary_model
    if model:
        from translator.summarize.abstract import refuse_a_translation_model_early

        refuse_a_translation_model_early(model)


def refuse_overwriting_input(input: str, output: Path | None) -> None:
    """``-o`` naming the article itself would replace it with its translation: refuse before any work."""
    if output is not None and is_same_file(input, output):
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


def output_format(chosen: Format | None, output: Path | None) -> str:
    """``-f`` when given; else what ``-o``'s extension names (``out.md``: markdown); else text."""
    from translator.render import format_for_name

    if chosen is not None:
        return chosen.value
    return (format_for_name(output.name) if output is not None else None) or "text"


def output_width(output: Path | None) -> int:
    """The terminal's width when printing to one, else :data:`FILE_WIDTH`."""
    if output is None and sys.stdout.isatty():
        return shutil.get_terminal_size((FILE_WIDTH, 24)).columns
    return FILE_WIDTH


def report_flags(doc: Document) -> None:
    flagged = [(b, s) for b, s in doc.sentences if s.flags]
    for b, s in flagged:
        shown = s.source if len(s.source) <= FLAGGED_SOURCE_CHARS else s.source[: FLAGGED_SOURCE_CHARS - 1] + "…"
        typer.echo(f"pl2en: flagged ¶{b.id + 1} sentence {s.id + 1} [{', '.join(s.flags)}]: {shown}", err=True)
    if not flagged:
        typer.echo("pl2en: no flagged sentences", err=True)
