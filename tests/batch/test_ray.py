"""`pl2en batch --ray` on a real local Ray: the same lines as the local path, an actor's death survived, signals."""

from __future__ import annotations

import signal
import subprocess

import pytest
from batch_support import by_name, lines_of, make_archive, pl2en, signal_after_lines

from translator.batch import RayOptions, run_batch
from translator.pipeline import Settings

pytestmark = pytest.mark.slow


def test_ray_gives_one_line_per_document_equal_to_the_local_path(ray_cluster, tmp_path, tiny_marian, seed_text, run):
    articles = make_archive(tmp_path / "a", seed_text, 30)
    local, on_ray = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    common = ("--model", tiny_marian, "--beam", "1", "--no-cache")
    assert run("batch", tmp_path / "a", "-o", local, *common).exit_code == 0
    result = run("batch", tmp_path / "a", "-o", on_ray, *common, "--ray", "--actors", "2")
    assert result.exit_code == 0, result.stderr
    assert "30 translated, 0 already done, 0 failed" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(lines_of(on_ray)) == 30
    assert by_name(on_ray) == by_name(local)
    assert sorted(by_name(on_ray)) == sorted(str(p) for p in articles)

    again = run("batch", tmp_path / "a", "-o", on_ray, *common, "--ray")
    assert again.exit_code == 0 and "0 translated, 30 already done" in again.stderr


def test_an_actor_killed_mid_run_costs_nothing(ray_cluster, tmp_path, tiny_marian, seed_text):
    make_archive(tmp_path / "a", seed_text, 30)
    out = tmp_path / "out.jsonl"
    killed: list[str] = []

    def kill_one_actor(event, report) -> None:
        if report.finished == 3 and not killed:
            names = sorted(n for n in ray_cluster.util.list_named_actors() if n.startswith("pl2en-batch-"))
            assert len(names) == 2
            ray_cluster.kill(ray_cluster.get_actor(names[0]))
            killed.append(names[0])

    settings = Settings(model=str(tiny_marian), beam=1, use_cache=False)
    report = run_batch([str(tmp_path / "a")], out, settings, ray=RayOptions(actors=2), on_event=kill_one_actor)
    assert killed, "the batch ended before an actor could be killed"
    assert report.done == 30 and not report.failed
    assert len(lines_of(out)) == 30 and len(by_name(out)) == 30


def test_sigterm_stops_the_ray_job_quietly_and_a_rerun_finishes_it(ray_cluster, tmp_path, tiny_marian, seed_text, run):
    articles = make_archive(tmp_path / "a", seed_text, 60)
    out = tmp_path / "out.jsonl"
    address = ray_cluster.get_runtime_context().gcs_address
    args = ("batch", tmp_path / "a", "-o", out, "--model", tiny_marian, "--no-cache", "--ray", address)
    proc = subprocess.Popen(pl2en(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stderr = signal_after_lines(proc, out, signal.SIGTERM)
    assert proc.returncode == 143, stderr
    assert "Traceback" not in stderr and "Error" not in stderr.replace("pl2en: error:", "")
    assert "run the same command again" in stderr
    first = lines_of(out)
    assert 3 <= len(first) < 60 and len(by_name(out)) == len(first)

    rerun = run(*args)
    assert rerun.exit_code == 0, rerun.stderr
    assert f"{len(first)} already done" in rerun.stderr
    assert sorted(by_name(out)) == sorted(str(p) for p in articles)
    assert lines_of(out)[: len(first)] == first


def test_the_raylets_messages_stay_off_stdout(ray_cluster, tmp_path, tiny_marian, seed_text, capfd):
    """Ray's driver prints the raylet's errors (an actor killed on Ctrl-C) on stdout, which may be the
    batch's output: during a --ray batch they go to the (quiet) ray logger instead."""
    make_archive(tmp_path / "a", seed_text, 2)
    settings = Settings(model=str(tiny_marian), beam=1, use_cache=False)
    report = run_batch([str(tmp_path / "a")], tmp_path / "out.jsonl", settings, ray=RayOptions(actors=1))
    assert report.done == 2
    capfd.readouterr()
    from ray._private import worker  # where Ray's error listener looks the printer up, at each message

    worker.print_to_stdstream(
        {"lines": ["Task MapWorker failed; the task will be retried."], "pid": "raylet", "is_err": False},
        ignore_prefix=False,
    )
    assert "Task MapWorker" not in capfd.readouterr().out
