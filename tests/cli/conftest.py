from __future__ import annotations

import pytest
from typer.testing import CliRunner

from translator.cli import app


@pytest.fixture()
def run():
    """Invoke `pl2en ARGS…` in-process; returns click's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, env=env, catch_exceptions=False)

    return invoke
