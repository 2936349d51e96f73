"""SHA-256 digests of local model files, remembered across runs.

A local model directory is identified by the hash of its files (about 300 MB for
opus-mt). Hashing it on every run would cost a second or more, so digests are kept
in ``paths.file_digests_path()`` keyed by resolved path, size and mtime: a file whose
size and mtime match is not read again. A damaged or foreign digest file reads as
empty (the files are simply hashed again) and an unwritable cache is never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path

from translator import paths
from translator.errors import OutputError
from translator.files import write_atomic

# {"format": DIGESTS_FORMAT, "files": {resolved path: [size, mtime_ns, sha256 hex]}}
DIGESTS_FORMAT = "pl2en.file-digests/1"
# A file modified this recently may change again within the same mtime tick: hash it, but do not persist it.
_RECENT_NS = 2_000_000_000
_SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")

Entry = tuple[int, int, str]  # size, mtime_ns, sha256 hex

_MEMO: dict[tuple[str, int, int], str] = {}  # (resolved path, size, mtime_ns) -> digest, this process
_STORED: dict[Path, dict[str, Entry]] = {}  # digest file -> its entries, read once per process


class FileDigests:
    """One round of lookups: ``of(path)`` for each file, then ``save()`` what was newly hashed."""

    def __init__(self, where: Path, stored: dict[str, Entry]) -> None:
        self.where = where
        self.stored = stored
        self.hashed: dict[str, Entry] = {}

    @classmethod
    def load(cls) -> FileDigests:
        where = paths.file_digests_path()
        if where not in _STORED:
            _STORED[where] = read_digest_file(where)
        return cls(where, _STORED[where])

    def of(self, path: Path) -> str:
        """sha256 hex of ``path``: from this process's memo, else the stored digests, else read."""
        stat = path.stat()
        name = str(path.resolve())
        key = (name, stat.st_size, stat.st_mtime_ns)
        digest = _MEMO.get(key)
        if digest is not None:
            return digest
        entry = self.stored.get(name)
        if entry is not None and entry[:2] == key[1:]:
            digest = entry[2]
        else:
            started = time.time_ns()
            digest = sha256_of_file(path)
            after = path.stat()
            unchanged = (after.st_size, after.st_mtime_ns) == key[1:]
            if unchanged and stat.st_mtime_ns < started - _RECENT_NS:
                self.hashed[name] = (stat.st_size, stat.st_mtime_ns, digest)
        _MEMO[key] = digest
        return digest

    def save(self) -> None:
        """Merge what was hashed into the digest file, dropping entries whose file is gone or changed; never fails."""
        if not self.hashed:
            return
        merged = {**read_digest_file(self.where), **self.hashed}  # another process may have added entries
        kept = {}
        for name, entry in merged.items():
            try:
                stat = os.stat(name)
            except OSError:
                continue  # the file is gone
            if (stat.st_size, stat.st_mtime_ns) == entry[:2]:
                kept[name] = entry
        _STORED[self.where] = kept
        text = json.dumps({"format": DIGESTS_FORMAT, "files": {n: list(e) for n, e in sorted(kept.items())}}, indent=0)
        try:
            self.where.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.where, text + "\n")
        except (OSError, OutputError):
            return  # an unwritable cache only means the next run hashes again


def sha256_of_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_digest_file(where: Path) -> dict[str, Entry]:
    """Entries of a digest file; a missing, damaged or foreign file reads as none."""
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != DIGESTS_FORMAT or not isinstance(data.get("files"), dict):
        return {}
    entries = {}
    for name, entry in data["files"].items():
        if (
            isinstance(entry, list)
            and len(entry) == 3
            and all(type(n) is int and n >= 0 for n in entry[:2])
            and isinstance(entry[2], str)
            and _SHA256_HEX.match(entry[2])
        ):
            entries[name] = (entry[0], entry[1], entry[2])
    return entries
