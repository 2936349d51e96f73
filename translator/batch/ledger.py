"""The resume ledger: the batch output itself, read back to know what is done and with which settings.

Each line is a ``pl2en.document/1`` document plus a ``batch`` field: the input as given,
the content digest of what was translated and the settings identity (see ``identity.py``).
A rerun skips an input only when its content and the settings are unchanged. A changed
document's new line is appended (a kill never loses the old one before the new one is safe);
the superseded lines go when the file is compacted, atomically, at the end of the run.

Only the parent process writes: one ``write`` per whole line, then fsync. A torn last line
left by a kill is cut off when the ledger is read.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from translator.batch.identity import Identity
from translator.batch.inputs import input_key
from translator.errors import OutputError
from translator.files import is_stream


@dataclass(frozen=True)
class LedgerEntry:
    """Where an input's latest line is, and what it was made from (None: a line from before the ledger)."""

    offset: int
    length: int
    content: str | None
    identity: Identity | None


class Ledger:
    """The latest line of each input in a batch output (later lines replace earlier ones)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, LedgerEntry] = {}
        self.names: list[str] = []  # source.name of every line, in file order
        self.lines = 0

    @classmethod
    def read(cls, path: Path) -> Ledger:
        """Read ``path`` (absent: an empty ledger), cutting off a torn last line.

        A complete line that is not a pl2en document means ``path`` is some other file:
        it is left alone and the batch refuses to append to it.
        """
        ledger = cls(path)
        if not path.exists() or is_stream(path):  # a device or FIFO: nothing to resume from, never read it
            return ledger
        good_end = 0
        try:
            with path.open("rb") as fh:
                for number, raw in enumerate(fh, 1):
                    if not raw.endswith(b"\n"):
                        break  # the torn tail of an interrupted write
                    ledger._add(raw, good_end, number)
                    good_end += len(raw)
            if good_end != path.stat().st_size:
                with path.open("r+b") as fh:
                    fh.truncate(good_end)
        except OSError as err:
            raise OutputError(f"cannot use {path} as the batch output: {err.strerror or err}") from err
        return ledger

    def _add(self, raw: bytes, offset: int, number: int) -> None:
        try:
            doc = json.loads(raw)
            name = doc["source"]["name"]
            stamp = doc.get("batch") or {}
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise OutputError(
                f"{self.path} is not a pl2en batch output (line {number} is not a document); choose another -o file"
            ) from err
        spec = stamp.get("input") or name
        identity = stamp.get("settings") if isinstance(stamp.get("settings"), dict) else None
        self.entries[input_key(spec)] = LedgerEntry(offset, len(raw), stamp.get("content"), identity)
        self.names.append(name)
        self.lines += 1

    @property
    def superseded(self) -> int:
        """Lines replaced by a later line of the same input: what compaction removes."""
        return self.lines - len(self.entries)

    def compact(self) -> None:
        """Rewrite the file with one line per input, atomically: the latest line of each input,
        at the place of its first line."""
        from translator.files import write_atomic

        keep: dict[str, str] = {}
        try:
            with self.path.open("rb") as fh:
                for raw in fh:
                    if not raw.endswith(b"\n"):
                        break
                    doc = json.loads(raw)
                    key = input_key((doc.get("batch") or {}).get("input") or doc["source"]["name"])
                    keep[key] = raw.decode("utf-8").rstrip("\n")
        except OSError as err:
            raise OutputError(f"cannot read {self.path} back: {err.strerror or err}") from err
        write_atomic(self.path, "".join(line + "\n" for line in keep.values()))


class JsonLinesWriter:
    """Appends whole lines: one write per line, flushed and synced. The file is created on the first line,
    so a run that writes nothing leaves nothing behind."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._regular = not is_stream(path)  # a device or FIFO takes writes but cannot be synced

    def _open(self) -> int:
        if self._fd is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            except OSError as err:
                raise OutputError(f"cannot write {self.path}: {err.strerror or err}") from err
        return self._fd

    def write(self, line: str) -> None:
        data = (line.rstrip("\n") + "\n").encode("utf-8")
        fd = self._open()
        try:
            written = os.write(fd, data)
            if written != len(data):  # pragma: no cover - a full disk
                raise OSError(f"short write ({written} of {len(data)} bytes)")
            if self._regular:
                os.fsync(fd)
        except OSError as err:
            raise OutputError(f"cannot write {self.path}: {err.strerror or err}") from err

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def errors_path(output: Path) -> Path:
    """The sidecar that lists failed documents: ``out.jsonl`` -> ``out.errors.jsonl``."""
    stem = output.name[: -len(".jsonl")] if output.name.endswith(".jsonl") else output.name
    return output.with_name(f"{stem}.errors.jsonl")


def finished_inputs(output: Path) -> set[str]:
    """Names (``source.name``) of the documents already in ``output``; cuts off a torn last line."""
    return set(Ledger.read(output).names)
