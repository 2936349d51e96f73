"""Converted models are derived: damage heals, leftovers go, an unwritable cache does not stop a translation."""

from __future__ import annotations

import json

import pytest
from cache_support import conversions, mounted_tmpfs, warnings_in


def translate(run, model, article, *more):
    """ctranslate2, and no translation memory: each run must open the converted model."""
    return run("translate", article, "--model", model, "--backend", "ctranslate2", "--no-cache", "-f", "json", *more)


HARMS = {
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "garbled": lambda data: b"\xff" * 64 + data[64:],  # the same size: only opening it tells
}


@pytest.mark.parametrize("harm", list(HARMS))
def test_a_damaged_conversion_is_converted_once_more_and_the_run_goes_on(run, tiny_marian, article, cache, harm):
    first = translate(run, tiny_marian, article)
    assert first.exit_code == 0, first.stderr
    weights = conversions(cache)[str(tiny_marian)] / "model.bin"
    good = weights.read_bytes()
    weights.write_bytes(HARMS[harm](good))

    healed = translate(run, tiny_marian, article)
    assert healed.exit_code == 0, healed.stderr
    warned = warnings_in(healed.stderr)
    assert len(warned) == 1 and "converting it once more" in warned[0], healed.stderr
    assert weights.read_bytes() == good
    assert json.loads(healed.stdout)["blocks"] == json.loads(first.stdout)["blocks"]
    assert (tiny_marian / "model.safetensors").is_file()  # what it was made from is untouched

    again = translate(run, tiny_marian, article)
    assert again.exit_code == 0 and warnings_in(again.stderr) == []


def test_a_damaged_summariser_conversion_heals_too(run, tiny_marian, tiny_bart, article, cache):
    args = ("summarize", article, "--model", tiny_marian, "--summary-model", tiny_bart, "--no-cache", "-f", "json")
    first = run(*args)
    assert first.exit_code == 0, first.stderr
    weights = conversions(cache)[str(tiny_bart)] / "model.bin"
    good_size = weights.stat().st_size
    weights.write_bytes(b"")
    healed = run(*args)
    assert healed.exit_code == 0, healed.stderr
    assert any("converting it once more" in line for line in warnings_in(healed.stderr)), healed.stderr
    assert weights.stat().st_size == good_size
    assert json.loads(healed.stdout)["summary"]["abstract"] == json.loads(first.stdout)["summary"]["abstract"]


def test_the_next_run_sweeps_up_what_a_killed_conversion_left(run, tiny_marian, article, cache):
    assert translate(run, tiny_marian, article).exit_code == 0
    final = conversions(cache)[str(tiny_marian)]
    left = final.with_name(f".{final.name}.q8x1z0ab")  # what a kill during the conversion leaves
    left.mkdir()
    (left / "model.bin").write_bytes(b"\0" * 4096)
    result = translate(run, tiny_marian, article)
    assert result.exit_code == 0, result.stderr
    assert not left.exists() and final.is_dir()


def test_a_cache_blocked_by_a_file_still_translates_with_auto(run, tiny_marian, article, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(blocker / "pl2en"))
    result = run("translate", article, "--model", tiny_marian, "-f", "json")
    assert result.exit_code == 0, result.stderr
    warned = warnings_in(result.stderr)
    assert any("temporary folder" in line for line in warned), result.stderr
    assert any("translation memory" in line for line in warned), result.stderr
    assert len(warned) == 2, result.stderr
    assert json.loads(result.stdout)["translation"]["backend"] == "ctranslate2"


@pytest.mark.parametrize("options", ["ro", "size=16k"], ids=["read-only", "full"])
def test_a_read_only_or_full_cache_still_translates_with_auto(
    run, tiny_marian, article, tmp_path, monkeypatch, options
):
    with mounted_tmpfs(tmp_path / "mnt", options) as where:
        monkeypatch.setenv("PL2EN_CACHE_DIR", str(where / "pl2en"))
        result = run("translate", article, "--model", tiny_marian, "-f", "json")
    assert result.exit_code == 0, result.stderr
    warned = warnings_in(result.stderr)
    assert sum("temporary folder" in line for line in warned) == 1, result.stderr
    assert json.loads(result.stdout)["blocks"]
