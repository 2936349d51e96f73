"""Resume by identity: a rerun skips what is done with the same input and settings, and nothing else."""

from __future__ import annotations

import functools
import http.server
import json
import threading

import pytest
from batch_support import by_name, lines_of, make_archive

from translator.batch import errors_path


def batch(run, folder, out, model, *extra):
    result = run("batch", folder, "-o", out, "--model", model, "--no-cache", *extra)
    assert "Traceback" not in result.stderr
    return result


def test_unchanged_inputs_are_skipped_and_the_file_is_untouched(tmp_path, tiny_marian, seed_text, run):
    make_archive(tmp_path / "a", seed_text, 4)
    out = tmp_path / "out.jsonl"
    assert batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1").exit_code == 0
    before = out.read_bytes()
    again = batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1")
    assert again.exit_code == 0
    assert "pl2en: 0 translated, 4 already done, 0 failed" in again.stderr
    assert out.read_bytes() == before


def test_every_line_records_the_content_and_the_settings(tmp_path, tiny_marian, seed_text, run):
    articles = make_archive(tmp_path / "a", seed_text, 1)
    out = tmp_path / "out.jsonl"
    assert batch(run, tmp_path / "a", out, tiny_marian, "--beam", "2").exit_code == 0
    [doc] = lines_of(out)
    assert doc["schema"] == "pl2en.document/1"
    stamp = doc["batch"]
    assert stamp["input"] == str(articles[0])
    assert stamp["content"].startswith("sha256:") and len(stamp["content"]) == len("sha256:") + 64
    settings = stamp["settings"]
    assert settings["model"] == str(tiny_marian.resolve()) and settings["model_digest"].startswith("sha256:")
    assert settings["beam"] == 2 and settings["backend"] in ("ctranslate2", "transformers")
    assert settings["summary_model"] is None


def test_a_changed_input_is_translated_again_and_its_line_replaced_in_place(tmp_path, tiny_marian, seed_text, run):
    articles = make_archive(tmp_path / "a", seed_text, 4)
    out = tmp_path / "out.jsonl"
    assert batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1").exit_code == 0
    first = lines_of(out)
    with articles[2].open("a", encoding="utf-8") as fh:
        fh.write("\nDodane zdanie na końcu artykułu.\n")
    again = batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1")
    assert again.exit_code == 0, again.stderr
    assert "0 translated, 1 changed and translated again, 3 already done" in again.stderr
    final = lines_of(out)
    assert len(final) == 4  # compacted: the old line is gone
    assert [d["source"]["name"] for d in final] == [d["source"]["name"] for d in first]
    assert final[:2] == first[:2] and final[3] == first[3]
    assert final[2]["batch"]["content"] != first[2]["batch"]["content"]
    assert final[2]["blocks"][-1]["source"] == "Dodane zdanie na końcu artykułu."


def test_a_changed_beam_translates_everything_again(tmp_path, tiny_marian, seed_text, run):
    make_archive(tmp_path / "a", seed_text, 3)
    out = tmp_path / "out.jsonl"
    assert batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1").exit_code == 0
    again = batch(run, tmp_path / "a", out, tiny_marian, "--beam", "2")
    assert again.exit_code == 0
    assert "0 translated, 3 changed and translated again, 0 already done" in again.stderr
    docs = lines_of(out)
    assert len(docs) == 3 and {d["batch"]["settings"]["beam"] for d in docs} == {2}
    assert {d["translation"]["beam"] for d in docs} == {2}


def test_force_translates_everything_again(tmp_path, tiny_marian, seed_text, run):
    make_archive(tmp_path / "a", seed_text, 3)
    out = tmp_path / "out.jsonl"
    assert batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1").exit_code == 0
    forced = batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1", "--force")
    assert forced.exit_code == 0
    assert "0 translated, 3 redone (--force), 0 already done" in forced.stderr
    assert len(lines_of(out)) == 3


def test_a_line_from_before_the_ledger_is_translated_again(tmp_path, tiny_marian, seed_text, run):
    make_archive(tmp_path / "a", seed_text, 2)
    out = tmp_path / "out.jsonl"
    assert batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1").exit_code == 0
    old = [json.dumps({k: v for k, v in d.items() if k != "batch"}, ensure_ascii=False) for d in lines_of(out)]
    out.write_text("\n".join(old) + "\n", encoding="utf-8")  # what an older pl2en wrote: no content, no settings
    again = batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1")
    assert "2 changed and translated again" in again.stderr
    assert all("batch" in d for d in lines_of(out)) and len(lines_of(out)) == 2


