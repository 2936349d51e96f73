"""write_atomic: whole files or none, with the permissions a plain open() would give."""

from __future__ import annotations

import os
import sys

import pytest

from translator import files
from translator.files import write_atomic


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
