"""What every command promises: plain help pages, one line for misuse, `python -m translator`,
the pipeline closed on failure, files written at the fixed width, warnings as lines on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from translator.cli.output import FILE_WIDTH, output_width

COMMANDS = [[], ["translate"], ["summarize"], ["read"], ["batch"], ["models"], ["models", "pull"]]
COMMANDS += [["models", "list"], ["models", "remove"]]
ENGLISH = (
    "The Kazakh authorities have said that they will not help Russia get around the sanctions. "
    "The president said so on Friday, and the government repeated it.\n"
)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "pl2en")
def test_help_pages_use_plain_metavars(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert "<" not in page and "{" not in page, page
    assert "Usage: " in page and "--help " in page


def test_help_shows_flags_bare_and_values_by_kind(run):
    lines = run("translate", "--help", env={"COLUMNS": "160"}).stdout.splitlines()

    def row(option: str) -> str:
        return " ".join(next(line for line in lines if f" {option} " in line).split())

    assert row("--offline").startswith("│ --offline Never touch")
    assert row("--beam").startswith("│ --beam INTEGER [x>=1]")
    assert row("--output").startswith("│ --output -o PATH")
    assert row("--model").startswith("│ --model -m TEXT")
    assert row("--device").startswith("│ --device [auto|cpu|cuda|cuda:N]")
    assert row("--format").startswith("│ --format -f [text|markdown|json|html]")
    assert any(line.strip() == "Usage: pl2en translate [OPTIONS] INPUT" for line in lines)


@pytest.mark.parametrize("command", ["translate", "summarize", "read"])
def test_many_inputs_point_at_batch_in_one_line(run, tmp_path, command):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    result = run(command, a, b, "--offline")
    assert result.exit_code == 2
    assert (
        result.stderr == f"pl2en: error: {command} takes one article; for many, use: pl2en batch {a} {b} -o out.jsonl\n"
    )
    assert "╭" not in result.output


def test_python_dash_m_translator_runs_the_cli():
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-m", "translator", "--help"], capture_output=True, text=True, cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "Usage: pl2en [OPTIONS] COMMAND" in proc.stdout and "translate" in proc.stdout


@pytest.mark.parametrize("command", ["translate", "summarize"])
def test_the_memory_is_closed_when_a_command_fails_after_translating(
    run, tiny_marian, seed_path, tmp_path, monkeypatch, command
):
    from translator.cache import TranslationMemory

    closed = []
    real_close = TranslationMemory.close
    monkeypatch.setattr(TranslationMemory, "close", lambda self: (closed.append(self), real_close(self)))
    extra = ["--summary"] if command == "translate" else []
    missing = tmp_path / "no-summariser"
    result = run(command, seed_path, "--model", tiny_marian, "--beam", "1", *extra, "--summary-model", missing)
    assert result.exit_code == 3 and "no-summariser" in result.stderr  # failed after the translation
    assert len(closed) == 1


def test_files_get_the_fixed_width_whatever_the_terminal(monkeypatch):
    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.setattr("shutil.get_terminal_size", lambda fallback=(80, 24): __import__("os").terminal_size((200, 50)))
    assert output_width(None) == 200
    assert output_width(Path("summary.txt")) == FILE_WIDTH == 80


def test_summarize_to_a_file_wraps_at_the_fixed_width(run, tiny_marian, seed_path, tmp_path):
    out = tmp_path / "summary.txt"
    result = run("summarize", seed_path, "--model", tiny_marian, "--beam", "1", "--summary-model", "none", "-o", out)
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and max(map(len, lines)) <= FILE_WIDTH
    assert max(map(len, lines)) > FILE_WIDTH - 20  # wrapped at the width, not far below it


def test_warnings_are_lines_on_stderr(run, tiny_marian, tmp_path):
    article = tmp_path / "english.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    result = run("translate", article, "--model", tiny_marian, "--beam", "1", "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stderr == f"pl2en: warning: {article}: input does not look Polish (looks English); translating anyway\n"
    )


def test_the_readme_documents_every_exit_code():
    import re

    from translator import errors
    from translator.cli.app import EXIT_INTERNAL, EXIT_INTERRUPTED

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme.split("Exit codes, for scripts:", 1)[1].split("\n\n", 2)[1]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)}
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.Pl2enError)]
    used = {0, 2, EXIT_INTERNAL, EXIT_INTERRUPTED} | {c.exit_code for c in classes}  # 2: click's usage errors
    assert used <= documented, used - documented


def test_read_without_a_terminal_says_so_in_one_line(run, seed_path):
    """Under CliRunner (as in a pipe or with output to a file) stdout is no terminal: the reader would
    write its escape codes into the pipe and wait for keys that never come."""
    result = run("read", seed_path, "--offline")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"pl2en: error: read needs a terminal to draw in; for a file or a pipe use: pl2en translate {seed_path}\n"
    )
    assert result.stdout == ""
