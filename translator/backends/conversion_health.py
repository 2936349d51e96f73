"""Converted models heal themselves: damage is found, leftovers are swept, an unwritable cache is worked around.

A CTranslate2 conversion is derived data (the download it was made from stays), so nothing
about it should leave a user stuck:

- **Damage.** Each conversion's metadata records the size of every file it holds when finished
  (``files``). A file missing or of another size (an empty or truncated ``model.bin``: a full
  disk, a copy cut short) means the conversion is damaged: it is removed and converted once
  more, with one warning. A copy that fails to open anyway is converted once more the same way.
- **Leftovers.** A conversion is built in a staging folder ``.<name>.<random>`` beside its final
  place while its builder holds the lock file ``locks/ct2/<name>.lock`` (``flock``). A kill leaves the staging
  folder behind; the next conversion and ``pl2en models remove`` delete every staging folder whose
  lock no live process holds (the kernel releases a dead process's lock). Where ``flock`` does not
  exist, a staging folder untouched for ``UNLOCKED_LEFTOVER_AGE_S`` counts as left over.
- **An unwritable cache** (read-only, full): the conversion goes into a temporary folder for this
  run, removed when the process ends, with one warning.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - no flock there: leftovers go by age
    fcntl = None
else:
    import fcntl

logger = logging.getLogger("pl2en")

FILES_KEY = "files"  # in the metadata: {file name: size in bytes} when the conversion was finished
WEIGHTS = "model.bin"
UNLOCKED_LEFTOVER_AGE_S = 3600

_temporary_root: Path | None = None


def file_sizes(directory: Path, *, leave_out: str) -> dict[str, int]:
    """{name: size} of the regular files in ``directory`` except ``leave_out`` (the metadata itself)."""
    return {p.name: p.stat().st_size for p in sorted(directory.iterdir()) if p.is_file() and p.name != leave_out}


def damage_in(directory: Path, metadata: str) -> str | None:
    """What is wrong with the finished conversion in ``directory`` (None: nothing found).

    Cheap: one ``stat`` per file against the sizes recorded at conversion time; a conversion made
    before sizes were recorded is checked for a ``model.bin`` that is missing or empty.
    """
    try:
        meta = json.loads((directory / metadata).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return f"its {metadata} cannot be read ({err.__class__.__name__})"
    recorded = meta.get(FILES_KEY) if isinstance(meta, dict) else None
    expected = recorded if isinstance(recorded, dict) else {WEIGHTS: None}
    for name, size in expected.items():
        try:
            actual = (directory / name).stat().st_size
        except OSError:
            return f"{name} is missing"
        if size is None and actual == 0 or isinstance(size, int) and actual != size:
            return f"{name} has {actual} bytes" + (f", not {size}" if isinstance(size, int) else "")
    return None


def discard(directory: Path) -> bool:
    """Remove a damaged conversion; False when the cache does not let us (then convert elsewhere)."""
    try:
        shutil.rmtree(directory)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


# -- staging folders and their locks --------------------------------------------------
def lock_path(final: Path) -> Path:
    """``<cache>/locks/ct2/<name>.lock`` for ``<cache>/ct2/<name>``: beside the cache, not in the listing of ct2."""
    return final.parent.parent / "locks" / final.parent.name / f"{final.name}.lock"


@contextlib.contextmanager
def building(final: Path) -> Iterator[None]:
    """Hold ``final``'s build lock: staging folders for it are not leftovers meanwhile.

    A second builder of the same conversion waits here, then finds it finished.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield
        return
    lock_path(final).parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(final), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _final_name(staging: Path) -> str | None:
    """``name`` of a staging folder ``.name.<random>``; None for anything else."""
    if not staging.name.startswith("."):
        return None
    name, dot, _ = staging.name[1:].rpartition(".")
    return name if dot and name else None


@contextlib.contextmanager
def _unless_built(root: Path, name: str, staging: Path) -> Iterator[bool]:
    """Yields True (holding the build lock of ``name`` meanwhile) when no live process is building it."""
    if fcntl is None:
        yield time.time() - staging.stat().st_mtime > UNLOCKED_LEFTOVER_AGE_S
        return
    try:
        lock = lock_path(root / name)
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield False  # an unwritable cache: leave everything as it is
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False  # a live process is building it
            return
        yield True
    finally:
        os.close(fd)


def sweep_leftovers(root: Path) -> list[tuple[Path, int]]:
    """Delete staging folders under ``root`` that no live conversion is writing; returns (folder, bytes freed)."""
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return []
    swept = []
    for entry in entries:
        name = _final_name(entry)
        if name is None or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            with _unless_built(root, name, entry) as left_over:
                if not left_over:
                    continue
                size = sum(p.stat().st_size for p in entry.rglob("*") if p.is_file() and not p.is_symlink())
                shutil.rmtree(entry)
        except OSError:
            continue  # gone meanwhile (its builder finished), or not ours to delete: leave it
        swept.append((entry, size))
    return swept


# -- a cache that cannot be written ---------------------------------------------------
def temporary_root() -> Path:
    """A folder for this process's conversions when the cache cannot hold them; removed at exit."""
    global _temporary_root
    if _temporary_root is None:
        _temporary_root = Path(tempfile.mkdtemp(prefix="pl2en-ct2-"))
        atexit.register(shutil.rmtree, _temporary_root, True)
    return _temporary_root