def test_summary_adds_claims_to_each_line_and_is_part_of_the_settings(tmp_path, tiny_marian, seed_text, run):
    make_archive(tmp_path / "a", seed_text, 2)
    out = tmp_path / "out.jsonl"
    assert batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1").exit_code == 0
    summed = batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1", "--summary", "--summary-model", "none")
    assert summed.exit_code == 0, summed.stderr
    assert "2 changed and translated again" in summed.stderr
    for doc in by_name(out).values():
        assert doc["summary"] is not None and doc["summary"]["abstract"] is None
        assert doc["batch"]["settings"]["summary_model"] == "claims only"


def test_strict_refuses_a_document_that_is_not_polish_and_goes_on(tmp_path, tiny_marian, seed_text, run):
    make_archive(tmp_path / "a", seed_text, 1)
    english = tmp_path / "a" / "english.txt"
    english.write_text("The government said on Monday that the new law would take effect next year.\n" * 3)
    out = tmp_path / "out.jsonl"
    result = batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1", "--strict")
    assert result.exit_code == 4
    assert "english.txt" in result.stderr and "--strict" in result.stderr
    assert len(lines_of(out)) == 1
    [failure] = lines_of(errors_path(out))
    assert failure["input"] == str(english) and "--strict" in failure["error"]


def test_the_errors_sidecar_lists_this_runs_failures_only(tmp_path, tiny_marian, seed_text, run):
    make_archive(tmp_path / "a", seed_text, 2)
    empty = tmp_path / "a" / "pusty.txt"
    empty.write_text("   \n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1")
    assert result.exit_code == 4 and str(errors_path(out)) in result.stderr
    assert errors_path(out).name == "out.errors.jsonl"
    [failure] = lines_of(errors_path(out))
    assert failure["input"] == str(empty) and failure["error"]
    empty.write_text("Teraz jest tu zdanie.\n", encoding="utf-8")
    fixed = batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1")
    assert fixed.exit_code == 0 and "1 translated, 2 already done, 0 failed" in fixed.stderr
    assert not errors_path(out).exists()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture()
def served(tmp_path):
    """An http server on 127.0.0.1 serving tmp_path/site; yields the base URL."""
    site = tmp_path / "site"
    site.mkdir()
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_is_skipped_while_its_text_is_the_same_and_translated_again_when_it_changes(
    served, tmp_path, tiny_marian, seed_text, run
):
    site, base = served
    [article] = make_archive(site, seed_text, 1)
    url = f"{base}/{article.name}"
    out = tmp_path / "out.jsonl"
    assert batch(run, url, out, tiny_marian, "--beam", "1").exit_code == 0
    [doc] = lines_of(out)
    assert doc["batch"]["input"] == url and doc["batch"]["content"].startswith("text-sha256:")
    same = batch(run, url, out, tiny_marian, "--beam", "1")
    assert "0 translated, 1 already done" in same.stderr
    article.write_text("Zupełnie nowy tekst artykułu.\n", encoding="utf-8")
    changed = batch(run, url, out, tiny_marian, "--beam", "1")
    assert "1 changed and translated again" in changed.stderr
    [doc] = lines_of(out)
    assert doc["blocks"][0]["source"] == "Zupełnie nowy tekst artykułu."


@pytest.mark.parametrize("how", ["--ray", "--workers"])
def test_a_rerun_with_nothing_to_do_starts_no_ray_and_no_workers(
    tmp_path, tiny_marian, seed_text, run, monkeypatch, how
):
    make_archive(tmp_path / "a", seed_text, 3)
    out = tmp_path / "out.jsonl"
    assert batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1").exit_code == 0

    def must_not_run(*args, **kwargs):
        raise AssertionError("nothing was left to translate, yet the batch started its engine")

    monkeypatch.setattr("translator.batch.ray_data.run_on_ray", must_not_run)
    monkeypatch.setattr("translator.batch.local.run_local", must_not_run)
    extra = ("--ray",) if how == "--ray" else ("--workers", "2")
    again = batch(run, tmp_path / "a", out, tiny_marian, "--beam", "1", *extra)
    assert again.exit_code == 0, again.stderr
    assert "pl2en: 0 translated, 3 already done, 0 failed" in again.stderr
