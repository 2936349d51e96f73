"""The batch on Ray Data: the inputs become a dataset, ``map_batches`` runs over a pool of actors
(one :class:`DocumentWorker`, so one model, per actor), and outcomes stream back to the driver,
which alone writes the output. Ray restarts an actor that dies and retries its documents there.

Ray is optional (``pip install 'pl2en[ray]'``) and imported only here, only when asked for.
"""

from __future__ import annotations

import contextlib
import inspect
import itertools
import logging
import math
import os
import re
import signal
import sys
import threading
import uuid
import warnings
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
DOCS_PER_BLOCK = 10  # Ray Data costs ~30 ms a block: 10 documents make that small beside their work
BLOCKS_PER_ACTOR = 4  # ...while each actor still gets several blocks (the pool stays balanced to the end)
ROUNDS = 3  # times a document whose work was lost is sent again


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

    def __init__(self, job: BatchJob, workdir: str) -> None:
        if os.path.isdir(workdir):  # relative inputs mean what they meant to the driver (on a shared filesystem)
            os.chdir(workdir)
        self.worker = DocumentWorker(job)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        pairs = zip(batch["spec"], batch["known"], strict=True)
        rows = [self.worker.run(Task(str(spec), str(known) or None)).to_row() for spec, known in pairs]
        return {column: [row[column] for row in rows] for column in rows[0]} if rows else {}


def is_address(value: str) -> bool:
    """Whether ``value`` names a Ray cluster (``auto``, ``ray://…``, ``host:port``) or ``local``."""
    return value in (LOCAL, "auto") or value.startswith("ray://") or _HOST_PORT.fullmatch(value) is not None


def import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401  (the [data] extra)
    except ImportError as err:
        raise RayUnavailable(INSTALL_HINT) from err
    return ray


def run_on_ray(tasks: Sequence[Task], job: BatchJob, options: RayOptions) -> Iterator[Outcome]:
    """Outcomes as documents finish on the actors.

    Ray restarts an actor that dies and retries its work; a document whose work was lost all
    the same (an actor killed for good, a node gone) goes round again with the others left, up
    to ``ROUNDS`` times. The caller drops a document that comes back twice.
    """
    ray = import_ray()
    started = _connect(ray, options.address)
    context = ray.data.DataContext.get_current()
    saved = (context.enable_progress_bars, context.max_errored_blocks)
    context.enable_progress_bars = False  # the CLI shows its own
    context.max_errored_blocks = -1  # a lost block must not abort the others: its documents go round again
    try:
        if job.settings.threads is None:
            job = replace(job, settings=replace(job.settings, threads=max(1, math.floor(options.cpus_per_actor))))
        left = {task.spec: task for task in tasks}
        failure = "its actor died"
        for _ in range(ROUNDS):
            if not left:
                return
            came_back = 0
            try:
                for row in _dataset(ray, list(left.values()), job, options).iter_rows():
                    outcome = Outcome.from_row(row)
                    left.pop(outcome.spec, None)
                    came_back += 1
                    yield outcome
            except ray.exceptions.RayError as err:  # the round failed (actors that could not start, a lost node)
                failure = f"Ray: {' '.join(str(err).split())[:300]}"
                if not came_back:  # nothing ran at all: another round would fail the same way
                    raise RayUnavailable(f"Ray could not run the batch ({failure})") from err
        for spec in left:
            yield Outcome(spec, error=f"lost {ROUNDS} times on Ray ({failure}); run the same command again")
    finally:
        context.enable_progress_bars, context.max_errored_blocks = saved
        if started:
            ray.shutdown()


def _dataset(ray: Any, tasks: list[Task], job: BatchJob, options: RayOptions) -> Any:
    """The inputs as a dataset mapped by a pool of ``options.actors`` actors. Outcomes come back a
    block at a time, as each block finishes (see :func:`block_count`)."""
    rows = [{"spec": t.spec, "known": t.known or ""} for t in largest_first(tasks)]
    dataset = ray.data.from_items(rows, override_num_blocks=block_count(len(rows), options.actors))
    with warnings.catch_warnings():  # ray_remote_args_fn: deprecated in Ray 2.60, still the way to name actors
        warnings.simplefilter("ignore", DeprecationWarning)
        return dataset.map_batches(
            RayDocumentActor,
            fn_constructor_kwargs={"job": job, "workdir": os.getcwd()},
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=min(options.actors, len(rows))),
            num_cpus=options.cpus_per_actor,
            num_gpus=options.num_gpus or None,
            **_actor_names(ray, f"{ACTOR_PREFIX}-{uuid.uuid4().hex[:8]}"),
        )


