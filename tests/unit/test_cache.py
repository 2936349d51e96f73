"""The translation memory and the caching backend wrapper: hits, misses, persistence, concurrency.

The wrapper is tested against ``RecordingBackend`` (tests/unit/memory_support.py); one test runs
the real tiny Marian model through the transformers backend. Damage: test_cache_damage.py.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading

import pytest
from memory_support import OPTIONS, RecordingBackend

from translator.backends import DecodingOptions, Hypothesis, TranslationBackend
from translator.cache import CachedBackend, TranslationMemory


def test_wrapper_satisfies_the_protocol(memory):
    cached = CachedBackend(RecordingBackend(), memory)
    assert isinstance(cached, TranslationBackend)
    assert (cached.name, cached.model_id, cached.identity) == ("recording", "test/reverse", "recording:v1")
    assert (cached.max_input_tokens, cached.default_beam, cached.count_tokens("a b")) == (512, 4, 3)


def test_miss_then_hit(memory, warnings_seen):
    inner = RecordingBackend()
    cached = CachedBackend(inner, memory)
    first = cached.translate_batch(["Ala ma kota.", "Kot ma Alę."], OPTIONS)
    assert [h.text for h in first] == [".atok am alA", ".ęlA am toK"]
    assert cached.model_calls == 1

    second = cached.translate_batch(["Kot ma Alę.", "Ala ma kota."], OPTIONS)
    assert [h.text for h in second] == [".ęlA am toK", ".atok am alA"]
    assert [h.score for h in second] == [-0.5, -0.5]
    assert cached.model_calls == 1
    assert inner.calls == [["Ala ma kota.", "Kot ma Alę."]]
    assert cached.hits == 2 and cached.misses == 2
    assert warnings_seen == []


def test_partial_hit_sends_only_the_misses_in_order(memory):
    inner = RecordingBackend()
    cached = CachedBackend(inner, memory)
    cached.translate_batch(["b", "d"], OPTIONS)
    result = cached.translate_batch(["a", "b", "c", "d", "e"], OPTIONS)
    assert [h.text for h in result] == ["a", "b", "c", "d", "e"]  # one-letter texts reverse to themselves
    assert inner.calls == [["b", "d"], ["a", "c", "e"]]
    assert cached.model_calls == 2


def test_duplicates_in_one_batch_are_translated_once(memory):
    inner = RecordingBackend()
    cached = CachedBackend(inner, memory)
    result = cached.translate_batch(["xy", "zw", "xy", "xy", "zw"], OPTIONS)
    assert [h.text for h in result] == ["yx", "wz", "yx", "yx", "wz"]
    assert inner.calls == [["xy", "zw"]]


def test_empty_batch_makes_no_call(memory):
    inner = RecordingBackend()
    cached = CachedBackend(inner, memory)
    assert cached.translate_batch([], OPTIONS) == []
    assert inner.calls == [] and cached.model_calls == 0


def test_other_settings_or_identity_miss(memory):
    inner = RecordingBackend(identity="model-a")
    cached = CachedBackend(inner, memory)
    cached.translate_batch(["zdanie"], OPTIONS)
    cached.translate_batch(["zdanie"], DecodingOptions(beam=5))
    cached.translate_batch(["zdanie"], DecodingOptions(beam=2, repetition_penalty=1.2))
    assert cached.model_calls == 3

    other_model = CachedBackend(RecordingBackend(identity="model-b"), memory)
    other_model.translate_batch(["zdanie"], OPTIONS)
    assert other_model.model_calls == 1

    again = CachedBackend(RecordingBackend(identity="model-a"), memory)
    again.translate_batch(["zdanie"], DecodingOptions(beam=5))
    assert again.model_calls == 0
    assert memory.stats()["entries"] == 4


def test_persists_across_reopen(tmp_path):
    path = tmp_path / "nested" / "dirs" / "memory.sqlite3"  # parents are created
    with TranslationMemory(path) as mem:
        mem.put_many("id", "s", [("Dzień dobry.", Hypothesis("Good morning.", -0.25))])
    assert path.is_file()
    with TranslationMemory(path) as mem:
        assert mem.get_many("id", "s", ["Dzień dobry.", "Nieznane."]) == {
            "Dzień dobry.": Hypothesis("Good morning.", -0.25)
        }
        stats = mem.stats()
    assert stats["entries"] == 1 and stats["path"] == str(path) and stats["size_bytes"] > 0
    assert stats["enabled"] is True


def test_score_none_round_trips_and_put_replaces(memory):
    memory.put_many("id", "s", [("a", Hypothesis("A", None)), ("b", Hypothesis("B", -1.5))])
    memory.put_many("id", "s", [("b", Hypothesis("B2", None))])
    memory.close()
    got = memory.get_many("id", "s", ["a", "b"])
    assert got == {"a": Hypothesis("A", None), "b": Hypothesis("B2", None)}
    assert got["a"].score is None


def test_wal_mode_and_schema(memory, tmp_path):
    memory.put_many("id", "s", [("a", Hypothesis("A"))])
    conn = sqlite3.connect(tmp_path / "memory.sqlite3")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        row = conn.execute("SELECT source_hash, source, target, score, created FROM translations").fetchone()
    finally:
        conn.close()
    assert len(row[0]) == 64 and row[1:4] == ("a", "A", None) and row[4] > 0


def test_hash_match_with_different_source_is_a_miss(memory, tmp_path):
    memory.put_many("id", "s", [("prawda", Hypothesis("truth"))])
    memory.close()
    conn = sqlite3.connect(tmp_path / "memory.sqlite3")
    with conn:
        conn.execute("UPDATE translations SET source = 'inny tekst'")
    conn.close()
    assert memory.get_many("id", "s", ["prawda"]) == {}


def test_clear_empties_the_memory(memory):
    memory.put_many("id", "s", [(str(i), Hypothesis(str(i))) for i in range(50)])
    assert memory.stats()["entries"] == 50
    memory.clear()
    assert memory.stats()["entries"] == 0
    assert memory.get_many("id", "s", ["1"]) == {}


def test_many_sources_in_one_lookup(memory):
    items = [(f"zdanie {i}", Hypothesis(f"sentence {i}", float(-i))) for i in range(1200)]
    memory.put_many("id", "s", items)
    got = memory.get_many("id", "s", [source for source, _ in items])
    assert got == dict(items)


_CONCURRENT_WRITER = """
from translator.backends import Hypothesis
from translator.cache import TranslationMemory

