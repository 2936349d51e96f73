"""The translation memory (SQLite) and the backend wrapper that uses it.

A translation is keyed by (model identity, decoding settings, source text): the
same sentence under the same model and settings is translated once, ever.

The memory never stops a translation. A corrupted database file is moved aside
(``<name>.corrupt-<timestamp>``) and a fresh one created; an unwritable cache
directory disables the memory for the session; a failed write is reported and
forgotten. Each of these reaches the user as one warning line through ``warn``.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from translator.backends import DecodingOptions, Hypothesis, TranslationBackend
from translator.errors import CacheError, log_warning

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000
_LOOKUP_CHUNK = 500  # stays under SQLite's bound-variable limit on old builds

_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS translations (
    identity    TEXT NOT NULL,
    settings    TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    source      TEXT NOT NULL,
    target      TEXT NOT NULL,
    score       REAL,
    created     REAL NOT NULL,
    PRIMARY KEY (identity, settings, source_hash)
) WITHOUT ROWID
"""

_COLUMNS = ("identity", "settings", "source_hash", "source", "target", "score", "created")
# The first and the last row in primary-key order: each walks one edge of the table's b-tree.
_EDGE_ROWS = (
    "SELECT source_hash FROM translations ORDER BY identity, settings, source_hash LIMIT 1",
    "SELECT source_hash FROM translations ORDER BY identity DESC, settings DESC, source_hash DESC LIMIT 1",
)

_UPSERT = """
INSERT INTO translations (identity, settings, source_hash, source, target, score, created)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (identity, settings, source_hash) DO UPDATE SET
    source = excluded.source, target = excluded.target,
    score = excluded.score, created = excluded.created
"""

