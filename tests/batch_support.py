"""An archive of article variants, the lines of a batch output, and a batch stopped by a signal, for the batch tests."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


def make_archive(folder: Path, seed_text: str, count: int) -> list[Path]:
    """``count`` different articles made of the seed's paragraphs, numbered in their first line."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = [p for p in seed_text.split("\n\n") if p.strip()]
    paths = []
    for i in range(count):
        body = "\n\n".join(paragraphs[(i + k) % len(paragraphs)] for k in range(3))
        path = folder / f"artykul-{i:03d}.txt"
        path.write_text(f"Artykuł numer {i}.\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_name(path: Path) -> dict[str, dict]:
    docs = lines_of(path)
    named = {doc["source"]["name"]: doc for doc in docs}
    assert len(named) == len(docs), "a document is in the output twice"
    return named


def pl2en(*args) -> list[str]:
    """The command line of `pl2en ARGS…` in a fresh interpreter (for real signals)."""
    return [sys.executable, "-c", "from translator.cli import app; app()", *map(str, args)]


def signal_after_lines(proc: subprocess.Popen, out: Path, sig: int, *, lines: int = 3, poll: float = 0.05) -> str:
    """Once ``out`` holds ``lines`` lines, send ``sig`` to the running batch; its stderr once it has exited."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < lines):
        assert proc.poll() is None, proc.communicate()[1]
        time.sleep(poll)
    proc.send_signal(sig)
    return proc.communicate(timeout=60)[1]
