"""The settings that shape a batch's output, recorded on every line so a rerun can tell what it has."""

from __future__ import annotations

import os
from dataclasses import dataclass

from translator.pipeline import Settings

Identity = dict[str, str | int | None]


@dataclass(frozen=True)
class BatchJob:
    """What every worker or actor needs: the pipeline settings, whether to summarise, and the identity to record."""

    settings: Settings
    summary: bool
    identity: Identity


def settings_identity(settings: Settings, *, summary: bool) -> Identity:
    """Model and its digest, backend, beam and summary model: equal identities give equal output.

    Resolving the models here is also the check that they can be had: a missing model is
    one error before any document.
    """
    from translator.backends import default_backend_name
    from translator.models import resolve_model

    model = resolve_model(settings.model, offline=settings.offline)
    summary_model = None
    if summary:
        summary_model = "claims only"
        if settings.summary_model:
            resolved = resolve_model(settings.summary_model, offline=settings.offline, kind="summarization")
            summary_model = f"{_model_name(resolved.model_id, resolved.local)}@{resolved.revision}"
    return {
        "model": _model_name(model.model_id, model.local),
        "model_digest": model.revision,
        "backend": default_backend_name() if settings.backend == "auto" else settings.backend,
        "beam": settings.beam,
        "summary_model": summary_model,
    }


def _model_name(model_id: str, local: bool) -> str:
    """A local model directory by its real path (``./m`` = ``/home/me/m``), a hub id as is."""
    return os.path.realpath(os.path.expanduser(model_id)) if local else model_id
