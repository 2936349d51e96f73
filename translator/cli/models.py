"""``pl2en models pull|list|remove``."""

from __future__ import annotations

from typing import Annotated

import typer

from translator.cli.app import handles_errors, models_app
from translator.cli.options import DebugOpt
from translator.models import DEFAULT_MODEL


@models_app.command("pull")
@handles_errors
def models_pull(
    model: Annotated[str, typer.Argument(help="Hugging Face model id.")] = DEFAULT_MODEL,
    debug: DebugOpt = False,
) -> None:
    """Download a model into the local Hugging Face cache (or check a cached one for a newer revision)."""
    from pathlib import Path

    from translator.models import find_cached, is_offline, looks_like_path, pull_model

    cached = find_cached(model)
    if cached is not None and is_offline():
        typer.echo(f"pl2en: {model} is already cached (offline: not asking the hub for a newer revision)", err=True)
        resolved = cached
    elif cached is not None:
        typer.echo(f"pl2en: {model} is already cached; asking the hub for a newer revision …", err=True)
        resolved = pull_model(model)
        if resolved.revision != cached.revision:
            typer.echo(f"pl2en: updated {model} to revision {resolved.revision[:12]}", err=True)
    else:
        local = Path(model).expanduser().exists() or looks_like_path(model)
        typer.echo(f"pl2en: {model} is a folder: checking it" if local else f"pl2en: downloading {model} …", err=True)
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
    model: Annotated[str, typer.Argument(help="Hugging Face model id, or a model folder (its converted copies go).")],
    converted: Annotated[
        bool, typer.Option("--converted", help="Only the converted (CTranslate2) copies: keep the download.")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Remove a model (its download and converted copies) from the local cache; a model folder of yours stays."""
    from translator.models import remove_model_parts

    removed = remove_model_parts(model, converted_only=converted)
    for part in removed:
        typer.echo(part.describe())
    typer.echo(f"{sum(part.size_bytes for part in removed) / 1e6:.1f} MB freed")
