"""A warm run whose sentences are all in the translation memory loads no engine, with either backend."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "transformers", "ctranslate2")

WARM_RUN = """
import json, sys
from translator.cli import app
try:
    app(sys.argv[2:], standalone_mode=False)
finally:
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(sorted(m for m in {heavy!r} if m in sys.modules), out)
"""


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_a_fully_remembered_article_imports_no_engine_and_reads_the_same(run, tiny_marian, tmp_path, backend):
    article = tmp_path / "article.txt"
    article.write_text("Kreml ostrzegł Kazachstan.\n\nPrezydent odpowiedział krótko i spokojnie.\n", encoding="utf-8")
    args = ["translate", str(article), "--model", str(tiny_marian), "--backend", backend, "-f", "json"]
    cold = run(*args)
    assert cold.exit_code == 0, cold.stderr

    imported = tmp_path / "imported.json"
    warm = subprocess.run(
        [sys.executable, "-c", WARM_RUN.format(heavy=HEAVY), str(imported), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert warm.returncode == 0, warm.stderr
    assert json.loads(imported.read_text(encoding="utf-8")) == []
    assert json.loads(warm.stdout) == json.loads(cold.stdout)
