"""The `pl2en` command line: parse options, call the core, print. Nothing else.

``app`` is the Typer application (the ``pl2en`` script); the modules below register its commands.
"""

from translator.cli import batch, commands, models  # noqa: F401  (each registers its commands on app)
from translator.cli.app import app, main

__all__ = ["app", "main"]
