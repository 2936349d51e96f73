"""The translation memory and the caching backend wrapper.

The wrapper is tested against ``RecordingBackend``, an honest test double that
records each call and "translates" by reversing the text; one test runs the real
tiny Marian model through the transformers backend.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading

import pytest

import translator.cache as cache_module
from translator.backends import DecodingOptions, Hypothesis, TranslationBackend
from translator.cache import CachedBackend, TranslationMemory

OPTIONS = DecodingOptions(beam=2)


class RecordingBackend:
    """Translates by reversing; records every batch it was asked for."""

    name = "recording"

    def __init__(self, identity: str = "recording:v1", score: float | None = -0.5) -> None:
        self.model_id = "test/reverse"
        self._identity = identity
        self._score = score
        self.calls: list[list[str]] = []

    @property
    def identity(self) -> str:
        return self._identity

    @property
    def max_input_tokens(self) -> int:
        return 512

    @property
    def default_beam(self) -> int:
        return 4

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1

    def translate_batch(self, texts: list[str], options: DecodingOptions) -> list[Hypothesis]:
        self.calls.append(list(texts))
        return [Hypothesis(text=t[::-1], score=self._score) for t in texts]


class Warnings(list):
    def __call__(self, message: str) -> None:
        self.append(message)


@pytest.fixture
def warnings_seen() -> Warnings:
    return Warnings()


@pytest.fixture
def memory(tmp_path, warnings_seen):
    mem = TranslationMemory(tmp_path / "memory.sqlite3", warn=warnings_seen)
    yield mem
    mem.close()


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


def _corrupt_with_random_bytes(path):
    path.write_bytes(bytes(range(256)) * 16)


def _corrupt_pages(path):
    with TranslationMemory(path) as mem:
        mem.put_many("id", "s", [(f"zdanie {i} " * 5, Hypothesis("x" * 40)) for i in range(2000)])
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * 4096
    data[2 * 4096 : 6 * 4096] = b"\xa5" * (4 * 4096)  # valid header, garbage b-tree pages
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("corrupt", [_corrupt_with_random_bytes, _corrupt_pages], ids=["not-a-database", "pages"])
def test_corrupted_database_is_moved_aside(tmp_path, warnings_seen, corrupt):
    path = tmp_path / "memory.sqlite3"
    corrupt(path)
    damaged = path.read_bytes()

    mem = TranslationMemory(path, warn=warnings_seen)
    cached = CachedBackend(RecordingBackend(), mem)
    assert [h.text for h in cached.translate_batch(["abc"], OPTIONS)] == ["cba"]
    assert mem.enabled
    assert len(warnings_seen) == 1 and "corrupt" in warnings_seen[0]

    moved = [p for p in tmp_path.iterdir() if p.name.startswith("memory.sqlite3.corrupt-")]
    assert len(moved) == 1 and moved[0].name in warnings_seen[0]
    assert moved[0].read_bytes() == damaged

    cached.translate_batch(["abc"], OPTIONS)
    assert cached.model_calls == 1  # the fresh database works
    mem.close()
    with TranslationMemory(path) as again:
        assert again.get_many(RecordingBackend().identity, OPTIONS.cache_key(), ["abc"]) == {
            "abc": Hypothesis("cba", -0.5)
        }


def test_unwritable_directory_disables_the_memory(tmp_path, warnings_seen):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    mem = TranslationMemory(blocker / "pl2en" / "memory.sqlite3", warn=warnings_seen)
    inner = RecordingBackend()
    cached = CachedBackend(inner, mem)

    assert [h.text for h in cached.translate_batch(["abc", "de"], OPTIONS)] == ["cba", "ed"]
    assert [h.text for h in cached.translate_batch(["abc"], OPTIONS)] == ["cba"]
    assert inner.calls == [["abc", "de"], ["abc"]]
    assert mem.enabled is False
    assert len(warnings_seen) == 1 and "cache directory" in warnings_seen[0]
    assert mem.get_many("recording:v1", OPTIONS.cache_key(), ["abc"]) == {}
    mem.put_many("x", "y", [("a", Hypothesis("b"))])  # does nothing, raises nothing
    assert mem.stats()["entries"] == 0 and mem.stats()["enabled"] is False
    assert len(warnings_seen) == 1


def test_database_path_that_is_a_directory_disables_the_memory(tmp_path, warnings_seen):
    (tmp_path / "memory.sqlite3").mkdir()
    mem = TranslationMemory(tmp_path / "memory.sqlite3", warn=warnings_seen)
    cached = CachedBackend(RecordingBackend(), mem)
    assert [h.text for h in cached.translate_batch(["abc"], OPTIONS)] == ["cba"]
    assert mem.enabled is False and len(warnings_seen) == 1


def test_failed_put_warns_and_translation_continues(tmp_path, warnings_seen, monkeypatch):
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "memory.sqlite3"
    mem = TranslationMemory(path, warn=warnings_seen)
    mem.get_many("id", "s", ["open it"])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer keeps the lock past the busy timeout
    try:
        cached = CachedBackend(RecordingBackend(), mem)
        assert [h.text for h in cached.translate_batch(["abc"], OPTIONS)] == ["cba"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(warnings_seen) == 1 and "locked" in warnings_seen[0]
    assert mem.enabled  # a transient failure does not disable the memory
    cached.translate_batch(["abc"], OPTIONS)
    assert cached.model_calls == 2  # nothing was stored the first time
    cached.translate_batch(["abc"], OPTIONS)
    assert cached.model_calls == 2


def test_default_warning_goes_to_the_pl2en_logger(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    mem = TranslationMemory(blocker / "memory.sqlite3")
    with caplog.at_level("WARNING", logger="pl2en"):
        assert mem.get_many("id", "s", ["a"]) == {}
    assert [(r.name, r.levelname) for r in caplog.records] == [("pl2en", "WARNING")]


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


def _fill(path, rows: int) -> list[str]:
    sources = [f"zdanie {i} " * 4 for i in range(rows)]
    with TranslationMemory(path) as mem:
        mem.put_many("id", "s", [(source, Hypothesis("x" * 40)) for source in sources])
    return sources


def _damage_a_leaf_off_the_edges(path) -> str:
    """Overwrite one leaf page that neither the first nor the last row lives on; returns the first row's source."""
    conn = sqlite3.connect(path)
    try:
        try:
            leaves = conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'translations' AND pagetype = 'leaf' ORDER BY path"
            ).fetchall()
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        first = conn.execute("SELECT source FROM translations ORDER BY identity, settings, source_hash LIMIT 1")
        first = first.fetchone()[0]
    finally:
        conn.close()
    assert len(leaves) > 10
    page = leaves[len(leaves) // 2][0]
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\xa5" * page_size)
    return first


def test_open_is_cheap_and_damage_off_the_edges_is_handled_at_first_use(tmp_path, warnings_seen):
    path = tmp_path / "memory.sqlite3"
    sources = _fill(path, 3000)
    first = _damage_a_leaf_off_the_edges(path)
    damaged = path.read_bytes()

    mem = TranslationMemory(path, warn=warnings_seen)
    assert mem.get_many("id", "s", [first]) == {first: Hypothesis("x" * 40)}
    assert warnings_seen == []  # opening did not read the whole file

    assert mem.get_many("id", "s", sources) == {}  # a lookup that meets the damaged page
    assert mem.enabled and len(warnings_seen) == 1 and "corrupt" in warnings_seen[0]
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("memory.sqlite3.corrupt-")]
    assert len(moved) == 1 and moved[0].name in warnings_seen[0]
    assert moved[0].read_bytes() == damaged

    cached = CachedBackend(RecordingBackend(), mem)
    cached.translate_batch(["abc"], OPTIONS)
    cached.translate_batch(["abc"], OPTIONS)
    assert cached.model_calls == 1  # the fresh database works
    mem.close()
    assert len(warnings_seen) == 1


def test_a_database_with_another_translations_table_is_moved_aside(tmp_path, warnings_seen):
    path = tmp_path / "memory.sqlite3"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE translations (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO translations (text) VALUES ('not ours')")
    conn.close()

    mem = TranslationMemory(path, warn=warnings_seen)
    cached = CachedBackend(RecordingBackend(), mem)
    assert [h.text for h in cached.translate_batch(["abc"], OPTIONS)] == ["cba"]
    cached.translate_batch(["abc"], OPTIONS)
    assert cached.model_calls == 1
    assert len(warnings_seen) == 1 and "unexpected table columns id, text" in warnings_seen[0]
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("memory.sqlite3.corrupt-")]
    assert len(moved) == 1
    mem.close()
