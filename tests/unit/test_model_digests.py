"""Digests of local model files persist across runs, so a restart does not reread hundreds of MB.

Proofs of "not reread" are by content: a file changed behind the cache's back (same size, mtime
restored with os.utime) still yields the stored digest, and a counting wrapper sees no reads.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from translator import file_digests, models, paths
from translator.file_digests import DIGESTS_FORMAT
from translator.models import content_hash

ROOT = Path(__file__).resolve().parents[2]
WEIGHTS = "model.safetensors"
MODEL_FILES = {
    "config.json": '{"model_type": "marian"}',
    WEIGHTS: "weights " * 200,
    "source.spm": "spm-source",
    "target.spm": "spm-target",
    "vocab.json": '{"</s>": 0}',
}
AN_HOUR_AGO_NS = time.time_ns() - 3600 * 10**9


@pytest.fixture(autouse=True)
def fresh_process(tmp_path, monkeypatch):
    """A cache dir of its own and no digests remembered, as in a new process."""
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(file_digests, "_MEMO", {})
    monkeypatch.setattr(file_digests, "_STORED", {})


@pytest.fixture
def reads(monkeypatch):
    """Names of the files whose contents are hashed from now on."""
    seen: list[str] = []
    real = file_digests.sha256_of_file

    def counting(path):
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(file_digests, "sha256_of_file", counting)
    return seen


def write_model(directory: Path, *, mtime_ns: int = AN_HOUR_AGO_NS) -> Path:
    directory.mkdir(parents=True)
    for name, text in MODEL_FILES.items():
        (directory / name).write_text(text, encoding="utf-8")
        os.utime(directory / name, ns=(mtime_ns, mtime_ns))
    return directory


def new_process(monkeypatch) -> None:
    monkeypatch.setattr(file_digests, "_MEMO", {})
    monkeypatch.setattr(file_digests, "_STORED", {})


def rewrite_keeping_size_and_mtime(path: Path, text: str) -> None:
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def stored_files() -> dict:
    data = json.loads(paths.file_digests_path().read_text(encoding="utf-8"))
    assert data["format"] == DIGESTS_FORMAT
    return data["files"]


def true_hash(directory: Path, tmp_path: Path, monkeypatch) -> str:
    """content_hash of a copy under another path with an empty cache: every file really read."""
    copy = tmp_path / f"copy-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(directory, copy)
    new_process(monkeypatch)
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "reference-cache"))
    try:
        return content_hash(copy)
    finally:
        monkeypatch.setenv("PL2EN_CACHE_DIR", str(tmp_path / "cache"))
        new_process(monkeypatch)


def test_a_new_process_reuses_stored_digests(tmp_path, monkeypatch, reads):
    model = write_model(tmp_path / "model")
    first = content_hash(model)
    assert sorted(reads) == sorted(MODEL_FILES)
    assert set(stored_files()) == {str((model / name).resolve()) for name in MODEL_FILES}

    new_process(monkeypatch)
    reads.clear()
    assert content_hash(model) == first
    assert reads == []

    # Changed behind the cache's back: same size, mtime restored. The stored digest is still used.
    rewrite_keeping_size_and_mtime(model / WEIGHTS, "WEIGHTS " * 200)
    assert true_hash(model, tmp_path, monkeypatch) != first
    reads.clear()
    assert content_hash(model) == first
    assert reads == []


def test_a_separate_python_process_reads_the_stored_digests(tmp_path):
    model = write_model(tmp_path / "model")
    first = content_hash(model)
    rewrite_keeping_size_and_mtime(model / WEIGHTS, "WEIGHTS " * 200)
    probe = "import sys; from pathlib import Path; from translator.models import content_hash; "
    probe += "print(content_hash(Path(sys.argv[1])))"
    env = {**os.environ, "PL2EN_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run(
        [sys.executable, "-c", probe, str(model)], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    assert out.stdout.strip() == first  # a rehash would have seen the new contents

    env["PL2EN_CACHE_DIR"] = str(tmp_path / "other-cache")
    out = subprocess.run(
        [sys.executable, "-c", probe, str(model)], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    assert out.stdout.strip() != first  # without the stored digests the change is seen


def test_a_modified_file_is_rehashed_and_its_entry_replaced(tmp_path, monkeypatch, reads):
    model = write_model(tmp_path / "model")
    first = content_hash(model)
    weights = model / WEIGHTS
    old_entry = stored_files()[str(weights.resolve())]

    weights.write_text("retrained " * 200, encoding="utf-8")
    later = AN_HOUR_AGO_NS + 10**9
    os.utime(weights, ns=(later, later))
    new_process(monkeypatch)
    reads.clear()
    second = content_hash(model)
    assert reads == [WEIGHTS]
    assert second != first and second == true_hash(model, tmp_path, monkeypatch)
    new_entry = stored_files()[str(weights.resolve())]
    assert new_entry != old_entry and new_entry[:2] == [weights.stat().st_size, later]
    assert len(stored_files()) == len(MODEL_FILES)  # replaced, not added


def test_same_size_new_mtime_is_rehashed(tmp_path, monkeypatch, reads):
    model = write_model(tmp_path / "model")
    first = content_hash(model)
    (model / "source.spm").write_text("spm-SOURCE", encoding="utf-8")  # same size, mtime now
    new_process(monkeypatch)
    reads.clear()
    assert content_hash(model) != first
    assert reads == ["source.spm"]


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\xff not json at all",
        b'["a", "list"]',
        b'{"format": "someone-else/9", "files": {}}',
        b'{"format": "pl2en.file-digests/1", "files": []}',
        b'{"format": "pl2en.file-digests/1", "files": {"x": [1, 2], "y": [-1, 2, "00"], "z": "s"}}',
    ],
    ids=["binary", "list", "foreign", "files-not-a-dict", "bad-entries"],
)
def test_a_damaged_digest_file_is_ignored_and_replaced(tmp_path, monkeypatch, reads, garbage):
    model = write_model(tmp_path / "model")
    expected = true_hash(model, tmp_path, monkeypatch)
    where = paths.file_digests_path()
    where.parent.mkdir(parents=True)
    where.write_bytes(garbage)

    reads.clear()
    assert content_hash(model) == expected
    assert sorted(reads) == sorted(MODEL_FILES)
    assert set(stored_files()) == {str((model / name).resolve()) for name in MODEL_FILES}


def test_a_wrong_entry_for_another_size_is_not_used(tmp_path, monkeypatch, reads):
    model = write_model(tmp_path / "model")
    expected = true_hash(model, tmp_path, monkeypatch)
    weights = model / WEIGHTS
    stat = weights.stat()
    where = paths.file_digests_path()
    where.parent.mkdir(parents=True)
    stale = {str(weights.resolve()): [stat.st_size + 1, stat.st_mtime_ns, "0" * 64]}
    where.write_text(json.dumps({"format": DIGESTS_FORMAT, "files": stale}), encoding="utf-8")
    assert content_hash(model) == expected
    assert WEIGHTS in reads


def test_an_unwritable_cache_dir_never_fails_resolution(tmp_path, monkeypatch, reads):
    blocker = tmp_path / "a-file"
    blocker.write_text("where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(blocker / "pl2en"))
    model = write_model(tmp_path / "model")
    resolved = models.resolve_model(str(model))
    assert resolved.revision == true_hash(model, tmp_path, monkeypatch)
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(blocker / "pl2en"))
    assert not (blocker / "pl2en").exists()


def test_recently_modified_files_are_hashed_but_not_persisted(tmp_path, reads):
    model = write_model(tmp_path / "model", mtime_ns=time.time_ns())
    content_hash(model)
    assert not paths.file_digests_path().exists()
    os.utime(model / WEIGHTS, ns=(AN_HOUR_AGO_NS, AN_HOUR_AGO_NS))
    file_digests._MEMO.clear()
    content_hash(model)
    assert list(stored_files()) == [str((model / WEIGHTS).resolve())]


def test_entries_of_deleted_files_are_dropped_when_writing(tmp_path, monkeypatch):
    old = write_model(tmp_path / "old")
    content_hash(old)
    shutil.rmtree(old)
    new = write_model(tmp_path / "new")
    new_process(monkeypatch)
    content_hash(new)
    assert set(stored_files()) == {str((new / name).resolve()) for name in MODEL_FILES}


def test_nothing_new_means_no_write_and_one_read_per_process(tmp_path, monkeypatch):
    first, second = write_model(tmp_path / "a"), write_model(tmp_path / "b")
    content_hash(first)
    content_hash(second)
    written = paths.file_digests_path().stat().st_mtime_ns
    new_process(monkeypatch)
    opened: list[Path] = []
    real = file_digests.read_digest_file
    monkeypatch.setattr(file_digests, "read_digest_file", lambda where: opened.append(where) or real(where))
    for _ in range(3):
        content_hash(first)
        content_hash(second)
    assert opened == [paths.file_digests_path()]
    assert paths.file_digests_path().stat().st_mtime_ns == written
