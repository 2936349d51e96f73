"""One error hierarchy for every failure a user can act on.

The CLI turns a :class:`Pl2enError` into one line on stderr and ``exit_code``;
the reader shows it in a modal. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import logging

logger = logging.getLogger("pl2en")
"""Where the core's warnings go. The CLI and the reader attach their handlers; a library user can
silence it (``setLevel``) or redirect it like any logger. With no handler attached Python's
last-resort handler prints the bare message on stderr."""


class Pl2enError(Exception):
    """Base of all expected failures. ``str(err)`` is the one line a user sees."""

    exit_code: int = 1


class InputError(Pl2enError):
    """The input cannot be read or holds nothing to translate."""

    exit_code = 2


class InputNotFound(InputError):
    pass


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class FetchError(InputError):
    """A URL could not be fetched (unreachable, too large, wrong scheme, HTTP error)."""


class NotPolishError(InputError):
    """Raised only under ``--strict`` when the input does not look Polish."""


class ModelError(Pl2enError):
    exit_code = 3


class ModelNotAvailable(ModelError):
    """The weights are neither local nor downloadable (offline, no network, unknown id)."""

    def __init__(self, model: str, reason: str = "") -> None:
        self.model = model
        self.reason = reason
        why = f" ({reason})" if reason else ""
        super().__init__(f"model {model!r} is not available locally{why}; download it with: pl2en models pull {model}")


class BackendUnavailable(ModelError):
    """The requested engine (ctranslate2, transformers, CUDA) is not installed or usable."""


class CacheError(Pl2enError):
    """The translation memory cannot be used (reported as a warning, never fatal)."""


class BatchError(Pl2enError):
    """Some documents of a batch failed; the others were written."""

    exit_code = 4


class ModelNotCached(ModelError):
    """``pl2en models remove`` was given a model that is not in the cache."""


class OutputError(Pl2enError):
    """The output file cannot be written."""


def one_line(err: BaseException | str, limit: int = 300) -> str:
    """``err`` as one line of at most ``limit`` characters (library messages often span several)."""
    text = " ".join(str(err).split()) or (type(err).__name__ if isinstance(err, BaseException) else "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def log_warning(message: str) -> None:
    """The one way the core warns by default: a warning record on the ``pl2en`` logger."""
    logger.warning(message)
