"""Writing outputs so that a crash or Ctrl-C never leaves half a file, and nothing a user has is harmed.

What ``-o PATH`` (and the reader's export) does depends on what is at PATH:

- nothing, or a regular file: a temporary file in the same folder, renamed over it (whole or none);
- a symlink: the same, at the file it points to; the link itself stays a link;
- a character or block device, a FIFO, a socket (``/dev/null``, ``/dev/stdout``, a named pipe):
  written to directly, never replaced;
- a directory: refused.
"""

from __future__ import annotations

import os
import socket
import stat
import tempfile
from pathlib import Path

from translator.errors import OutputError

__all__ = ["OutputError", "is_stream", "write_atomic"]

_MAX_LINK_HOPS = 40  # as the kernel's ELOOP limit
_FD_LINK_DIRS = ("/proc/", "/dev/fd/")  # /dev/stdout -> /proc/self/fd/1 -> whatever fd 1 is


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path``: atomically for files (through links), directly for devices and pipes."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode  # follows links: what a write would reach
    except FileNotFoundError:
        mode = None  # a new file (or a link to one not there yet)
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror or err}") from err
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{path} is a directory; give a file name for the output")
    if _through_fd_link(path) or (mode is not None and not stat.S_ISREG(mode)):
        _write_directly(path, text, mode)
        return
    _replace_atomically(path, Path(os.path.realpath(path)), text)


def is_same_file(source: str | Path | None, target: str | Path) -> bool:
    """True where ``target`` is the very file ``source`` names (through links and other spellings).

    A URL, ``-`` or a path that does not exist is never the same file.
    """
    if not source or str(source) == "-" or "://" in str(source):
        return False
    try:
        return os.path.samefile(source, target)
    except OSError:  # one of them does not exist (yet)
        return False


def is_stream(path: str | Path) -> bool:
    """True where ``path`` exists and is not a regular file or folder (a device, FIFO or socket).

    Such an output is written to, never read back or replaced (a batch has nothing to resume from it).
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _through_fd_link(path: Path) -> bool:
    """True where following ``path``'s links passes through a process's open file (``/dev/stdout``).

    Such a link names what the shell opened (perhaps with ``>>``): write into that, do not replace it.
    """
    current = str(path)
    for _ in range(_MAX_LINK_HOPS):
        if current.startswith(_FD_LINK_DIRS) and current.rsplit("/", 2)[-2] == "fd":
            return True
        if not os.path.islink(current):
            return False
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    return False


def _write_directly(path: Path, text: str, mode: int | None) -> None:
    data = text.encode("utf-8")
    try:
        if mode is not None and stat.S_ISSOCK(mode):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.connect(os.fspath(path))
                sock.sendall(data)
            return
        # No O_TRUNC, no O_CREAT: a device or FIFO has nothing to cut, and a file behind /dev/stdout was
        # opened by the shell (`>` emptied it; `>>` means add to it).
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        with open(fd, "wb") as fh:
            fh.write(data)
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror or err}") from err


def _replace_atomically(shown: Path, path: Path, text: str) -> None:
    """Write through a temporary file next to ``path`` and a rename over it; ``shown`` names it in errors."""
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as err:
        raise OutputError(f"cannot write {shown}: {err.strerror or err}") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as err:
        raise OutputError(f"cannot write {shown}: {err.strerror or err}") from err
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
