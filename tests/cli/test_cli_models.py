"""`pl2en models …` and `pl2en --help` from a user's side (no network)."""

from __future__ import annotations


def test_help_lists_every_command(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in ("translate", "summarize", "read", "batch", "models"):
        assert command in result.stdout


def test_list_with_an_empty_cache_says_how_to_pull(run, tmp_path, monkeypatch):
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "pl2en"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf"))
    result = run("models", "list")
    assert result.exit_code == 0
    assert "pl2en models pull" in result.stdout


def test_list_shows_a_converted_model(run, tiny_marian, seed_path):
    assert run("translate", "--model", tiny_marian, "--beam", "1", "--backend", "ctranslate2", seed_path).exit_code == 0
    result = run("models", "list")
    assert result.exit_code == 0
    assert "ctranslate2" in result.stdout and str(tiny_marian) in result.stdout


def test_remove_unknown_model_is_one_line_error(run):
    result = run("models", "remove", "nobody/nothing")
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "nobody/nothing" in result.stderr


def test_pull_without_network_is_one_line_error(run):
    result = run("models", "pull", "Helsinki-NLP/opus-mt-pl-en")
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("pl2en: error")]
    assert len(lines) == 1 and "Traceback" not in result.stderr
