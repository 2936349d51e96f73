"""What the cache tests share: a private pl2en cache, a short article, the conversions in the cache."""

from __future__ import annotations

import json
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

ARTICLE = "Kreml ostrzegł Kazachstan przed zbliżeniem z Zachodem.\n\nPrezydent odpowiedział krótko i spokojnie.\n"
META = "pl2en-conversion.json"


def conversions(cache: Path) -> dict[str, Path]:
    """Finished conversions under ``cache``/ct2 by the model id they were made from."""
    found = {}
    for folder in sorted((cache / "ct2").iterdir()):
        if folder.is_dir() and not folder.name.startswith(".") and (folder / META).is_file():
            found[json.loads((folder / META).read_text(encoding="utf-8"))["model_id"]] = folder
    return found


def warnings_in(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("pl2en: warning:")]


@contextmanager
def mounted_tmpfs(where: Path, options: str):
    """A tmpfs at ``where`` (read-only, or tiny: a full disk); skips the test where mounting is not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
