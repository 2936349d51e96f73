from __future__ import annotations

import pytest
from typer.testing import CliRunner

from translator.cli import app


@pytest.fixture()
def run():
    """Invoke `pl2en ARGS…` in-process; returns click's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def ray_cluster():
    """A real local Ray (2 CPUs) for the whole session; `pl2en batch --ray` joins it instead of starting one."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()
