from __future__ import annotations

import pytest
from cache_support import ARTICLE
from typer.testing import CliRunner

from translator.cli import app


@pytest.fixture()
def run():
    """Invoke `pl2en ARGS…` in-process; returns click's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A private pl2en cache (``PL2EN_CACHE_DIR``) for the test."""
    where = tmp_path / "pl2en-cache"
    monkeypatch.setenv("PL2EN_CACHE_DIR", str(where))
    return where


@pytest.fixture
def article(tmp_path):
    """A short Polish article on disk."""
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path
