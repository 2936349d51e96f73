"""The options the commands share, and the Settings they make."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from translator.errors import Pl2enError
from translator.models import DEFAULT_SUMMARY_MODEL
from translator.pipeline import Settings


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


InputArg = Annotated[str, typer.Argument(help="A text file, a saved .html page, an http(s) URL, or - for stdin.")]
ModelOpt = Annotated[str, typer.Option("--model", "-m", help="Hugging Face id or local model directory.")]
BackendOpt = Annotated[  # ENGINE, not [auto|ctranslate2|transformers]: 80 columns cut that mid-word
    Backend,
    typer.Option(
        metavar="ENGINE",
        show_default=False,
        help="auto (the default: ctranslate2 when installed, else transformers), ctranslate2 or transformers.",
    ),
]
DeviceOpt = Annotated[
    str,
    typer.Option(
        "--device",  # named explicitly: some typer versions derive the flag from the metavar
        callback=_checked_device,
        metavar="[auto|cpu|cuda|cuda:N]",
        help="The Nth GPU with cuda:N; auto picks CUDA when available.",
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
FormatOpt = Annotated[
    Format | None, typer.Option("--format", "-f", help="Output format (default: what -o's extension names, else text).")
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")]


def make_settings(
    model: str,
    backend: Backend,
    device: str,
    beam: int | None,
    offline: bool,
    no_cache: bool,
    summary_model: str = DEFAULT_SUMMARY_MODEL,
    strict: bool = False,
    summary: bool = False,
) -> Settings:
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
        summary=summary,
    )
