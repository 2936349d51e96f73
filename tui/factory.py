"""Build the reader: the functions the CLI (`pl2en read`) and the tests call."""

from __future__ import annotations

import os
import sys

from translator.errors import InputError
from translator.pipeline import Pipeline
from tui.app import ReaderApp


def create_app(pipeline: Pipeline, spec: str | None, *, stdin_bytes: bytes | None = None) -> ReaderApp:
    """A reader for ``spec`` (path, URL, saved page, ``-``), translated by ``pipeline``.

    ``stdin_bytes``: the input already read from standard input (Textual owns the
    terminal once it runs); ``spec`` may then be ``"-"`` or None. While the app runs,
    the pipeline's warnings become toasts; its ``warn`` is restored on exit. The
    caller closes the pipeline afterwards.
    """
    return ReaderApp(pipeline, spec, stdin_bytes=stdin_bytes)


def take_piped_stdin() -> bytes | None:
    """Read piped standard input, then give the reader the terminal's keys; None if stdin is a terminal.

    Textual reads keys from file descriptor 0, so after the article is read from
    the pipe, descriptor 0 is pointed at the controlling terminal (``/dev/tty``).
    """
    if sys.stdin is None or sys.stdin.isatty():
        return None
    data = sys.stdin.buffer.read()
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError as err:
        raise InputError(
            f"pl2en read needs a terminal for its keys ({err.strerror}); use pl2en translate for piped output"
        ) from err
    os.dup2(terminal, 0)
    os.close(terminal)
    return data
