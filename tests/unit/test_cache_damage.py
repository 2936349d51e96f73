"""The translation memory never stops a translation: corrupted, unwritable or locked databases."""

from __future__ import annotations

import sqlite3

import pytest
from memory_support import OPTIONS, RecordingBackend

import translator.cache as cache_module
from translator.backends import Hypothesis
from translator.cache import CachedBackend, TranslationMemory


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
