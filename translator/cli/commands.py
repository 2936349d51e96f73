"""``pl2en translate``, ``summarize`` and ``read``: one article each."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from translator.cli.app import app, fail, handles_errors
from translator.cli.options import (
    Backend,
    BackendOpt,
    BeamOpt,
    DebugOpt,
    DeviceOpt,
    FormatOpt,
    InputArg,
    ModelOpt,
    NoCacheOpt,
    OfflineOpt,
    OutputOpt,
    StrictOpt,
    SummaryModelOpt,
    make_settings,
)
from translator.cli.output import (
    output_format,
    output_width,
    refuse_a_translation_model_as_summariser,
    refuse_overwriting_input,
    report_flags,
    summarize_with_notice,
    translate_with_progress,
    write_output,
)
from translator.models import DEFAULT_MODEL, DEFAULT_SUMMARY_MODEL
from translator.pipeline import Pipeline

# Extra arguments reach the command (as ctx.args) so that `pl2en translate a.txt b.txt` gets one
# line pointing at `pl2en batch` instead of a usage box.
ONE_ARTICLE = {"allow_extra_args": True}


def refuse_many_inputs(ctx: typer.Context, input: str) -> None:
    if ctx.args:
        many = " ".join([input, *ctx.args])
        fail(f"{ctx.info_name} takes one article; for many, use: pl2en batch {many} -o out.jsonl", 2)


@app.command(context_settings=ONE_ARTICLE)
@handles_errors
def translate(
    ctx: typer.Context,
    input: InputArg,
    model: ModelOpt = DEFAULT_MODEL,
    backend: BackendOpt = Backend.auto,
    device: DeviceOpt = "auto",
    beam: BeamOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    format: FormatOpt = None,
    output: OutputOpt = None,
    summary: Annotated[bool, typer.Option("--summary", help="Add the key claims and abstract.")] = False,
    summary_model: SummaryModelOpt = DEFAULT_SUMMARY_MODEL,
    show_flags: Annotated[bool, typer.Option("--show-flags", help="List doubtful translations on stderr.")] = False,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Translate a Polish article into aligned English paragraphs."""
    from translator.render import render

    refuse_many_inputs(ctx, input)
    refuse_overwriting_input(input, output)
    settings = make_settings(model, backend, device, beam, offline, no_cache, summary_model, strict)
    with Pipeline(settings) as pipeline:
        if summary:
            refuse_a_translation_model_as_summariser(pipeline)
        doc = translate_with_progress(pipeline, pipeline.load(input))
        if summary:
            doc = summarize_with_notice(pipeline, doc)
    if show_flags:
        report_flags(doc)
    write_output(render(doc, output_format(format, output), width=output_width(output)), output)


@app.command(context_settings=ONE_ARTICLE)
@handles_errors
def summarize(
    ctx: typer.Context,
    input: InputArg,
    model: ModelOpt = DEFAULT_MODEL,
    backend: BackendOpt = Backend.auto,
    device: DeviceOpt = "auto",
    beam: BeamOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    format: FormatOpt = None,
    output: OutputOpt = None,
    summary_model: SummaryModelOpt = DEFAULT_SUMMARY_MODEL,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Print the key claims (who claimed what, and where) and a short English abstract."""
    from translator.render import render_summary

    refuse_many_inputs(ctx, input)
    refuse_overwriting_input(input, output)
    settings = make_settings(model, backend, device, beam, offline, no_cache, summary_model, strict)
    with Pipeline(settings) as pipeline:
        refuse_a_translation_model_as_summariser(pipeline)
        doc = summarize_with_notice(pipeline, translate_with_progress(pipeline, pipeline.load(input)))
    write_output(render_summary(doc, output_format(format, output), width=output_width(output)), output)


@app.command(context_settings=ONE_ARTICLE)
@handles_errors
def read(
    ctx: typer.Context,
    input: InputArg,
    model: ModelOpt = DEFAULT_MODEL,
    backend: BackendOpt = Backend.auto,
    device: DeviceOpt = "auto",
    beam: BeamOpt = None,
    offline: OfflineOpt = False,
    no_cache: NoCacheOpt = False,
    summary_model: SummaryModelOpt = DEFAULT_SUMMARY_MODEL,
    debug: DebugOpt = False,
    web: Annotated[bool, typer.Option("--web", help="Serve the reader in a browser on 127.0.0.1.")] = False,
    port: Annotated[int, typer.Option("--port", help="Port for --web (on 127.0.0.1).")] = 8000,
) -> None:
    """Open the article in the terminal reader: Polish and English side by side."""
    from tui.factory import create_app, take_piped_stdin

    refuse_many_inputs(ctx, input)
    settings = make_settings(model, backend, device, beam, offline, no_cache, summary_model)
    if web:  # the same reader, one per browser tab (tui/web.py)
        from tui.web import serve_reader

        serve_reader(input, settings, port=port)
        return
    if not sys.stdout.isatty() and "TEXTUAL_DRIVER" not in os.environ:  # a pipe or a file: no screen to draw on
        fail("read needs a terminal to draw in; for a file or a pipe use: pl2en translate " + input, 2)
    stdin_bytes = take_piped_stdin() if input == "-" else None
    with Pipeline(settings) as pipeline:
        reader = create_app(pipeline, input, stdin_bytes=stdin_bytes)
        reader.run()
    if reader.return_code:
        raise typer.Exit(reader.return_code)
    if reader.doc is None and reader.failed_stage == "load":  # quit without ever reading an article
        raise typer.Exit(2)
