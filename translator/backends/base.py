"""What both engines share: cheap construction, the model resolved and loaded on first use."""

from __future__ import annotations

import contextlib
import math
import re
import warnings
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from translator.backends import DecodingOptions
from translator.errors import BackendUnavailable, ModelError, one_line
from translator.models import ResolvedModel, resolve_model

DEVICES = ("auto", "cpu", "cuda")
_CUDA_WITH_INDEX = re.compile(r"cuda:([0-9]+)")


def parse_device(device: str) -> tuple[str, int]:
    """(``auto`` | ``cpu`` | ``cuda``, device index) of ``auto``, ``cpu``, ``cuda`` or ``cuda:N``.

    The index is N for ``cuda:N``, else 0. Anything else is an error the user can fix.
    """
    if device in DEVICES:
        return device, 0
    match = _CUDA_WITH_INDEX.fullmatch(device) if isinstance(device, str) else None
    if match is None:
        raise BackendUnavailable(f"unknown device {device!r}: choose cpu, cuda, cuda:N (the Nth GPU, from 0) or auto")
    return "cuda", int(match.group(1))


def pick_device(requested: str, cuda_devices: int) -> tuple[str, int]:
    """(``cpu`` | ``cuda``, device index) for ``requested`` on a machine with ``cuda_devices`` GPUs.

    ``auto`` takes the first GPU when there is one; a GPU that is not there is an error.
    """
    kind, index = parse_device(requested)
    if kind == "auto":
        return ("cuda", 0) if cuda_devices > 0 else ("cpu", 0)
    if kind == "cuda":
        if cuda_devices <= 0:
            raise BackendUnavailable("CUDA requested but not available: no GPU found (use --device cpu or auto)")
        if index >= cuda_devices:
            raise BackendUnavailable(
                f"no GPU cuda:{index}: this machine has {cuda_devices} (cuda:0 to cuda:{cuda_devices - 1})"
            )
    return kind, index


@contextlib.contextmanager
def quiet_transformers_loading() -> Iterator[None]:
    """No "Loading weights" progress bars or sacremoses advice while a model loads; restored after."""
    from transformers.utils import logging as hf_logging

    logging: Any = hf_logging  # untyped in transformers
    bars_were_on = logging.is_progress_bar_enabled()
    logging.disable_progress_bar()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*sacremoses.*")  # MarianTokenizer's; tokens are unaffected
            yield
    finally:
        if bars_were_on:
            logging.enable_progress_bar()


def damaged_model_error(resolved: ResolvedModel, err: BaseException) -> ModelError:
    """The one-line error for model files that cannot be read: truncated weights, a missing or broken tokenizer file."""
    if resolved.local:
        return ModelError(
            f"cannot read the model in {resolved.path}: {one_line(err)} (the files look damaged or incomplete)"
        )
    return ModelError(
        f"cannot read model {resolved.model_id} ({resolved.path}): {one_line(err)} "
        f"(the files look damaged or incomplete; download it again: pl2en models pull {resolved.model_id})"
    )


def unreadable_model_errors() -> tuple[type[BaseException], ...]:
    """What loading damaged model files raises: OS and parse errors, sentencepiece's RuntimeError,
    transformers' TypeError for a missing tokenizer file, safetensors' own error."""
    errors: list[type[BaseException]] = [OSError, ValueError, TypeError, RuntimeError, KeyError]
    try:
        from safetensors import SafetensorError

        errors.append(SafetensorError)
    except ImportError:
        pass
    return tuple(errors)


def check_device(device: str) -> str:
    """``device`` when :func:`parse_device` accepts it."""
    parse_device(device)
    return device


def decoding_lengths(options: DecodingOptions, longest_source: int, max_output: int) -> tuple[int, int | None]:
    """(max new tokens, forced length or None) for a batch whose longest source has ``longest_source`` tokens."""
    if options.forced_length_ratio is not None:
        forced = max(1, min(max_output, math.ceil(options.forced_length_ratio * longest_source)))
        return forced, forced
    cap = math.ceil(options.max_length_ratio * longest_source) + options.length_slack
    return max(1, min(max_output, cap)), None


Loaded = TypeVar("Loaded")


class LazyModelBackend(Generic[Loaded]):
    """Base of the engines: holds the settings; ``resolved`` and ``_load()`` happen on first use.

    Subclasses set ``name``, implement ``_load()`` (returning their loaded state) and
    ``identity_label`` (the engine part of the translation-memory identity).
    """

    name: str

    def __init__(self, model: str, *, device: str = "auto", offline: bool = False, threads: int | None = None) -> None:
        self.model_id = model
        self.device = check_device(device)
        self.offline = offline
        self.threads = threads
        self._resolved: ResolvedModel | None = None
        self._loaded: Loaded | None = None

    @property
    def resolved(self) -> ResolvedModel:
        """The local model directory and revision (no engine import, no weights read)."""
        if self._resolved is None:
            self._resolved = resolve_model(self.model_id, offline=self.offline)
        return self._resolved

    @property
    def identity_label(self) -> str:
        return self.name

    @property
    def identity(self) -> str:
        return f"{self.identity_label}:{self.model_id}@{self.resolved.revision}"

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def load(self) -> None:
        """Resolve the model and load the engine (idempotent)."""
        if self._loaded is None:
            self._loaded = self._load()

    def _load(self) -> Loaded:
        raise NotImplementedError

    def _ensure_loaded(self) -> Loaded:
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded
