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
