"""The translation memory (SQLite): translations keyed by model identity, decoding settings and source.

The same sentence under the same model and settings is translated once, ever. Two kinds of
entries (see ``translator.memory_schema``): what the engine returned for one text
(``get_many``/``put_many``, used by :class:`CachedBackend`), and a sentence's final translation
(``get_sentences``/``put_sentences``, used by the Translator before it touches an engine).

The memory never stops a translation. A corrupted database file is moved aside
(``<name>.corrupt-<timestamp>``) and a fresh one created; an unwritable cache
directory disables the memory for the session; a failed write is reported and
forgotten. Each of these reaches the user as one warning line through ``warn``.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from translator.backends import Hypothesis
from translator.cached_backend import CachedBackend
from translator.errors import CacheError, log_warning
from translator.memory_schema import (
    LOOKUP_CHUNK,
    SCHEMA_VERSION,
    TABLES,
    Corrupted,
    check_tables,
    create_table,
    is_corruption,
    source_hash,
    switch_to_wal,
    upsert,
)

__all__ = ["BUSY_TIMEOUT_MS", "CachedBackend", "SentenceRow", "TranslationMemory", "source_hash"]

BUSY_TIMEOUT_MS = 10_000

SentenceRow = tuple[str, float | None, int, tuple[str, ...]]
"""A sentence's final translation as the Translator made it: (text, score, chunks, flags)."""


