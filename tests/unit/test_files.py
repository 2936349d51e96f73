"""write_atomic: whole files or none, with the permissions a plain open() would give."""

from __future__ import annotations

import os
import socket
import stat
import sys
import threading

import pytest

from translator import files
from translator.errors import OutputError
from translator.files import is_stream, write_atomic


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_a_new_file_gets_the_umask_without_the_umask_being_touched(tmp_path, umask_027, monkeypatch):
    if not sys.platform.startswith("linux"):
        pytest.skip("reading the umask without setting it needs /proc")

    def no_umask_changes(_mask):
        raise AssertionError("another thread could create a file while the umask is changed")

    monkeypatch.setattr(files.os, "umask", no_umask_changes)
    target = tmp_path / "article.md"
    write_atomic(target, "tekst")
    assert target.read_text(encoding="utf-8") == "tekst"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["article.md"]  # no temp file left


def test_an_existing_file_keeps_its_permissions(tmp_path, umask_027):
    target = tmp_path / "notes.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o604)
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o604


# -- what is at the target decides how it is written ------------------------------
def test_a_device_is_written_to_and_stays_a_device(tmp_path):
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the kernel's /dev/null, in our own folder
    except PermissionError:
        pytest.skip("making a device node needs root")
    write_atomic(null, "tekst")
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert null.lstat().st_rdev == os.makedev(1, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temp file left beside it


def test_a_fifo_is_written_to_and_its_reader_gets_the_text(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, "zażółć\n")
    reader.join(timeout=10)
    assert received == ["zażółć\n".encode()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_socket_is_written_to_not_replaced(tmp_path):
    where = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(where))
    server.listen(1)
    received = bytearray()

    def serve():
        conn, _ = server.accept()
        with conn:
            while chunk := conn.recv(4096):
                received.extend(chunk)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        write_atomic(where, "tekst")
        thread.join(timeout=10)
    finally:
        server.close()
    assert bytes(received) == b"tekst"
    assert stat.S_ISSOCK(where.lstat().st_mode)


def test_a_symlink_is_kept_and_its_target_gets_the_text(tmp_path, umask_027):
    target = tmp_path / "real" / "article.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    target.chmod(0o604)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o604
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real"]
    assert [p.name for p in target.parent.iterdir()] == ["article.md"]  # the temp file went next to the target


def test_a_dangling_symlink_gets_its_target_made(tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to("made-later.md")  # relative, as `ln -s` makes them
    write_atomic(link, "new")
    assert link.is_symlink()
    assert (tmp_path / "made-later.md").read_text(encoding="utf-8") == "new"


def test_a_file_behind_a_descriptor_link_is_appended_to_not_replaced(tmp_path):
    """``-o /dev/stdout`` when the shell sent stdout to a file with ``>>``: add to that file, keep it."""
    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("needs /proc/self/fd")
    out = tmp_path / "out.txt"
    out.write_text("before\n", encoding="utf-8")
    inode = out.stat().st_ino
    fd = os.open(out, os.O_WRONLY | os.O_APPEND)
    try:
        link = tmp_path / "stdout"
        link.symlink_to(f"/proc/self/fd/{fd}")
        write_atomic(link, "after\n")
    finally:
        os.close(fd)
    assert out.read_text(encoding="utf-8") == "before\nafter\n"
    assert out.stat().st_ino == inode


@pytest.mark.parametrize("via_link", [False, True])
def test_a_directory_is_refused(tmp_path, via_link):
    folder = tmp_path / "folder"
    folder.mkdir()
    target = folder
    if via_link:
        target = tmp_path / "link"
        target.symlink_to(folder)
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(target, "tekst")
    assert list(folder.iterdir()) == []


def test_a_link_loop_is_an_output_error(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(loop, "tekst")
    assert loop.is_symlink()


def test_is_stream_tells_pipes_from_files(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert is_stream(fifo)
    assert not is_stream(tmp_path / "file")
    assert not is_stream(tmp_path)
    assert not is_stream(tmp_path / "missing")


def test_the_readers_export_follows_the_same_rules(tmp_path):
    export = pytest.importorskip("tui.screens.export")
    from translator.document import Block, Document, Sentence

    doc = Document(blocks=(Block(0, "paragraph", "Tak.", (Sentence(0, 0, 4, "Tak.", "Yes."),)),))
    target = tmp_path / "saved.md"
    link = tmp_path / "link.md"
    link.symlink_to(target)
    export.export_document(doc, link, "markdown")
    assert link.is_symlink() and "Yes." in target.read_text(encoding="utf-8")
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        return
    export.export_document(doc, null, "markdown")
    assert stat.S_ISCHR(null.lstat().st_mode)