# Primary result codes that mean "this file is not a usable database".
_CORRUPT_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def source_hash(text: str) -> str:
    """The key column for a source text (the text itself is stored to verify hits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _switch_to_wal(conn: sqlite3.Connection) -> str:
    """``PRAGMA journal_mode = WAL``, retried while another process holds the lock.

    SQLite does not apply the busy timeout to this switch: two processes opening a new
    memory at once (``pl2en batch --workers 2``) would otherwise see "database is locked".
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _is_corruption(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPT_CODES
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


class _Corrupted(Exception):
    """Internal: the database file failed to open or to pass :func:`_check_table`."""


def _check_table(conn: sqlite3.Connection) -> None:
    """Cheap checks on open, O(tree depth) rather than O(file size) like ``PRAGMA quick_check``.

    The header and schema were read by the statements before this; here the table must have our
    columns, and its first and last rows must be reachable (the root page and both edges of the
    b-tree). Damage deeper in the file surfaces when a query touches it and is handled then
    (``_runtime_failure``: moved aside, fresh memory).
    """
    columns = tuple(row[1] for row in conn.execute("PRAGMA table_info(translations)"))
    if columns != _COLUMNS:
        raise _Corrupted(f"unexpected table columns {', '.join(columns)}")
    for edge in _EDGE_ROWS:
        conn.execute(edge).fetchall()


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
        """The stored translations of ``sources`` (misses are simply absent)."""
        wanted = {source_hash(s): s for s in dict.fromkeys(sources)}
        if not wanted:
            return {}
        with self._lock:
            conn = self._connection()
            if conn is None:
                return {}
            found: dict[str, Hypothesis] = {}
            hashes = list(wanted)
            try:
                for start in range(0, len(hashes), _LOOKUP_CHUNK):
                    chunk = hashes[start : start + _LOOKUP_CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        "SELECT source_hash, source, target, score FROM translations "
                        f"WHERE identity = ? AND settings = ? AND source_hash IN ({marks})",
                        (identity, settings, *chunk),
                    )
                    for key, source, target, score in rows:
                        if wanted.get(key) == source:
                            found[source] = Hypothesis(text=target, score=score)
            except sqlite3.Error as exc:
                self._runtime_failure(exc, "could not read the translation memory")
                return {}
            return found

    def put_many(self, identity: str, settings: str, items: Sequence[tuple[str, Hypothesis]]) -> None:
        """Store ``items`` in one transaction; a failure warns and is otherwise ignored."""
        if not items:
            return
        now = time.time()
        rows = [(identity, settings, source_hash(source), source, hyp.text, hyp.score, now) for source, hyp in items]
        with self._lock:
            conn = self._connection()
            if conn is None:
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.executemany(_UPSERT, rows)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:  # SQLite may already have rolled back (e.g. disk full)
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                self._runtime_failure(exc, "could not save translations to the memory")

    def stats(self) -> dict:
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
                conn.execute("DELETE FROM translations")
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
        except _Corrupted as exc:
            moved = self._move_aside(path)
            self._warn_once(
                f"translation memory {path} is corrupted ({exc}); moved it to {moved.name}, starting afresh"
            )
        try:
            return self._open(path)
        except _Corrupted as exc:
            raise CacheError(f"translation memory {path} is still unusable after replacing it ({exc})") from exc

    def _open(self, path: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise CacheError(f"cannot open translation memory {path} ({exc})") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = _switch_to_wal(conn)
            if str(mode).lower() != "wal":
                raise CacheError(f"translation memory {path} cannot use write-ahead logging (mode {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise CacheError(
                    f"translation memory {path} was written by a newer pl2en (schema {version}); "
                    f"upgrade pl2en, or delete {path} to start afresh"
                )
            conn.execute(_CREATE_TABLE)
            _check_table(conn)
            if version < SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            return conn
        except sqlite3.Error as exc:
            conn.close()
            if _is_corruption(exc):
                raise _Corrupted(str(exc)) from exc
            raise CacheError(f"cannot use translation memory {path} ({exc})") from exc
        except (CacheError, _Corrupted):
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
        if _is_corruption(exc) and self._conn is not None:
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


class CachedBackend:
    """A :class:`TranslationBackend` that asks ``memory`` first and its wrapped backend for the rest."""

    def __init__(self, backend: TranslationBackend, memory: TranslationMemory) -> None:
        self.backend = backend
        self.memory = memory
        self.name = backend.name
        self.model_id = backend.model_id
        self.model_calls = 0  # calls made to the wrapped backend's translate_batch
        self.hits = 0  # texts answered by the memory
        self.misses = 0  # distinct texts sent to the wrapped backend
        self._counting = threading.Lock()  # batches may run in parallel threads

    @property
    def identity(self) -> str:
        return self.backend.identity

    @property
    def max_input_tokens(self) -> int:
        return self.backend.max_input_tokens

    @property
    def default_beam(self) -> int:
        return self.backend.default_beam

    def count_tokens(self, text: str) -> int:
        return self.backend.count_tokens(text)

    @property
    def parallel_batches(self) -> int:
        return getattr(self.backend, "parallel_batches", 1)

    def translate_batch(self, texts: list[str], options: DecodingOptions) -> list[Hypothesis]:
        """Translations of ``texts`` in order; only distinct texts the memory lacks reach the model."""
        if not texts:
            return []
        identity = self.backend.identity
        settings = options.cache_key()
        distinct = list(dict.fromkeys(texts))
        found = self.memory.get_many(identity, settings, distinct)
        missing = [text for text in distinct if text not in found]
        with self._counting:
            self.hits += sum(1 for text in texts if text in found)
            if missing:
                self.model_calls += 1
                self.misses += len(missing)
        if missing:
            translated = self.backend.translate_batch(missing, options)
            if len(translated) != len(missing):
                raise RuntimeError(
                    f"backend {self.backend.name} returned {len(translated)} translations for {len(missing)} texts"
                )
            pairs = list(zip(missing, translated, strict=False))
            self.memory.put_many(identity, settings, pairs)
            found.update(pairs)
        return [found[text] for text in texts]
