"""Writing files so that a crash or Ctrl-C never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from translator.errors import Pl2enError


class OutputError(Pl2enError):
    """The output file cannot be written."""


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path} is a directory; give a file name for the output")
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror or err}") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as err:
        os.unlink(tmp)
        raise OutputError(f"cannot write {path}: {err.strerror or err}") from err
