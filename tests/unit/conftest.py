"""Fixtures for the translation-memory tests (helpers: memory_support.py)."""

from __future__ import annotations

import pytest
from memory_support import Warnings

from translator.cache import TranslationMemory


@pytest.fixture
def warnings_seen() -> Warnings:
    return Warnings()


@pytest.fixture
def memory(tmp_path, warnings_seen):
    mem = TranslationMemory(tmp_path / "memory.sqlite3", warn=warnings_seen)
    yield mem
    mem.close()
