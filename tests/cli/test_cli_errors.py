"""Every expected failure: a non-zero exit and one readable line on stderr, never a traceback."""

from __future__ import annotations

import pytest


def assert_one_line_error(result, *needles: str, code: int | None = None) -> None:
    assert result.exit_code != 0
    if code is not None:
        assert result.exit_code == code
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pl2en: error: ")
    assert "Traceback" not in result.stderr + result.stdout
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_missing_file(run, tiny_marian, tmp_path):
    assert_one_line_error(run("translate", "--model", tiny_marian, tmp_path / "nope.txt"), "nope.txt")


def test_directory(run, tiny_marian, tmp_path):
    assert_one_line_error(run("translate", "--model", tiny_marian, tmp_path), "directory")


@pytest.mark.parametrize("content", [b"", b"   \n\n \t \n"])
def test_empty_or_blank_file(run, tiny_marian, tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert_one_line_error(run("translate", "--model", tiny_marian, path), "empty.txt")


def test_binary_file(run, tiny_marian, tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert_one_line_error(run("translate", "--model", tiny_marian, path), "photo.txt")


def test_unreachable_url(run, tiny_marian):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert_one_line_error(run("translate", "--model", tiny_marian, f"http://127.0.0.1:{port}/a"), "127.0.0.1")


def test_only_http_urls(run, tiny_marian):
    assert_one_line_error(run("translate", "--model", tiny_marian, "ftp://example.com/a.txt"), "http")


def test_missing_model_names_the_pull_command(run, seed_path):
    result = run("translate", "--offline", "--model", "Helsinki-NLP/opus-mt-xx-yy", seed_path)
    assert_one_line_error(result, "pl2en models pull Helsinki-NLP/opus-mt-xx-yy")


def test_default_model_offline_names_the_pull_command(run, seed_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = run("translate", seed_path)
    assert_one_line_error(result, "pl2en models pull Helsinki-NLP/opus-mt-pl-en")


def test_missing_model_directory(run, seed_path, tmp_path):
    assert_one_line_error(run("translate", "--model", tmp_path / "no-such-model", seed_path), "no-such-model")


def test_unwritable_output_keeps_nothing_half_written(run, tiny_marian, seed_path, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = run("translate", "--model", tiny_marian, "--beam", "1", "-o", out_dir, seed_path)
    assert_one_line_error(result, "directory")
    assert list(tmp_path.iterdir()) == [out_dir] and list(out_dir.iterdir()) == []  # no temp or partial file
    result = run("translate", "--model", tiny_marian, "--beam", "1", "-o", out_dir / "missing" / "a.txt", seed_path)
    assert_one_line_error(result, "missing")
    assert list(tmp_path.iterdir()) == [out_dir] and list(out_dir.iterdir()) == []


def test_debug_shows_the_traceback(tiny_marian, tmp_path):
    from typer.testing import CliRunner

    from translator.cli import app

    result = CliRunner().invoke(app, ["translate", "--debug", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert result.exc_info is not None and result.exc_info[0].__name__ == "InputNotFound"


def test_output_file_keeps_normal_permissions_and_no_temp_file(run, tiny_marian, seed_path, tmp_path):
    import os
    import stat

    out = tmp_path / "out.md"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o644)
    result = run("translate", "--model", tiny_marian, "--beam", "1", "-f", "markdown", "-o", out, seed_path)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_a_closed_pipe_is_not_an_error(tiny_marian, seed_path):
    import subprocess
    import sys

    cmd = [sys.executable, "-c", "from translator.cli import app; app()", "translate", "--model", str(tiny_marian)]
    proc = subprocess.run(
        f"{subprocess.list2cmdline(cmd + ['--beam', '1', str(seed_path)])} | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr


def test_an_unknown_device_is_a_usage_error(run, tiny_marian, seed_path):
    result = run("translate", seed_path, "--model", tiny_marian, "--device", "gpu")
    assert result.exit_code == 2
    assert "unknown device 'gpu'" in result.stderr and "cuda:N" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
@pytest.mark.parametrize("device", ["cuda", "cuda:1"])
def test_cuda_without_a_gpu_is_one_line(run, tiny_marian, seed_path, backend, device):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    result = run("translate", seed_path, "--model", tiny_marian, "--backend", backend, "--device", device)
    assert_one_line_error(result, "CUDA")


def _damaged_copy(source, target, damage: str):
    import shutil

    shutil.copytree(source, target)
    if damage == "truncated weights":
        weights = target / "model.safetensors"
        weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    elif damage == "no vocabulary":
        (target / "vocab.json").unlink()
    else:
        (target / "source.spm").write_bytes(b"not a sentencepiece model")
    return target


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
@pytest.mark.parametrize(
    ("damage", "names"),
    [("truncated weights", "deserializing"), ("no vocabulary", "vocab.json"), ("broken tokenizer", "source.spm")],
)
def test_damaged_model_files_are_named_in_one_line(run, tiny_marian, seed_path, tmp_path, backend, damage, names):
    model = _damaged_copy(tiny_marian, tmp_path / "damaged-model", damage)
    result = run("translate", seed_path, "--model", model, "--backend", backend)
    assert_one_line_error(result, "damaged or incomplete", names, code=3)
    assert "cannot convert" not in result.stderr  # not blamed on ctranslate2


@pytest.mark.parametrize("command", ["translate", "summarize"])
def test_output_onto_the_input_itself_is_refused_and_the_article_kept(run, tiny_marian, seed_text, tmp_path, command):
    article = tmp_path / "artykul.txt"
    article.write_text(seed_text, encoding="utf-8")
    extra = ["--summary-model", "none"] if command == "summarize" else []
    result = run(command, article, "--model", tiny_marian, *extra, "-o", tmp_path / "." / "artykul.txt")
    assert_one_line_error(result, "is the input article itself", code=2)
    assert article.read_text(encoding="utf-8") == seed_text
