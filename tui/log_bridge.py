"""The core's warnings (``logging.getLogger("pl2en")``) as the reader's notifications.

While the reader runs, Textual owns the terminal: a warning printed to stderr would
land under the app. :class:`WarningBridge` takes the ``pl2en`` logger's records
(from any thread) to a callback, and puts the logger's own handlers back after.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

LOGGER = "pl2en"


class WarningBridge(logging.Handler):
    """Sends each warning-or-worse record of the ``pl2en`` logger to ``deliver`` instead of the terminal."""

    def __init__(self, deliver: Callable[[str], None]) -> None:
        super().__init__(level=logging.WARNING)
        self.deliver = deliver
        self.saved: tuple[list[logging.Handler], bool] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.deliver(record.getMessage())
        except Exception:  # a warning must never break the work that raised it
            self.handleError(record)

    def attach(self) -> None:
        logger = logging.getLogger(LOGGER)
        self.saved = (list(logger.handlers), logger.propagate)
        for handler in self.saved[0]:
            logger.removeHandler(handler)
        logger.addHandler(self)
        logger.propagate = False  # nor to the root logger's stderr handler

    def detach(self) -> None:
        logger = logging.getLogger(LOGGER)
        logger.removeHandler(self)
        if self.saved is not None:
            handlers, propagate = self.saved
            for handler in handlers:
                logger.addHandler(handler)
            logger.propagate = propagate
            self.saved = None
