"""Converted models: damage found by the sizes recorded at conversion time; leftovers swept unless being built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from translator.backends.conversion_health import (
    building,
    damage_in,
    file_sizes,
    lock_path,
    sweep_leftovers,
    temporary_root,
)

META = "pl2en-conversion.json"


def conversion(folder, *, record=True, weights=b"\x01" * 100):
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(weights)
    (folder / "source.spm").write_bytes(b"spm")
    meta = {"model_id": "owner/model", "revision": "abc"}
    if record:
        meta["files"] = file_sizes(folder, leave_out=META)
    (folder / META).write_text(json.dumps(meta), encoding="utf-8")
    return folder


def test_a_finished_conversion_is_healthy(tmp_path):
    folder = conversion(tmp_path / "m--abc--int8")
    assert json.loads((folder / META).read_text())["files"] == {"model.bin": 100, "source.spm": 3}
    assert damage_in(folder, META) is None


@pytest.mark.parametrize(
    ("harm", "found"),
    [
        (lambda f: (f / "model.bin").write_bytes(b""), "model.bin has 0 bytes, not 100"),
        (lambda f: (f / "model.bin").write_bytes(b"\x01" * 60), "model.bin has 60 bytes, not 100"),
        (lambda f: (f / "source.spm").unlink(), "source.spm is missing"),
        (lambda f: (f / META).write_text("{trunc", encoding="utf-8"), "cannot be read"),
    ],
    ids=["empty", "truncated", "missing", "metadata"],
)
def test_damage_is_named(tmp_path, harm, found):
    folder = conversion(tmp_path / "m--abc--int8")
    harm(folder)
    assert found in damage_in(folder, META)


def test_a_conversion_from_before_sizes_were_recorded_needs_a_non_empty_model_bin(tmp_path):
    assert damage_in(conversion(tmp_path / "old", record=False), META) is None
    assert "model.bin has 0 bytes" in damage_in(conversion(tmp_path / "empty", record=False, weights=b""), META)


def staging(root, name="m--abc--int8", suffix="k2j3h4x1"):
    folder = root / f".{name}.{suffix}"
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(b"\x00" * 1000)
    return folder


def test_a_killed_conversion_is_swept_and_nothing_else(tmp_path):
    root = tmp_path / "ct2"
    left = staging(root)
    finished = conversion(root / "m--abc--int8")
    other = root / ".hidden-file"
    other.write_text("not a folder")
    swept = sweep_leftovers(root)
    assert swept == [(left, 1000)]
    assert not left.exists() and finished.is_dir() and other.is_file()
    assert damage_in(finished, META) is None
    assert sorted(p.name for p in root.iterdir()) == [".hidden-file", "m--abc--int8"]  # the locks live elsewhere


HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_a_conversion_being_built_by_a_live_process_is_left_alone(tmp_path):
    root = tmp_path / "ct2"
    busy = staging(root)
    lock = lock_path(root / "m--abc--int8")
    lock.parent.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert sweep_leftovers(root) == []
        assert busy.is_dir()
    finally:
        holder.kill()
        holder.wait()
    assert [folder for folder, _ in sweep_leftovers(root)] == [busy]  # the kill released the lock


def test_building_holds_the_lock_others_see(tmp_path):
    root = tmp_path / "ct2"
    left = staging(root)
    with building(root / "m--abc--int8"):
        assert sweep_leftovers(root) == []
    assert [folder for folder, _ in sweep_leftovers(root)] == [left]
    assert not left.exists()


def test_the_temporary_root_is_one_folder_per_process(tmp_path):
    first = temporary_root()
    assert first == temporary_root() and first.is_dir() and os.access(first, os.W_OK)
    assert time.time() - first.stat().st_mtime < 3600
