"""Writing files so that a crash or Ctrl-C never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from translator.errors import OutputError

__all__ = ["OutputError", "write_atomic"]


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
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror or err}") from err
    finally:
        if os.path.exists(tmp):  # anything that stopped us (an error, Ctrl-C) leaves no temp file
            os.unlink(tmp)


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or what a plain ``open()`` would give (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_current_umask()


def _current_umask() -> int:
    """The process umask, read without changing it where Linux tells it (``/proc/self/status``).

    Setting it to 0 and back, the portable way, would let a file another thread creates
    meanwhile (a model conversion, the lexicon) come out writable by everyone.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o077)  # elsewhere: the briefest, safest dance
    os.umask(umask)
    return umask
