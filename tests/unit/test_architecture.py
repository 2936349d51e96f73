"""The house rules that keep the core headless and cheap to import."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI_MODULES = {"typer", "textual", "rich", "tui", "click"}
HEAVY_MODULES = {"torch", "transformers", "ctranslate2", "sentencepiece", "tokenizers", "textual", "trafilatura"}
HEAVY_MODULES |= {"simplemma", "marisa_trie"}  # the claims' word list: loaded when claims are first extracted


def imported_after(code: str) -> set[str]:
    probe = f"import sys; {code}; import json; print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_core_loads_no_ui_and_no_engine():
    modules = imported_after(
        "import translator, translator.pipeline, translator.render, translator.document, translator.batch"
    )
    assert not modules & UI_MODULES, modules & UI_MODULES
    assert not modules & HEAVY_MODULES, modules & HEAVY_MODULES


def test_cli_help_loads_no_engine_and_no_textual():
    probe = (
        "import sys, json\n"
        "from typer.testing import CliRunner\n"
        "from translator.cli import app\n"
        "r = CliRunner().invoke(app, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    modules = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert not modules & HEAVY_MODULES, modules & HEAVY_MODULES


def test_no_core_module_imports_a_ui_library_at_any_level():
    offenders = []
    for path in (ROOT / "translator").rglob("*.py"):
        if path.name == "cli.py" and path.parent.name == "translator":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in UI_MODULES]
    assert not offenders, offenders


def test_tui_is_never_imported_by_the_core_but_uses_it():
    for path in (ROOT / "translator").rglob("*.py"):
        assert "from tui" not in path.read_text(encoding="utf-8") or path.name == "cli.py", path
