"""The batch on Ray Data: the inputs become a dataset, ``map_batches`` runs over a pool of actors
(one :class:`DocumentWorker`, so one model, per actor), and outcomes stream back to the driver,
which alone writes the output. Ray restarts an actor that dies and retries its documents there.

Ray is optional (``pip install 'pl2en[ray]'``) and imported only here, only when asked for.
"""

from __future__ import annotations

import logging
import math
import os
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from translator.batch.identity import BatchJob
from translator.batch.work import DocumentWorker, Outcome, Task
from translator.errors import Pl2enError

INSTALL_HINT = "--ray needs Ray: pip install 'pl2en[ray]'"
LOCAL = "local"  # --ray with no address: start a Ray on this machine for this run
ACTOR_PREFIX = "pl2en-batch"  # actors are named pl2en-batch-<run>-<n>: `ray list actors` shows whose they are
_HOST_PORT = re.compile(r"[A-Za-z0-9_.\-\[\]:]+:[0-9]{1,5}")
MAX_BLOCKS = 10_000  # one document per block up to this many: results stream back as each finishes


class RayUnavailable(Pl2enError):
    """``--ray`` was asked for but Ray is not installed, or the cluster cannot be reached."""

    exit_code = 2


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide: ``address`` is ``local``, ``auto``, ``ray://host:10001`` or ``host:port``."""

    address: str = LOCAL
    actors: int = 1
    num_gpus: float = 0.0
    cpus_per_actor: float = 1.0


class RayDocumentActor:
    """The callable class Ray Data runs in each actor: one model, a batch of inputs in, their outcomes out."""

    def __init__(self, job: BatchJob) -> None:
        self.worker = DocumentWorker(job)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        pairs = zip(batch["spec"], batch["known"], strict=True)
        rows = [self.worker.run(Task(str(spec), str(known) or None)).to_row() for spec, known in pairs]
        return {column: [row[column] for row in rows] for column in rows[0]} if rows else {}


def check_address(address: str) -> str:
    """``address`` when it names a cluster (or ``local``); a folder or file caught by ``--ray`` is refused."""
    if address in (LOCAL, "auto") or "://" in address or _HOST_PORT.fullmatch(address):
        return address
    raise RayUnavailable(
        f"--ray {address!r} is not a Ray address (auto, ray://host:10001, host:port); "
        "to start Ray on this machine put --ray after the inputs, or write --ray=local"
    )


def import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401  (the [data] extra)
    except ImportError as err:
        raise RayUnavailable(INSTALL_HINT) from err
    return ray


def run_on_ray(tasks: Sequence[Task], job: BatchJob, options: RayOptions) -> Iterator[Outcome]:
    """Outcomes as documents finish on the actors."""
    ray = import_ray()
    started = _connect(ray, options.address)
    try:
        if not tasks:
            return
        cpus = max(1, math.floor(options.cpus_per_actor))
        if job.settings.threads is None:
            job = replace(job, settings=replace(job.settings, threads=cpus))
        run = uuid.uuid4().hex[:8]
        names = iter(range(1, 1 << 30))
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the CLI shows its own
        context.print_on_execution_start = False
        rows = [{"spec": t.spec, "known": t.known or ""} for t in tasks]
        dataset = ray.data.from_items(rows, override_num_blocks=min(len(rows), MAX_BLOCKS))
        dataset = dataset.map_batches(
            RayDocumentActor,
            fn_constructor_kwargs={"job": job},
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=min(options.actors, len(rows))),
            num_cpus=options.cpus_per_actor,
            num_gpus=options.num_gpus or None,
            ray_remote_args_fn=lambda: {"name": f"{ACTOR_PREFIX}-{run}-{next(names)}"},
        )
        for row in dataset.iter_rows():
            yield Outcome.from_row(row)
    finally:
        if started:
            ray.shutdown()


def _connect(ray: Any, address: str) -> bool:
    """Join the cluster at ``address`` (or start a local one); True when this run started Ray itself."""
    if ray.is_initialized():  # a program (or a test) that already joined a cluster: use it, leave it up
        return False
    _quiet_ray_logs()
    try:
        ray.init(
            address=None if address == LOCAL else address,
            include_dashboard=False,
            log_to_driver=False,  # actors' warnings come back with their outcomes, once each
            logging_level=logging.ERROR,
            configure_logging=True,
        )
    except (ConnectionError, RuntimeError, ValueError) as err:
        raise RayUnavailable(f"cannot join the Ray cluster at {address}: {' '.join(str(err).split())[:300]}") from err
    return True


def _quiet_ray_logs() -> None:
    """Ray and Ray Data talk on stderr at INFO; a batch's stderr is for its own lines."""
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "error")
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
