"""Finding a model's files: a local directory, or a hub id in the Hugging Face cache (downloaded unless offline).

Resolution is cache-first: a hub model whose files are already in the local cache is used without
touching the network; the hub is asked only when the files are missing (and never in offline mode).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from translator.errors import ModelError, ModelNotAvailable
from translator.file_digests import FileDigests
from translator.models import hub
from translator.models.layout import MODEL_KINDS, ResolvedModel, has_weights, model_files

_HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+$")
_TRUE = {"1", "true", "yes", "on"}


def is_offline(offline: bool = False) -> bool:
    """True when asked to stay offline, or HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE is set truthy."""
    if offline:
        return True
    return any(os.environ.get(name, "").strip().lower() in _TRUE for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def looks_like_path(model: str) -> bool:
    """A directory path rather than a hub id ("owner/name")."""
    if model.startswith(("/", "~", ".")):
        return True
    has_separator = os.sep in model or "/" in model or (os.altsep is not None and os.altsep in model)
    return has_separator and not _HUB_ID.match(model)


def resolve_model(model: str, *, offline: bool = False, kind: str = "translation") -> ResolvedModel:
    """Find ``model`` (a directory or a hub id) on disk, downloading it unless offline.

    Raises ModelError for a bad directory and ModelNotAvailable when hub files cannot be had.
    ``kind`` names what the model is for; both kinds need the same files.
    """
    if kind not in MODEL_KINDS:
        raise ValueError(f"kind must be one of {MODEL_KINDS}, not {kind!r}")
    if not model or not model.strip():
        raise ModelError("no model given: pass a Hugging Face model id or a model directory")
    local = Path(model).expanduser()
    if local.exists():
        return _resolve_local(model, local)
    if looks_like_path(model):
        raise ModelError(f"no such model directory: {model}")
    return _resolve_hub(model, offline=offline)


def content_hash(directory: Path) -> str:
    """ "sha256:<16 hex>" over the names and contents of a model directory's config, weight and tokenizer files.

    A file whose path, size and mtime match a digest stored by an earlier run is not read again.
    """
    digests = FileDigests.load()
    total = hashlib.sha256()
    for path in model_files(directory):
        total.update(path.name.encode("utf-8") + b"\0" + digests.of(path).encode("ascii") + b"\n")
    digests.save()
    return f"sha256:{total.hexdigest()[:16]}"


def _resolve_local(model: str, local: Path) -> ResolvedModel:
    if not local.is_dir() or not (local / "config.json").is_file():
        raise ModelError(f"{model} is not a model directory (no config.json)")
    if not has_weights(local):
        raise ModelError(f"{model} has no weights (model.safetensors or pytorch_model.bin)")
    path = local.resolve()
    return ResolvedModel(model_id=model, path=path, revision=content_hash(path), local=True)


def _resolve_hub(model: str, *, offline: bool) -> ResolvedModel:
    errors = hub.hub_errors()
    try:
        return hub.fetch_snapshot(model, local_only=True)
    except errors as err:
        if hub.is_invalid_id(err):
            raise ModelError(f"{model!r} is neither a model directory nor a Hugging Face model id") from err
        if is_offline(offline):
            raise ModelNotAvailable(model, "offline and not in the local cache") from err
    try:
        return hub.fetch_snapshot(model, local_only=False)
    except errors as err:
        raise ModelNotAvailable(model, hub.reason(err)) from err