class TranslationMemory:
    """Translations on disk, keyed by (identity, settings, source).

    Opens lazily on first use; ``path=None`` means ``translator.paths.memory_path()``.
    Safe to share between threads and between processes (WAL, busy timeout).
    ``enabled`` turns False, with one warning, when the database cannot be used.
    """

    def __init__(self, path: Path | str | None = None, *, warn: Callable[[str], None] | None = None) -> None:
        self._path = Path(path) if path is not None else None
        self._warn = warn if warn is not None else log_warning
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._warned: set[str] = set()
        self.enabled = True

    @property
    def path(self) -> Path:
        if self._path is None:
            from translator.paths import memory_path

            self._path = Path(memory_path())
        return self._path

    # -- public API -------------------------------------------------------

    def get_many(self, identity: str, settings: str, sources: Sequence[str]) -> dict[str, Hypothesis]:
        """What the engine returned for each of ``sources`` (misses are simply absent)."""
        rows = self._lookup("translations", ("target", "score"), identity, settings, sources)
        return {source: Hypothesis(text=target, score=score) for source, (target, score) in rows.items()}

    def put_many(self, identity: str, settings: str, items: Sequence[tuple[str, Hypothesis]]) -> None:
        """Store ``items`` in one transaction; a failure warns and is otherwise ignored."""
        now = time.time()
        self._store(
            "translations",
            [(identity, settings, source_hash(src), src, hyp.text, hyp.score, now) for src, hyp in items],
            "could not save translations to the memory",
        )

    def get_sentences(self, identity: str, settings: str, sources: Sequence[str]) -> dict[str, SentenceRow]:
        """The final translations of whole sentences stored by :meth:`put_sentences` (misses absent)."""
        rows = self._lookup("sentences", ("target", "score", "chunks", "flags"), identity, settings, sources)
        return {
            source: (target, score, chunks, tuple(f for f in flags.split(",") if f))
            for source, (target, score, chunks, flags) in rows.items()
        }

    def put_sentences(self, identity: str, settings: str, items: Sequence[tuple[str, SentenceRow]]) -> None:
        """Store sentences' final translations in one transaction; a failure warns and is otherwise ignored."""
        now = time.time()
        rows = [
            (identity, settings, source_hash(src), src, text, score, chunks, ",".join(flags), now)
            for src, (text, score, chunks, flags) in items
        ]
        self._store("sentences", rows, "could not save translations to the memory")

    def _lookup(
        self, table: str, columns: tuple[str, ...], identity: str, settings: str, sources: Sequence[str]
    ) -> dict[str, tuple[Any, ...]]:
        """``columns`` of the rows of ``table`` for ``sources``, by source (a hash match with another text misses)."""
        wanted = {source_hash(s): s for s in dict.fromkeys(sources)}
        if not wanted:
            return {}
        with self._lock:
            conn = self._connection()
            if conn is None:
                return {}
            found: dict[str, tuple[Any, ...]] = {}
            hashes = list(wanted)
            try:
                for start in range(0, len(hashes), LOOKUP_CHUNK):
                    chunk = hashes[start : start + LOOKUP_CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        f"SELECT source_hash, source, {', '.join(columns)} FROM {table} "
                        f"WHERE identity = ? AND settings = ? AND source_hash IN ({marks})",
                        (identity, settings, *chunk),
                    )
                    for key, source, *values in rows:
                        if wanted.get(key) == source:
                            found[source] = tuple(values)
            except sqlite3.Error as exc:
                self._runtime_failure(exc, "could not read the translation memory")
                return {}
            return found

    def _store(self, table: str, rows: list[tuple[Any, ...]], failure: str) -> None:
        if not rows:
            return
        with self._lock:
            conn = self._connection()
            if conn is None:
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.executemany(upsert(table), rows)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:  # SQLite may already have rolled back (e.g. disk full)
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                self._runtime_failure(exc, failure)

    def stats(self) -> dict[str, Any]:
        """``entries``, ``path``, ``size_bytes`` (database plus write-ahead log), ``enabled``."""
        with self._lock:
            path = self.path
            entries = 0
            # Reporting on a memory that was never written must not create it.
            conn = self._connection() if self._conn is not None or path.exists() else None
            if conn is not None:
                try:
                    entries = conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
                except sqlite3.Error as exc:
                    self._runtime_failure(exc, "could not read the translation memory")
            size = 0
            for part in (path, path.with_name(path.name + "-wal")):
                try:
                    size += part.stat().st_size
                except OSError:
                    pass  # the file does not exist (yet): it takes no space
            return {"entries": entries, "path": str(path), "size_bytes": size, "enabled": self.enabled}

    def clear(self) -> None:
        """Forget every stored translation and give the space back."""
        with self._lock:
            conn = self._connection()
            if conn is None:
                return
            try:
                for table in TABLES:
                    conn.execute(f"DELETE FROM {table}")
                conn.execute("VACUUM")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                self._runtime_failure(exc, "could not clear the translation memory")

    def close(self) -> None:
        """Close the connection; a later call opens it again."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- opening ------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection | None:
        """The open connection, opening it on first use; None once disabled."""
        if not self.enabled:
            return None
        if self._conn is not None:
            return self._conn
        try:
            self._conn = self._open_or_replace()
        except CacheError as exc:
            self.enabled = False
            self._warn_once(f"{exc}; translating without the translation memory")
        return self._conn

    def _open_or_replace(self) -> sqlite3.Connection:
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = "a file is in the way" if isinstance(exc, FileExistsError) else (exc.strerror or str(exc))
            raise CacheError(f"cannot create cache directory {path.parent} ({reason})") from exc
        try:
            return self._open(path)
        except Corrupted as exc:
            moved = self._move_aside(path)
            self._warn_once(
                f"translation memory {path} is corrupted ({exc}); moved it to {moved.name}, starting afresh"
            )
        try:
            return self._open(path)
        except Corrupted as exc:
            raise CacheError(f"translation memory {path} is still unusable after replacing it ({exc})") from exc

    def _open(self, path: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise CacheError(f"cannot open translation memory {path} ({exc})") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = switch_to_wal(conn, BUSY_TIMEOUT_MS)
            if str(mode).lower() != "wal":
                raise CacheError(f"translation memory {path} cannot use write-ahead logging (mode {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise CacheError(
                    f"translation memory {path} was written by a newer pl2en (schema {version}); "
                    f"upgrade pl2en, or delete {path} to start afresh"
                )
            for table in TABLES:
                conn.execute(create_table(table))
            check_tables(conn)
            if version < SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            return conn
        except sqlite3.Error as exc:
            conn.close()
            if is_corruption(exc):
                raise Corrupted(str(exc)) from exc
            raise CacheError(f"cannot use translation memory {path} ({exc})") from exc
        except (CacheError, Corrupted):
            conn.close()
            raise

    def _move_aside(self, path: Path) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        try:
            path.replace(target)
            for suffix in ("-wal", "-shm"):
                side = path.with_name(path.name + suffix)
                if side.exists():
                    side.replace(target.with_name(target.name + suffix))
        except OSError as exc:
            raise CacheError(f"translation memory {path} is corrupted and cannot be moved aside ({exc})") from exc
        return target

    # -- failures after opening ---------------------------------------------

    def _runtime_failure(self, exc: sqlite3.Error, what: str) -> None:
        """Warn and carry on; a corrupted file is moved aside and reopened on next use."""
        if is_corruption(exc) and self._conn is not None:
            self._conn.close()
            self._conn = None
            try:
                moved = self._move_aside(self.path)
            except CacheError as err:
                self.enabled = False
                self._warn_once(f"{err}; translating without the translation memory")
                return
            self._warn_once(f"translation memory {self.path} is corrupted ({exc}); moved it to {moved.name}")
            return
        self._warn_once(f"{what} {self.path} ({exc}); translation continues")

    def _warn_once(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            self._warn(message)
