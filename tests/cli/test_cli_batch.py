"""`pl2en batch`: one JSON line per article, resumable after SIGINT or a kill, failures reported."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest
from batch_support import lines_of, make_archive, pl2en, signal_after_lines

from translator.batch import collect_inputs, finished_inputs

ARTICLES = 300  # enough that the tiny model is still at work when the signal comes, on a fast machine too


def test_sigint_then_rerun_gives_exactly_one_line_per_article(tmp_path, tiny_marian, seed_text):
    articles = make_archive(tmp_path / "archive", seed_text, ARTICLES)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PL2EN_CACHE_DIR": str(tmp_path / "cache")}
    cmd = pl2en("batch", tmp_path / "archive", "-o", out, "--model", tiny_marian, "--no-cache")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stderr = signal_after_lines(proc, out, signal.SIGINT, poll=0.02)
    first = lines_of(out)
    assert proc.returncode == 130, stderr
    assert "run the same command again" in stderr
    assert 3 <= len(first) < ARTICLES, "the interruption should come mid-way"

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    final = lines_of(out)
    names = [doc["source"]["name"] for doc in final]
    assert len(final) == ARTICLES
    assert sorted(names) == sorted(str(p) for p in articles)
    assert final[: len(first)] == first  # nothing already done was redone or lost
    assert f"{len(first)} already done" in rerun.stderr


def test_a_torn_last_line_from_a_kill_is_cut_and_redone(tmp_path, tiny_marian, seed_text, run):
    articles = make_archive(tmp_path / "a", seed_text, 3)
    out = tmp_path / "out.jsonl"
    assert run("batch", articles[0], "-o", out, "--model", tiny_marian, "--beam", "1").exit_code == 0
    with out.open("a", encoding="utf-8") as fh:
        fh.write('{"schema": "pl2en.document/1", "source": {"na')  # what a kill -9 mid-write leaves
    result = run("batch", tmp_path / "a", "-o", out, "--model", tiny_marian, "--beam", "1")
    assert result.exit_code == 0, result.stderr
    docs = lines_of(out)
    assert [d["source"]["name"] for d in docs] == [str(p) for p in articles]


def test_a_failing_document_is_reported_and_the_batch_goes_on(tmp_path, tiny_marian, seed_text, run):
    good = make_archive(tmp_path / "a", seed_text, 2)
    empty = tmp_path / "a" / "pusty.txt"
    empty.write_text("   \n", encoding="utf-8")
    listing = tmp_path / "list.txt"
    listing.write_text(f"# my archive\n{good[0]}\n{empty}\n{tmp_path / 'missing.txt'}\n{good[1]}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("batch", f"@{listing}", "-o", out, "--model", tiny_marian, "--beam", "1")
    assert result.exit_code == 4
    assert "failed" in result.stderr and "pusty.txt" in result.stderr and "missing.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert [d["source"]["name"] for d in lines_of(out)] == [str(good[0]), str(good[1])]


def test_workers_translate_everything_once(tmp_path, tiny_marian, seed_text, run):
    articles = make_archive(tmp_path / "a", seed_text, 4)
    out = tmp_path / "out.jsonl"
    result = run("batch", tmp_path / "a", "-o", out, "--model", tiny_marian, "--beam", "1", "--workers", "2")
    assert result.exit_code == 0, result.stderr
    assert sorted(d["source"]["name"] for d in lines_of(out)) == [str(p) for p in articles]


def test_collect_inputs_expands_folders_and_lists_without_repeats(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    for name in ("b.txt", "a.html", "c.md", "sub/z.htm"):
        (tmp_path / "d" / name).write_text("x", encoding="utf-8")
    listing = tmp_path / "urls.txt"
    listing.write_text("https://example.pl/a\n\n# comment\nd/b.txt\n", encoding="utf-8")
    found = collect_inputs([str(tmp_path / "d"), f"@{listing}", "https://example.pl/a"])
    d = tmp_path / "d"
    assert found == [str(d / "a.html"), str(d / "b.txt"), str(d / "sub" / "z.htm"), "https://example.pl/a"]


def test_finished_inputs_reads_whole_lines_only(tmp_path):
    out = tmp_path / "o.jsonl"
    out.write_text('{"source": {"name": "a"}}\n{"source": {"name": "b"}}\n{"source": {"na', encoding="utf-8")
    assert finished_inputs(out) == {"a", "b"}
    assert out.read_text(encoding="utf-8").endswith("}}\n")


@pytest.mark.parametrize("missing", ["@nope.txt"])
def test_missing_list_file_is_one_line_error(run, tmp_path, missing, tiny_marian):
    result = run("batch", f"@{tmp_path / 'nope.txt'}", "-o", tmp_path / "o.jsonl", "--model", tiny_marian)
    assert result.exit_code != 0 and "nope.txt" in result.stderr and "Traceback" not in result.stderr


def test_an_output_that_is_not_batch_output_is_left_alone(tmp_path, tiny_marian, seed_text, run):
    articles = make_archive(tmp_path / "a", seed_text, 1)
    out = tmp_path / "notes.json"
    out.write_text('{\n  "mine": 1\n}\n', encoding="utf-8")
    result = run("batch", articles[0], "-o", out, "--model", tiny_marian, "--beam", "1")
    assert result.exit_code != 0 and "not a pl2en batch output" in result.stderr
    assert out.read_text(encoding="utf-8") == '{\n  "mine": 1\n}\n'


def test_a_directory_as_output_is_one_line_error(tmp_path, tiny_marian, seed_text, run):
    articles = make_archive(tmp_path / "a", seed_text, 1)
    result = run("batch", articles[0], "-o", tmp_path, "--model", tiny_marian)
    assert result.exit_code != 0 and "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_folder_spelled_another_way_is_not_translated_again(tmp_path, tiny_marian, seed_text, run, monkeypatch):
    make_archive(tmp_path / "a", seed_text, 2)
    out = tmp_path / "out.jsonl"
    monkeypatch.chdir(tmp_path)
    first = run("batch", "a", "-o", out, "--model", tiny_marian, "--beam", "1")
    assert first.exit_code == 0, first.stderr
    again = run("batch", tmp_path / "a", "./a/artykul-000.txt", "-o", out, "--model", tiny_marian, "--beam", "1")
    assert again.exit_code == 0, again.stderr
    assert "0 translated, 2 already done" in again.stderr
    assert len(lines_of(out)) == 2


def test_a_model_that_cannot_be_had_is_one_error_before_any_document(tmp_path, seed_text, run):
    make_archive(tmp_path / "a", seed_text, 3)
    out = tmp_path / "out.jsonl"
    result = run("batch", tmp_path / "a", "-o", out, "--model", tmp_path / "no-such-model")
    assert result.exit_code == 3
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("pl2en: error: ") and "no-such-model" in lines[0]
    assert not out.exists() or out.read_text(encoding="utf-8") == ""


def test_sigterm_stops_the_workers_quietly_and_keeps_every_finished_line(tmp_path, tiny_marian, seed_text):
    make_archive(tmp_path / "archive", seed_text, 60)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PL2EN_CACHE_DIR": str(tmp_path / "cache")}
    cmd = pl2en("batch", tmp_path / "archive", "-o", out, "--model", tiny_marian, "--no-cache", "--workers", "2")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stderr = signal_after_lines(proc, out, signal.SIGTERM)
    assert proc.returncode == 143, stderr
    for noise in ("Traceback", "BrokenPipe", "leaked semaphore", "KeyboardInterrupt"):
        assert noise not in stderr
    assert stderr.strip().splitlines()[-1].startswith("pl2en: error: interrupted after ")
    kept = lines_of(out)
    assert 3 <= len(kept) < 60 and len({d["source"]["name"] for d in kept}) == len(kept)


def test_a_cache_that_cannot_be_written_is_said_once_and_every_document_is_translated(
    tmp_path, tiny_marian, seed_text, run, monkeypatch
):
    """An unwritable cache affects every document: one warning each (memory off, conversion in a
    temporary folder), not one per document, and the archive is still translated (issue 14)."""
    make_archive(tmp_path / "a", seed_text, 6)
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(in_the_way / "pl2en"))
    out = tmp_path / "out.jsonl"
    result = run(
        "batch", tmp_path / "a", "-o", out, "--model", tiny_marian, "--backend", "ctranslate2", "--workers", "2"
    )
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("pl2en: warning: ")]
    assert any("translation memory" in w for w in warnings) and any("temporary folder" in w for w in warnings)
    assert len(warnings) == len(set(warnings)) <= 3, result.stderr  # said once, not once per document
    assert len(lines_of(out)) == 6


def test_workers_warnings_reach_the_terminal_once_each(tmp_path, tiny_marian, seed_text, run, monkeypatch):
    make_archive(tmp_path / "a", seed_text, 4)
    english = tmp_path / "a" / "english.txt"
    english.write_text("The government said on Monday that the new law would take effect next year.\n" * 3)
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(in_the_way / "pl2en"))  # no translation memory in any worker
    out = tmp_path / "out.jsonl"
    args = ("batch", tmp_path / "a", "-o", out, "--model", tiny_marian, "--backend", "transformers", "--beam", "1")
    result = run(*args, "--workers", "2")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("pl2en: warning: ")]
    memory = [line for line in warnings if "translation memory" in line]
    assert len(memory) == 1, result.stderr  # both workers hit it; it is said once
    assert any("english.txt" in line for line in warnings)
    assert len(warnings) == len(set(warnings))
    assert len(lines_of(out)) == 5


def test_the_bar_says_what_it_waits_for_until_the_first_document(monkeypatch):
    """In a terminal, a --ray batch spent ~10 s starting Ray under a bar that read 'batch 0/?'."""
    from translator.batch.run import BatchEvent, BatchReport
    from translator.cli.batch import BatchProgress

    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    with BatchProgress("starting Ray…") as progress:
        assert progress._bar is not None
        [task] = progress._bar.tasks
        assert task.description == "batch: starting Ray…"
        report = BatchReport(total=3)
        report.done = 1
        progress.update(BatchEvent("a.txt"), report)
        assert task.description == "batch" and task.completed == 1 and task.total == 3