def largest_first(tasks: Sequence[Task]) -> list[Task]:
    """The largest inputs first (URLs, of unknown size, before all), so the blocks left for the end
    are the shortest ones and no actor works alone on a long block while the others wait."""

    def size(task: Task) -> float:
        try:
            return os.stat(task.spec).st_size
        except OSError:  # a URL, or gone since it was listed (its outcome will say so)
            return math.inf

    return sorted(tasks, key=size, reverse=True)


def block_count(documents: int, actors: int) -> int:
    """How many blocks to cut ``documents`` into: about ``DOCS_PER_BLOCK`` each, but at least
    ``BLOCKS_PER_ACTOR`` per actor, and never an empty one.

    A block is Ray Data's unit of work and of streaming: its outcomes reach the output together,
    and an interrupted block is done again by the rerun. One document per block made Ray Data's
    per-block cost (task, object store, the driver's scheduling loop) larger than the work of a
    small model: 200 documents took 9 s on two actors against 4-5 s with 10 or 20 blocks.
    """
    return max(1, min(documents, max(actors * BLOCKS_PER_ACTOR, math.ceil(documents / DOCS_PER_BLOCK))))


def _actor_names(ray: Any, prefix: str) -> dict[str, Any]:
    """Name each actor ``<prefix>-<n>`` where this Ray can (``ray list actors``, ``ray.get_actor``)."""
    if "ray_remote_args_fn" not in inspect.signature(ray.data.Dataset.map_batches).parameters:
        return {}
    numbers = itertools.count(1)
    return {"ray_remote_args_fn": lambda: {"name": f"{prefix}-{next(numbers)}"}}


def _connect(ray: Any, address: str) -> bool:
    """Join the cluster at ``address`` (or start a local one); True when this run started Ray itself."""
    _quiet_ray_logs()
    _raylet_messages_to_logging()
    if ray.is_initialized():  # a program (or a test) that already joined a cluster: use it, leave it up
        return False
    handlers = {each: signal.getsignal(each) for each in (signal.SIGINT, signal.SIGTERM)}
    try:
        with _stderr_silenced():  # Ray's C++ core prints its start-up on fd 2 whatever the log levels say
            ray.init(
                address=None if address == LOCAL else address,
                include_dashboard=False,
                log_to_driver=False,  # actors' warnings come back with their outcomes, once each
                logging_level=logging.ERROR,
            )
    except (ConnectionError, RuntimeError, ValueError) as err:
        raise RayUnavailable(f"cannot join the Ray cluster at {address}: {' '.join(str(err).split())[:300]}") from err
    if threading.current_thread() is threading.main_thread():  # Ray's core put its own crash handlers there
        for each, handler in handlers.items():
            if handler is not None:
                signal.signal(each, handler)
    return True


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _raylet_messages_to_logging() -> None:
    """Ray's driver prints the raylet's error messages on stdout (an actor killed on Ctrl-C: "(raylet)
    Task ... failed ... will be retried"), whatever the log levels say; stdout may be the batch's
    output (``-o /dev/stdout``). They go to the ``ray`` logger instead, quiet like the rest of Ray's
    chatter: a document whose work is lost for good is reported with its outcome."""
    worker = sys.modules.get("ray._private.worker")
    printer = getattr(worker, "print_to_stdstream", None)
    if printer is None or getattr(printer, "pl2en", False):  # another Ray, or already done
        return

    def to_logging(data: dict[str, Any], ignore_prefix: bool) -> None:
        if data.get("pid") == "raylet" and not data.get("is_err"):
            for line in data.get("lines", ()):
                logging.getLogger("ray").warning("(raylet) %s", line)
            return
        printer(data, ignore_prefix)

    to_logging.pl2en = True  # type: ignore[attr-defined]
    worker.print_to_stdstream = to_logging  # type: ignore[union-attr]


def _quiet_ray_logs() -> None:
    """Ray and Ray Data talk on stderr at INFO; a batch's stderr is for its own lines."""
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
