"""`pl2en translate` end to end on a tiny random-weight Marian, through both real backends."""

from __future__ import annotations

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


def blocks_of(result) -> list[dict]:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["blocks"]


SEED_KINDS = ["paragraph", "heading", "paragraph", "heading", "heading", "paragraph"]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def check_seed_document(doc: dict) -> None:
    assert doc["schema"] == "pl2en.document/1"
    assert doc["source"]["date"] == "2023-06"
    assert [b["kind"] for b in doc["blocks"]] == SEED_KINDS
    for block in doc["blocks"]:
        assert block["sentences"], block
        assert block["target"], block
        for s in block["sentences"]:
            assert block["source"][s["start"] : s["end"]] == s["source"]
            assert s["target"] and s["target"].strip()
            assert s["chunks"] >= 1


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_translate_seed_to_json_from_file_and_stdin(run, tiny_marian, seed_path, backend):
    args = ("translate", "--model", tiny_marian, "--backend", backend, "--format", "json", "--no-cache")
    from_file = run(*args, seed_path)
    assert from_file.exit_code == 0, from_file.stderr
    doc = json.loads(from_file.stdout)
    check_seed_document(doc)
    assert doc["translation"]["backend"] == backend
    assert doc["translation"]["beam"] == 6  # from the model's generation config
    from_stdin = run(*args, "-", input=seed_path.read_bytes())
    assert [b["source"] for b in blocks_of(from_stdin)] == [b["source"] for b in doc["blocks"]]
    assert json.loads(from_stdin.stdout)["source"]["name"] == "<stdin>"


def test_windows_1250_copy_gives_the_same_blocks(run, tiny_marian, seed_path, tmp_path):
    cp1250 = tmp_path / "seed-cp1250.txt"
    cp1250.write_bytes(seed_path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("cp1250"))
    args = ("translate", "--model", tiny_marian, "--format", "json", "--beam", "1")
    original = blocks_of(run(*args, seed_path))
    converted = blocks_of(run(*args, cp1250))
    assert [b["source"] for b in converted] == [b["source"] for b in original]
    assert [b["kind"] for b in converted] == SEED_KINDS


BOILERPLATE = ["Czytaj także", "plików cookie", "Regulamin", "Komentarze"]


def assert_article_only(blocks: list[dict], seed_text: str) -> None:
    text = "\n".join(b["source"] for b in blocks)
    for phrase in ("Pomimo powszechnego potępienia", "Kazachstan dystansuje się od Rosji", "Doceniam jego żart"):
        assert phrase in text
    for phrase in BOILERPLATE:
        assert phrase.lower() not in text.lower(), phrase


def test_saved_news_page_gives_the_article_without_boilerplate(run, tiny_marian, seed_text):
    page = FIXTURES / "news_page.html"
    html = page.read_text(encoding="utf-8")
    assert all(p.lower() in html.lower() for p in ("Czytaj także", "cookie")), "fixture lost its boilerplate"
    blocks = blocks_of(run("translate", "--model", tiny_marian, "--format", "json", "--beam", "1", page))
    assert_article_only(blocks, seed_text)


@pytest.fixture()
def local_site():
    handler = partial(SimpleHTTPRequestHandler, directory=str(FIXTURES))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_news_page_from_a_url_on_localhost(run, tiny_marian, seed_text, local_site):
    url = f"{local_site}/news_page.html"
    result = run("translate", "--model", tiny_marian, "--format", "json", "--beam", "1", url)
    blocks = blocks_of(result)
    assert_article_only(blocks, seed_text)
    assert json.loads(result.stdout)["source"]["url"] == url


def test_markdown_and_text_outputs_pair_each_paragraph(run, tiny_marian, seed_path, tmp_path):
    out = tmp_path / "seed.md"
    result = run("translate", "--model", tiny_marian, "--beam", "1", "-f", "markdown", "-o", out, seed_path)
    assert result.exit_code == 0, result.stderr
    markdown = out.read_text(encoding="utf-8")
    assert markdown.count("\n> ") == 3  # three paragraphs, each followed by its English
    assert markdown.count("### ") == 3  # three headings
    text = run("translate", "--model", tiny_marian, "--beam", "1", seed_path)
    assert text.exit_code == 0
    for n in range(1, 7):
        assert f"¶{n}" in text.stdout


def test_second_run_is_served_from_the_translation_memory(run, tiny_marian, seed_path, monkeypatch):
    from translator.backends.ct2 import CTranslate2Backend

    engine_calls: list[int] = []
    real = CTranslate2Backend.translate_batch

    def counted(self, texts, options):
        engine_calls.append(len(texts))
        return real(self, texts, options)

    monkeypatch.setattr(CTranslate2Backend, "translate_batch", counted)
    args = (
        "translate",
        "--model",
        tiny_marian,
        "--backend",
        "ctranslate2",
        "--format",
        "json",
        "--beam",
        "3",
        seed_path,
    )
    first = blocks_of(run(*args))
    assert sum(engine_calls) >= len([s for b in first for s in b["sentences"]])  # the model did the work
    engine_calls.clear()
    second = blocks_of(run(*args))
    assert engine_calls == []  # every sentence came from the memory
    assert [b["target"] for b in first] == [b["target"] for b in second]
    uncached = blocks_of(run(*args, "--no-cache"))
    assert engine_calls and [b["target"] for b in uncached] == [b["target"] for b in first]


def test_offline_refuses_to_fetch_a_url(run, tiny_marian, local_site):
    result = run("translate", "--offline", "--model", tiny_marian, f"{local_site}/news_page.html")
    assert result.exit_code != 0 and "--offline" in result.stderr and "Traceback" not in result.stderr


def test_a_page_without_an_article_is_an_error_not_an_empty_translation(run, tiny_marian, tmp_path):
    page = tmp_path / "index.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Directory listing for /</title></head><body>"
        "<h1>Directory listing for /</h1><hr><ul><li><a href='a.txt'>a.txt</a></li>"
        "<li><a href='b/'>b/</a></li></ul><hr></body></html>",
        encoding="utf-8",
    )
    result = run("translate", "--model", tiny_marian, page)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"pl2en: error: {page}: no article text found on the page, only headings"
    assert result.stdout == ""
