"""pl2en says what happened to models: converting once, already cached, exactly what was removed."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cache_support import conversions


def add_to_hf_cache(model_dir: Path, repo_id: str, commit: str = "c" * 40) -> Path:
    """``model_dir``'s files laid out as huggingface_hub does: blobs, snapshots/<commit>/ links, refs/main."""
    hub = Path(os.environ["HF_HUB_CACHE"])
    repo = hub / f"models--{repo_id.replace('/', '--')}"
    snapshot = repo / "snapshots" / commit
    (repo / "blobs").mkdir(parents=True, exist_ok=True)
    snapshot.mkdir(parents=True, exist_ok=True)
    for file in model_dir.iterdir():
        data = file.read_bytes()
        blob = repo / "blobs" / hashlib.sha256(data).hexdigest()
        blob.write_bytes(data)
        if not (snapshot / file.name).exists():
            (snapshot / file.name).symlink_to(os.path.relpath(blob, snapshot))
    (repo / "refs").mkdir(exist_ok=True)
    (repo / "refs" / "main").write_text(commit)
    return repo


def test_the_first_run_says_it_converts_once_and_the_next_says_nothing(run, tiny_marian, article, cache):
    args = ("translate", article, "--model", tiny_marian, "--backend", "ctranslate2", "--no-cache")
    first = run(*args)
    assert first.exit_code == 0, first.stderr
    told = [line for line in first.stderr.splitlines() if "for CTranslate2 (once)" in line]
    assert len(told) == 1 and str(tiny_marian) in told[0] and "converting" in told[0]
    second = run(*args)
    assert second.exit_code == 0 and "converting" not in second.stderr


def test_the_summariser_says_it_converts_once_too(run, tiny_marian, tiny_bart, article, cache):
    first = run("summarize", article, "--model", tiny_marian, "--summary-model", tiny_bart, "--no-cache")
    assert first.exit_code == 0, first.stderr
    told = [line for line in first.stderr.splitlines() if "for CTranslate2 (once)" in line]
    assert any(str(tiny_bart) in line for line in told), first.stderr


def test_pull_of_a_cached_model_says_already_cached(run, tiny_marian):
    add_to_hf_cache(tiny_marian, "owner/tiny-cached")
    result = run("models", "pull", "owner/tiny-cached")
    assert result.exit_code == 0, result.stderr
    assert "already cached" in result.stderr and "downloading" not in result.stderr
    assert result.stdout.startswith("owner/tiny-cached\t")


def test_remove_of_a_local_directory_says_it_removed_only_the_converted_copy(run, tiny_marian, article, cache):
    assert run("translate", article, "--model", tiny_marian, "--backend", "ctranslate2").exit_code == 0
    converted = conversions(cache)[str(tiny_marian)]
    result = run("models", "remove", tiny_marian)
    assert result.exit_code == 0, result.stderr
    assert "converted copy" in result.stdout and str(converted) in result.stdout
    assert "download" not in result.stdout
    assert not converted.exists() and (tiny_marian / "config.json").is_file()


def test_remove_converted_keeps_the_download_and_sweeps_leftovers(run, tiny_marian, article, cache):
    repo = add_to_hf_cache(tiny_marian, "owner/tiny-kept")
    assert run("translate", article, "--model", "owner/tiny-kept", "--backend", "ctranslate2").exit_code == 0
    converted = conversions(cache)["owner/tiny-kept"]
    left = converted.with_name(f".{converted.name}.k1ll3d00")
    left.mkdir()
    (left / "model.bin").write_bytes(b"\0" * 2048)

    result = run("models", "remove", "owner/tiny-kept", "--converted")
    assert result.exit_code == 0, result.stderr
    assert not converted.exists() and not left.exists()
    assert (repo / "refs" / "main").is_file() and any((repo / "snapshots").iterdir())
    assert "converted copy" in result.stdout and "leftover" in result.stdout and "download" not in result.stdout

    result = run("models", "remove", "owner/tiny-kept")
    assert result.exit_code == 0, result.stderr
    assert "download" in result.stdout and not repo.exists() or not any((repo / "snapshots").iterdir())


def test_a_translation_model_as_summary_model_is_refused_in_one_line(run, tiny_marian, article):
    result = run("summarize", article, "--model", tiny_marian, "--summary-model", tiny_marian)
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "translation model" in result.stderr
    assert result.stdout == ""
