"""Build a derived folder in the cache once, atomically: a model conversion, the claims' word list.

The folder is built in a private staging folder beside its final place and renamed into place
when finished, so a crash leaves nothing half built behind and concurrent builders never see
each other's work in progress. A finished folder holds ``done_marker`` (written last); a folder
without it is a leftover and is replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def build_once(final: Path, build: Callable[[Path], None], *, done_marker: str) -> Path:
    """Return ``final`` once it holds ``done_marker``; build it first if it does not.

    ``build(staging)`` fills an empty private folder beside ``final`` and writes
    ``done_marker`` last. The folder is then renamed to ``final``; a stale ``final``
    without the marker is removed first, and a concurrent builder that finished first
    wins (its folder is as good as ours). The staging folder never stays.

    A folder that cannot be written raises OSError (callers say what to do about it);
    a ``build`` that forgets the marker raises RuntimeError (a bug).
    """
    if (final / done_marker).is_file():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    try:
        build(staging)
        if not (staging / done_marker).is_file():
            raise RuntimeError(f"the build into {staging} did not write {done_marker}")
        if final.exists() and not (final / done_marker).is_file():
            shutil.rmtree(final)  # a leftover without the marker was never finished
        try:
            os.replace(staging, final)
        except OSError:
            if not (final / done_marker).is_file():
                raise
            # another process finished first: its folder is as good as ours
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return final
