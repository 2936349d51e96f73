"""The Typer app, and how every command reports: errors as one line and an exit code, warnings on stderr."""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn, TypeVar, cast

import typer

from translator.cli.help import Pl2enTyper
from translator.errors import Pl2enError, logger, one_line

app = Pl2enTyper(
    name="pl2en",
    help="Read Polish news in English: paragraph-by-paragraph translation with key claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from translator.version import __version__

        typer.echo(f"pl2en {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Read Polish news in English: paragraph-by-paragraph translation with key claims."""


models_app = Pl2enTyper(help="Download, list and remove translation and summary models.", no_args_is_help=True)
app.add_typer(models_app, name="models")

# Exit codes (README "Exit codes"): 0 done, 1 other expected failure, 2 bad input or usage,
# 3 model or engine unavailable, 4 some documents of a batch failed, 70 internal error (a bug),
# 130 interrupted.
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"pl2en: error: {message}", err=True)
    raise typer.Exit(code)


def fail_interrupted(message: str, code: int = 130) -> NoReturn:
    """Like :func:`fail`, for Ctrl-C and SIGTERM: everything finished is already written and closed.

    In a real process the exit is immediate (``os._exit``): an engine thread may still be inside
    ctranslate2, and tearing its objects down under it at interpreter exit aborts the process
    ("terminate called without an active exception", exit -6) instead of exiting 130 or 143.
    """
    typer.echo(f"pl2en: error: {message}", err=True)
    try:
        real = sys.stderr.fileno() >= 0  # under CliRunner the streams are not files: exit as usual
    except (OSError, ValueError, AttributeError):
        real = False
    if real:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass  # a closed pipe: nothing more can reach it
        os._exit(code)
    raise typer.Exit(code)


class StderrWarnings(logging.Handler):
    """Each warning of the ``pl2en`` logger as a ``pl2en: warning: …`` line on (the current) stderr;
    each notice (INFO: "converting … for CTranslate2 (once)") as a ``pl2en: …`` line."""

    def emit(self, record: logging.LogRecord) -> None:
        kind = "warning: " if record.levelno >= logging.WARNING else ""
        typer.echo(f"pl2en: {kind}{record.getMessage()}", err=True)


@contextmanager
def warnings_on_stderr() -> Iterator[None]:
    handler = StderrWarnings(logging.INFO)
    propagate, level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # printed here once, not again by a handler an embedding program set up
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        logger.setLevel(level)


def handles_errors(command: F) -> F:
    """Turn expected failures into one stderr line and an exit code (``--debug``: traceback)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.get("debug", False) or os.environ.get("PL2EN_DEBUG") == "1"
        try:
            with warnings_on_stderr():
                return command(*args, **kwargs)
        except typer.Exit:
            raise
        except Pl2enError as err:
            if debug:
                raise
            fail(str(err), err.exit_code)
        except KeyboardInterrupt:
            fail_interrupted("interrupted", EXIT_INTERRUPTED)
        except Exception as err:  # a bug: say so in one line, keep the traceback behind --debug
            if debug:
                raise
            message = f"internal error: {type(err).__name__}: {one_line(err)} (run with --debug for the traceback)"
            fail(message, EXIT_INTERNAL)

    return cast(F, wrapper)


def main() -> None:
    """The ``pl2en`` program; ``python -m translator`` runs it too."""
    app(prog_name="pl2en")