seen = []
mem = TranslationMemory(path, warn=seen.append)
ready.wait(30)
distinct = [(f"proc{worker} zdanie {i}", Hypothesis(f"proc{worker} sentence {i}", -0.1 * worker)) for i in range(500)]
shared = [(f"wspólne {i}", Hypothesis(f"shared {i}", None)) for i in range(100)]
items = distinct + shared
for start in range(0, len(items), 5):  # 120 transactions each, interleaved with the other process
    mem.put_many("model", "beam=4", items[start:start + 5])
found = mem.get_many("model", "beam=4", [source for source, _ in items])
mem.close()
with open(report, "w", encoding="utf-8") as out:
    out.write(f"{len(found)}\\n")
    out.writelines(message + "\\n" for message in seen)
"""


def test_two_processes_write_concurrently(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    path = str(tmp_path / "shared" / "memory.sqlite3")
    ready = ctx.Event()
    procs = []
    for worker in (1, 2):
        namespace = {"path": path, "worker": worker, "ready": ready, "report": str(tmp_path / f"report{worker}")}
        procs.append(ctx.Process(target=exec, args=(_CONCURRENT_WRITER, namespace)))
    for proc in procs:
        proc.start()
    ready.set()
    for proc in procs:
        proc.join(120)
        assert proc.exitcode == 0
    for worker in (1, 2):
        lines = (tmp_path / f"report{worker}").read_text(encoding="utf-8").splitlines()
        assert lines == ["600"], lines  # every entry readable, no warnings (no "database is locked")

    with TranslationMemory(path) as mem:
        assert mem.stats()["entries"] == 1100
        sources = [f"proc{w} zdanie {i}" for w in (1, 2) for i in range(500)] + [f"wspólne {i}" for i in range(100)]
        got = mem.get_many("model", "beam=4", sources)
    assert len(got) == 1100
    assert got["proc2 zdanie 499"] == Hypothesis("proc2 sentence 499", -0.2)
    assert got["wspólne 7"] == Hypothesis("shared 7", None)


def test_threads_share_one_wrapper(memory, warnings_seen):
    cached = CachedBackend(RecordingBackend(), memory)
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(20):
                texts = [f"t{offset}-{i}", "wspólne", f"t{offset}-{i}"]
                result = cached.translate_batch(texts, OPTIONS)
                assert [h.text for h in result] == [t[::-1] for t in texts]
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and warnings_seen == []
    assert memory.stats()["entries"] == 81


def test_default_path_comes_from_translator_paths(tmp_path, monkeypatch):
    pytest.importorskip("translator.paths")
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "cachedir"))
    with TranslationMemory() as mem:
        mem.put_many("id", "s", [("a", Hypothesis("b"))])
        assert mem.path.is_relative_to(tmp_path / "cachedir")
    assert mem.path.is_file()


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory):
    pytest.importorskip("translator.backends.hf")
    from translator.testing.marian import build_marian

    return build_marian(tmp_path_factory.mktemp("cache-marian"))


def test_real_tiny_marian_second_translation_makes_no_model_call(tiny_marian, tmp_path, warnings_seen):
    from translator.backends.hf import TransformersBackend

    backend = TransformersBackend(str(tiny_marian), device="cpu", offline=True)
    inner_calls = []
    original = backend.translate_batch

    def counting(texts, options):
        inner_calls.append(list(texts))
        return original(texts, options)

    backend.translate_batch = counting  # counts calls; the real model still translates
    options = DecodingOptions(beam=1, max_length_ratio=1.0, length_slack=2)
    sources = ["Kazachstan dystansuje się od Rosji.", "Prezydent Kazachstanu odcina się od Łukaszenki."]
    with TranslationMemory(tmp_path / "memory.sqlite3", warn=warnings_seen) as mem:
        cached = CachedBackend(backend, mem)
        first = cached.translate_batch(sources, options)
        second = cached.translate_batch(list(reversed(sources)), options)
    assert cached.model_calls == 1 and inner_calls == [sources]
    assert second == list(reversed(first))
    assert all(isinstance(h.text, str) for h in first)
    assert warnings_seen == []


def test_stats_of_a_missing_memory_creates_nothing(tmp_path):
    path = tmp_path / "never" / "memory.sqlite3"
    stats = TranslationMemory(path).stats()
    assert stats == {"entries": 0, "path": str(path), "size_bytes": 0, "enabled": True}
    assert not path.parent.exists()
