"""SIGTERM and SIGINT stop a batch the same way: as an exception in the main thread, so every
``finally`` runs (workers and actors are stopped, finished lines stay) and the caller exits 143 or 130."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Stopped(KeyboardInterrupt):
    """The batch was asked to stop by ``signum``; ``exit_code`` is the shell's 128 + signum."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.exit_code = 128 + signum


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise :class:`Stopped`; further signals are ignored while
    the batch cleans up (a second Ctrl-C must not cut the cleanup short and leave a traceback)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = (signal.SIGINT, signal.SIGTERM)
    stopped: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        for each in wanted:
            signal.signal(each, signal.SIG_IGN)
        stopped.append(signum)
        raise Stopped(signum)

    previous = {each: signal.signal(each, stop) for each in wanted}
    try:
        yield
    finally:
        if not stopped:  # once stopping, stay deaf to signals until the process exits
            for each, handler in previous.items():
                signal.signal(each, handler)
