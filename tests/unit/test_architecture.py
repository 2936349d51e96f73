"""The house rules that keep the core headless, cheap to import and free of import cycles.

Every module under ``translator`` is found by walking the package (no hand-written list), so a new
module is checked the day it is added. The core is everything except ``translator.cli`` (the Typer
front end, allowed to use typer, rich and the reader).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import translator

ROOT = Path(__file__).resolve().parents[2]
UI_MODULES = {"typer", "textual", "rich", "tui", "click"}
HEAVY_MODULES = {"torch", "transformers", "ctranslate2", "sentencepiece", "tokenizers", "textual", "trafilatura"}
HEAVY_MODULES |= {"simplemma", "marisa_trie"}  # the claims' word list: loaded when claims are first extracted
FRONT_END = "translator.cli"

# Cycles tolerated for now. An entry here that no longer forms a cycle fails the test, so the list
# cannot outlive the fix. Empty: the core has no import cycle.
KNOWN_CYCLES: set[frozenset[str]] = set()


def all_modules() -> list[str]:
    names = ["translator"] + [m.name for m in pkgutil.walk_packages(translator.__path__, "translator.")]
    return sorted(n for n in names if not n.endswith(".__main__"))  # __main__ runs the CLI when imported


def core_modules() -> list[str]:
    return [n for n in all_modules() if n != FRONT_END and not n.startswith(FRONT_END + ".")]


def source_tree(name: str) -> tuple[ast.Module, bool]:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin, name
    return ast.parse(Path(spec.origin).read_text(encoding="utf-8")), spec.submodule_search_locations is not None


def runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:`` (never executed)."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return found


def imports_of(name: str) -> list[tuple[str, list[str]]]:
    """What module ``name`` imports at any level (functions included): ``(module, [names taken from it])``."""
    tree, is_package = source_tree(name)
    package = name if is_package else name.rpartition(".")[0]
    found: list[tuple[str, list[str]]] = []
    for node in runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            found.append((base, [alias.name for alias in node.names]))
    return found


def imported_names(name: str) -> set[str]:
    return {module for module, _ in imports_of(name)}


def import_graph() -> dict[str, set[str]]:
    """Module -> the translator modules it imports (``from translator import paths`` -> translator.paths)."""
    modules = set(all_modules())
    graph: dict[str, set[str]] = {}
    for name in modules:
        edges: set[str] = set()
        for module, taken in imports_of(name):
            submodules = {f"{module}.{t}" for t in taken} & modules
            edges |= submodules
            if module in modules and len(submodules) < len(taken or [""]):  # something other than a submodule
                edges.add(module)
        graph[name] = edges - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                found.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, path)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return found


def imported_after(code: str) -> set[str]:
    probe = f"import sys; {code}; import json; print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_walk_finds_the_core_and_the_front_end():
    modules = all_modules()
    assert {"translator.pipeline", "translator.parse", "translator.backends.ct2", "translator.cli.app"} <= set(modules)
    assert not any(m.startswith(FRONT_END) for m in core_modules())


def test_import_translator_is_cheap():
    modules = imported_after("import translator")
    assert not modules & (UI_MODULES | HEAVY_MODULES), modules & (UI_MODULES | HEAVY_MODULES)


def test_importing_every_core_module_loads_no_ui_and_no_engine():
    modules = imported_after(
        "import importlib; " + "; ".join(f"importlib.import_module({m!r})" for m in core_modules())
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
    offenders = [
        f"{name}: {imported}"
        for name in core_modules()
        for imported in imported_names(name)
        if imported.split(".")[0] in UI_MODULES
    ]
    assert not offenders, offenders


def test_tui_is_never_imported_by_the_core_but_uses_it():
    assert not [m for m in core_modules() if any(n.split(".")[0] == "tui" for n in imported_names(m))]
    tui_imports = set()
    for path in (ROOT / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                tui_imports.add(node.module)
            elif isinstance(node, ast.Import):
                tui_imports.update(alias.name for alias in node.names)
    assert {"translator.pipeline", "translator.document"} <= tui_imports, sorted(tui_imports)


def test_no_import_cycles_among_translator_modules():
    found = cycles(import_graph())
    unknown = [" -> ".join(cycle) for cycle in found if frozenset(cycle) not in KNOWN_CYCLES]
    assert not unknown, unknown
    stale = [sorted(known) for known in KNOWN_CYCLES if known not in {frozenset(cycle) for cycle in found}]
    assert not stale, f"no longer a cycle, remove it from KNOWN_CYCLES: {stale}"


def test_the_cycle_check_sees_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
