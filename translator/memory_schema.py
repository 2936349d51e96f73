"""The translation memory's SQLite schema and the checks run when it is opened.

Two tables, both keyed by (model identity, settings, SHA-256 of the source):

- ``translations``: what the engine returned for one text it was given (a sentence or a piece of one);
- ``sentences``: a whole sentence's final translation (pieces joined, repaired, flagged), so a
  document whose sentences are all known is put together without loading an engine at all.

Adding ``sentences`` needed no new schema version: an older pl2en leaves the table alone.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time

SCHEMA_VERSION = 1
LOOKUP_CHUNK = 500  # stays under SQLite's bound-variable limit on old builds

TABLES = {
    "translations": (
        ("identity", "TEXT NOT NULL"),
        ("settings", "TEXT NOT NULL"),
        ("source_hash", "TEXT NOT NULL"),
        ("source", "TEXT NOT NULL"),
        ("target", "TEXT NOT NULL"),
        ("score", "REAL"),
        ("created", "REAL NOT NULL"),
    ),
    "sentences": (
        ("identity", "TEXT NOT NULL"),
        ("settings", "TEXT NOT NULL"),
        ("source_hash", "TEXT NOT NULL"),
        ("source", "TEXT NOT NULL"),
        ("target", "TEXT NOT NULL"),
        ("score", "REAL"),
        ("chunks", "INTEGER NOT NULL"),
        ("flags", "TEXT NOT NULL"),  # flag names joined by commas; "" when clean
        ("created", "REAL NOT NULL"),
    ),
}
KEY = ("identity", "settings", "source_hash")

# Primary result codes that mean "this file is not a usable database".
_CORRUPT_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def create_table(table: str) -> str:
    columns = ", ".join(f"{name} {kind}" for name, kind in TABLES[table])
    return f"CREATE TABLE IF NOT EXISTS {table} ({columns}, PRIMARY KEY ({', '.join(KEY)})) WITHOUT ROWID"


def upsert(table: str) -> str:
    names = [name for name, _ in TABLES[table]]
    updates = ", ".join(f"{name} = excluded.{name}" for name in names if name not in KEY)
    return (
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates}"
    )


def source_hash(text: str) -> str:
    """The key column for a source text (the text itself is stored to verify hits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def switch_to_wal(conn: sqlite3.Connection, timeout_ms: int) -> str:
    """``PRAGMA journal_mode = WAL``, retried while another process holds the lock.

    SQLite does not apply the busy timeout to this switch: two processes opening a new
    memory at once (``pl2en batch --workers 2``) would otherwise see "database is locked".
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def is_corruption(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPT_CODES
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


class Corrupted(Exception):
    """The database file failed to open or to pass :func:`check_tables`."""


def check_tables(conn: sqlite3.Connection) -> None:
    """Cheap checks on open, O(tree depth) rather than O(file size) like ``PRAGMA quick_check``.

    The header and schema were read by the statements before this; here each table must have our
    columns, and its first and last rows must be reachable (the root page and both edges of the
    b-tree). Damage deeper in the file surfaces when a query touches it and is handled then.
    """
    for table, spec in TABLES.items():
        columns = tuple(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))
        if columns != tuple(name for name, _ in spec):
            raise Corrupted(f"unexpected table columns {', '.join(columns)} ({table})")
        order = ", ".join(KEY)
        descending = ", ".join(f"{name} DESC" for name in KEY)
        for edge in (order, descending):
            conn.execute(f"SELECT source_hash FROM {table} ORDER BY {edge} LIMIT 1").fetchall()
