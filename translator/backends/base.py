"""What both engines share: cheap construction, the model resolved and loaded on first use."""

from __future__ import annotations

import math
from typing import Any

from translator.backends import DecodingOptions
from translator.errors import BackendUnavailable
from translator.models import ResolvedModel, resolve_model

DEVICES = ("auto", "cpu", "cuda")


def check_device(device: str) -> str:
    """``auto``, ``cpu``, ``cuda`` or ``cuda:N``; anything else is an error the user can fix."""
    if device in DEVICES or (device.startswith("cuda:") and device[5:].isdigit()):
        return device
    raise BackendUnavailable(f"unknown device {device!r}: choose auto, cpu or cuda")


def decoding_lengths(options: DecodingOptions, longest_source: int, max_output: int) -> tuple[int, int | None]:
    """(max new tokens, forced length or None) for a batch whose longest source has ``longest_source`` tokens."""
    if options.forced_length_ratio is not None:
        forced = max(1, min(max_output, math.ceil(options.forced_length_ratio * longest_source)))
        return forced, forced
    cap = math.ceil(options.max_length_ratio * longest_source) + options.length_slack
    return max(1, min(max_output, cap)), None


class LazyModelBackend:
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
        self._loaded: Any = None

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

    def _load(self) -> Any:
        raise NotImplementedError

    def _ensure_loaded(self) -> Any:
        self.load()
        return self._loaded
