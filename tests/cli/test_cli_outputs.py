"""``-o`` never harms what is there: devices and pipes are written to, links written through, folders refused."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def device(tmp_path) -> Path:
    """A character device like /dev/null (1, 3), made in the test's own folder."""
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return node


def translate_args(tiny_marian, seed_path, *more):
    return ("translate", seed_path, "--model", tiny_marian, "--beam", "1", *more)


def summarize_args(tiny_marian, tiny_bart, seed_path, *more):
    return ("summarize", seed_path, "--model", tiny_marian, "--summary-model", tiny_bart, "--beam", "1", *more)


@pytest.mark.parametrize("command", ["translate", "summarize"])
def test_o_device_writes_to_it_and_it_stays_a_device(run, tiny_marian, tiny_bart, seed_path, device, command):
    if command == "translate":
        args = translate_args(tiny_marian, seed_path, "-o", device)
    else:
        args = summarize_args(tiny_marian, tiny_bart, seed_path, "-o", device)
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode) and device.lstat().st_rdev == os.makedev(1, 3)
    assert [p.name for p in device.parent.iterdir()] == ["null"]


@pytest.mark.parametrize("command", ["translate", "summarize"])
def test_o_symlink_keeps_the_link_and_fills_its_target(run, tiny_marian, tiny_bart, seed_path, tmp_path, command):
    target = tmp_path / "kept" / "out.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    if command == "translate":
        args = translate_args(tiny_marian, seed_path, "-f", "json", "-o", link)
    else:
        args = summarize_args(tiny_marian, tiny_bart, seed_path, "-f", "json", "-o", link)
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["blocks"] and all(b["target"] for b in doc["blocks"])
    if command == "summarize":
        assert doc["summary"]["claims"]


def test_o_fifo_hands_the_translation_to_its_reader(run, tiny_marian, seed_path, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    result = run(*translate_args(tiny_marian, seed_path, "-f", "json", "-o", fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert json.loads(received[0])["blocks"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_o_directory_is_refused_in_one_line(run, tiny_marian, seed_path, tmp_path):
    result = run(*translate_args(tiny_marian, seed_path, "-o", tmp_path))
    assert result.exit_code != 0
    assert "is a directory" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_o_dev_stdout_appends_to_the_file_the_shell_opened(tiny_marian, seed_path, tmp_path):
    """``pl2en translate … -o /dev/stdout >> log``: the log keeps what it had and gets the translation."""
    if not os.path.exists("/dev/stdout"):
        pytest.skip("no /dev/stdout here")
    log = tmp_path / "log.json"
    log.write_text("before\n", encoding="utf-8")
    inode = log.stat().st_ino
    code = "import sys; from translator.cli import app; sys.argv[0] = 'pl2en'; app()"
    with log.open("a") as out:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                *map(str, translate_args(tiny_marian, seed_path, "-f", "json")),
                "-o",
                "/dev/stdout",
            ],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=300,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert done.returncode == 0, done.stderr
    assert log.stat().st_ino == inode and not log.is_symlink()
    before, translation = log.read_text(encoding="utf-8").split("\n", 1)
    assert before == "before"
    assert json.loads(translation)["blocks"]


def test_batch_o_symlink_keeps_the_link(run, tiny_marian, seed_path, tmp_path):
    target = tmp_path / "all.jsonl"
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    result = run("batch", seed_path, "--model", tiny_marian, "--beam", "1", "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and len(target.read_text(encoding="utf-8").splitlines()) == 1


def test_batch_o_device_is_written_to_and_nothing_is_made_beside_it(run, tiny_marian, seed_path, tmp_path, device):
    before = sorted(p.name for p in device.parent.iterdir())
    result = run("batch", seed_path, "--model", tiny_marian, "--beam", "1", "-o", device)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode) and device.lstat().st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in device.parent.iterdir()) == before  # no sidecar, no temp file beside it


def test_batch_o_fifo_hands_each_line_to_its_reader(run, tiny_marian, seed_path, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    result = run("batch", seed_path, "--model", tiny_marian, "--beam", "1", "-o", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    lines = received[0].splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["blocks"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_o_extension_chooses_the_format_unless_f_says_otherwise(run, tiny_marian, seed_path, tmp_path):
    as_md, as_json, forced = tmp_path / "a.md", tmp_path / "a.json", tmp_path / "b.md"
    assert run(*translate_args(tiny_marian, seed_path, "-o", as_md)).exit_code == 0
    assert run(*translate_args(tiny_marian, seed_path, "-o", as_json)).exit_code == 0
    assert run(*translate_args(tiny_marian, seed_path, "-f", "text", "-o", forced)).exit_code == 0
    assert as_md.read_text(encoding="utf-8").startswith("# ") and "## " in as_md.read_text(encoding="utf-8")
    assert json.loads(as_json.read_text(encoding="utf-8"))["schema"] == "pl2en.document/1"
    assert "## " not in forced.read_text(encoding="utf-8")


def test_version():
    from typer.testing import CliRunner

    from translator import __version__
    from translator.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"pl2en {__version__}"
