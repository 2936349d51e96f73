"""The benchmark runs end to end on tiny shapes and writes every number it promises.

No timing is asserted (a performance claim is a benchmark result, not a unit test);
this checks the script works, measures what it says, and reports it.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs the whole benchmark on tiny models (about a minute)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "bench_translate.py"

TIMINGS = {
    "translate": ("naive_transformers_s", "pipeline_transformers_s", "pipeline_ctranslate2_s", "raw_ctranslate2_s"),
    "summary": ("transformers_s", "ctranslate2_s"),
    "startup": (
        "pl2en_help_s",
        "import_translator_s",
        "load_ctranslate2_s",
        "load_transformers_s",
        "claims_fresh_process_s",
    ),
    "memory": ("translate_ctranslate2_peak_rss_mb", "translate_transformers_peak_rss_mb"),
}


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory) -> tuple[dict, str]:
    out = tmp_path_factory.mktemp("bench")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--tiny",
            "--repeats",
            "1",
            "--naive-repeats",
            "1",
            "--models-dir",
            str(out / "models"),
            "--json",
            str(out / "bench.json"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads((out / "bench.json").read_text(encoding="utf-8")), proc.stdout


def positive(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


def test_json_has_every_measurement(tiny_run):
    results, _ = tiny_run
    for section, keys in TIMINGS.items():
        for key in keys:
            assert positive(results[section][key]), (section, key, results[section].get(key))
    assert positive(results["end_to_end_ctranslate2_s"])
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["torch"] and machine["ctranslate2"] and machine["python"]


def test_measures_the_seed_with_forced_lengths(tiny_run):
    results, _ = tiny_run
    translate = results["translate"]
    assert translate["sentences"] >= 10  # the seed article, not a toy string
    assert translate["source_tokens"] > translate["sentences"]
    assert translate["batches"] >= 1 and translate["beam"] == 4
    assert translate["forced_length_ratio"] == pytest.approx(1.15)
    summary = results["summary"]
    assert 400 < summary["input_tokens"] <= 500 and summary["beam"] == 4


def test_fresh_processes_report_their_own_memory_and_imports(tiny_run):
    memory = tiny_run[0]["memory"]
    # Each child reports its own peak, not its parent's (the two engines differ).
    assert memory["translate_ctranslate2_peak_rss_mb"] != memory["translate_transformers_peak_rss_mb"]
    assert "torch" not in memory["translate_ctranslate2_heavy_modules"]
    assert "torch" in memory["translate_transformers_heavy_modules"]


def test_help_loads_no_heavy_module_and_the_probe_would_see_one(tiny_run):
    results = tiny_run[0]
    assert results["startup"]["help_heavy_modules"] == []
    # The same sys.modules probe, in the process that translated with ctranslate2, names it.
    assert "ctranslate2" in results["memory"]["translate_ctranslate2_heavy_modules"]


def test_prints_table_ratios_and_verdicts(tiny_run):
    results, stdout = tiny_run
    assert "| measurement | value |" in stdout
    assert "naive_transformers / pipeline_ctranslate2" in stdout
    assert "pipeline_ctranslate2 / raw_ctranslate2" in stdout
    assert "summary transformers / ctranslate2" in stdout
    verdicts = [line for line in stdout.splitlines() if line.startswith(("PASS: ", "FAIL: "))]
    assert len(verdicts) == len(results["targets"]) >= 6
