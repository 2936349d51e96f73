"""The bad-input catalogue, through the command line: a clear message or a correct result."""

from __future__ import annotations

import json
import os
import tracemalloc

import pytest

from translator.pipeline import Pipeline, Settings


def translate_json(run, model, path, *extra):
    result = run("translate", "--model", model, "--beam", "1", "-f", "json", *extra, path)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout), result


def assert_complete(doc: dict) -> None:
    for block in doc["blocks"]:
        for s in block["sentences"]:
            assert block["source"][s["start"] : s["end"]] == s["source"]
            assert s["target"] is not None


CATALOGUE = {
    "nul_and_control": "Ala ma\x00 kota.\x07 Kot ma\x1b Alę.\n\nDrugi akapit\x0c tekstu.",
    "crlf": "Pierwszy akapit.\r\nDalej ten sam.\r\n\r\nDrugi akapit.",
    "mixed_line_endings": "Pierwszy akapit.\r\n\r\nDrugi akapit.\n\nTrzeci akapit.\r\rCzwarty akapit.",
    "unpaired_quotes": 'Powiedział: „Nie zgadzam się. Potem wyszedł.\n\nRzecznik dodał "to nieprawda.',
    "mixed_scripts": "Prezydent Władimir Putin (Владимир Путин) spotkał się z Łukaszenką (Лукашенко). Rozmowy trwały.",
}


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_awkward_text_is_translated_whole(run, tiny_marian, tmp_path, name):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(CATALOGUE[name].encode("utf-8"))
    doc, _ = translate_json(run, tiny_marian, path)
    assert_complete(doc)
    letters = "".join(ch for ch in CATALOGUE[name] if ch.isalpha())
    assert "".join(ch for b in doc["blocks"] for ch in b["source"] if ch.isalpha()) == letters


def test_crlf_gives_the_same_blocks_as_lf(run, tiny_marian, tmp_path, seed_text):
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(seed_text.replace("\n", "\r\n").encode("utf-8"))
    lf = tmp_path / "lf.txt"
    lf.write_text(seed_text, encoding="utf-8")
    a, _ = translate_json(run, tiny_marian, crlf)
    b, _ = translate_json(run, tiny_marian, lf)
    assert [x["source"] for x in a["blocks"]] == [x["source"] for x in b["blocks"]]


def test_a_2000_word_sentence_comes_out_whole_in_chunks(run, tiny_marian, tmp_path, seed_text):
    words = seed_text.replace(".", ",").replace("\n", " ").split()[2:]  # without the date marker
    sentence = []
    while len(sentence) < 2000:
        sentence.extend(words)
    sentence = " ".join(sentence[:2000]).rstrip(",") + "."
    path = tmp_path / "long.txt"
    path.write_text(sentence, encoding="utf-8")
    doc, _ = translate_json(run, tiny_marian, path)
    [block] = doc["blocks"]
    [only] = block["sentences"]
    assert only["source"] == sentence
    assert only["chunks"] >= 4
    assert only["target"].strip()


def test_english_input_gets_a_warning_and_strict_refuses_it(run, tiny_marian, tmp_path):
    path = tmp_path / "english.txt"
    path.write_text(
        "The government announced on Monday that it would raise taxes next year. "
        "Critics said the plan would hurt small businesses and families.\n",
        encoding="utf-8",
    )
    doc, result = translate_json(run, tiny_marian, path)
    assert "does not look Polish" in result.stderr and "English" in result.stderr
    assert doc["blocks"][0]["sentences"][0]["target"]
    strict = run("translate", "--model", tiny_marian, "--strict", path)
    assert strict.exit_code != 0 and "does not look Polish" in strict.stderr


def test_polish_input_gets_no_warning(run, tiny_marian, seed_path):
    _, result = translate_json(run, tiny_marian, seed_path)
    assert "warning" not in result.stderr


def test_corrupted_translation_memory_is_moved_aside_and_rebuilt(run, tiny_marian, seed_path, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "memory.sqlite3").write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(cache))
    doc, result = translate_json(run, tiny_marian, seed_path)
    assert_complete(doc)
    assert "warning" in result.stderr and "corrupt" in result.stderr
    assert list(cache.glob("memory.sqlite3.corrupt-*"))
    again, second = translate_json(run, tiny_marian, seed_path)
    assert "warning" not in second.stderr
    assert again["blocks"] == doc["blocks"]


def test_unwritable_cache_directory_still_translates(run, tiny_marian, seed_path, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(blocker / "pl2en"))
    result = run(
        "translate", "--model", tiny_marian, "--beam", "1", "--backend", "transformers", "-f", "json", seed_path
    )
    assert result.exit_code == 0, result.stderr
    assert "warning" in result.stderr
    assert_complete(json.loads(result.stdout))


def test_show_flags_lists_doubtful_sentences(run, tiny_marian, seed_path):
    result = run("translate", "--model", tiny_marian, "--beam", "1", "--show-flags", "-f", "json", seed_path)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    flagged = [s for b in doc["blocks"] for s in b["sentences"] if s["flags"]]
    reported = [line for line in result.stderr.splitlines() if line.startswith("pl2en: flagged")]
    assert len(reported) == len(flagged)  # random weights: most sentences are flagged, each is listed
    long_sources = [s["source"] for s in flagged if len(s["source"]) > 120]
    assert long_sources  # the seed has sentences longer than what a flag line quotes
    for source in long_sources:
        assert any(line.endswith(source[:119] + "…") for line in reported)  # quoted, not dumped whole
    assert all(len(line) < 200 for line in reported)


def test_a_megabyte_of_text_is_translated_with_bounded_memory(tiny_marian, seed_text, tmp_path):
    paragraphs = [p for p in seed_text.split("\n\n") if p.strip()]
    chunks, size, i = [], 0, 0
    while size < 1_000_000:
        para = paragraphs[i % len(paragraphs)]
        chunks.append(para)
        size += len(para.encode("utf-8")) + 2
        i += 1
    path = tmp_path / "big.txt"
    path.write_text("\n\n".join(chunks), encoding="utf-8")
    pipeline = Pipeline(Settings(model=str(tiny_marian), beam=1, use_cache=False, summary_model=None))
    tracemalloc.start()
    doc = pipeline.translate(pipeline.load(str(path)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert os.path.getsize(path) >= 1_000_000
    assert len(doc.blocks) == len(chunks)
    assert all(s.target is not None for _, s in doc.sentences)
    assert peak < 400 * 2**20, f"peak Python memory {peak / 2**20:.0f} MB"
