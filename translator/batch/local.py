"""The batch on this machine: in this process, or a pool of worker processes each loading the model once.

Workers ignore SIGINT (a Ctrl-C in a terminal reaches the whole process group): the parent
alone decides to stop, and terminates them, so no worker prints a traceback or dies holding
a pipe the parent still reads.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from dataclasses import replace

from translator.batch.identity import BatchJob
from translator.batch.work import DocumentWorker, Outcome, Task

_worker: DocumentWorker | None = None


def run_local(tasks: Sequence[Task], job: BatchJob, *, workers: int = 1) -> Iterator[Outcome]:
    """Outcomes as documents finish (in order in this process, as they come from a pool)."""
    if workers <= 1 or len(tasks) <= 1:
        worker = DocumentWorker(job, capture_logging=False)
        try:
            for task in tasks:
                yield worker.run(task)
        finally:
            worker.close()
        return
    if job.settings.threads is None:  # share the cores between the workers instead of each taking all
        job = replace(job, settings=replace(job.settings, threads=max(1, (os.cpu_count() or 1) // workers)))
    ctx = multiprocessing.get_context("spawn")
    pool = ctx.Pool(min(workers, len(tasks)), initializer=_start_worker, initargs=(job,))
    try:
        yield from pool.imap_unordered(_run_in_worker, tasks)
        pool.close()
    except BaseException:  # Ctrl-C, SIGTERM, a fatal error, the consumer stopping: stop the workers now
        pool.terminate()
        raise
    finally:
        pool.join()


def _start_worker(job: BatchJob) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if job.settings.threads:  # OpenMP inside the engines too: N workers × all cores each would oversubscribe
        os.environ.setdefault("OMP_NUM_THREADS", str(job.settings.threads))
    _worker = DocumentWorker(job)


def _run_in_worker(task: Task) -> Outcome:
    assert _worker is not None
    return _worker.run(task)
