"""Fetching a model from the Hugging Face hub (or only its local cache). huggingface_hub is imported lazily.

The hub's timeouts are passed to each call, never set in ``os.environ``: a library must not
change the process's environment. Users may still set HF_HUB_ETAG_TIMEOUT and
HF_HUB_DOWNLOAD_TIMEOUT themselves; huggingface_hub honours them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from translator import paths
from translator.models.layout import LEGACY_WEIGHTS, MODEL_FILE_PATTERNS, ResolvedModel, has_tokenizer, has_weights

ETAG_TIMEOUT_S = 5.0  # asking the hub which revision is current; huggingface_hub's default is 10 s


def fetch_snapshot(model: str, *, local_only: bool) -> ResolvedModel:
    """One snapshot_download with the model file patterns; a second with pytorch_model.bin if no safetensors."""
    snapshot = _snapshot_download(model, list(MODEL_FILE_PATTERNS), local_only)
    if not has_weights(snapshot):
        snapshot = _snapshot_download(model, [*MODEL_FILE_PATTERNS, LEGACY_WEIGHTS], local_only)
    missing = [
        what
        for what, ok in (
            ("config.json", (snapshot / "config.json").is_file()),
            ("weights", has_weights(snapshot)),
            ("tokenizer files", has_tokenizer(snapshot)),
        )
        if not ok
    ]
    if missing:
        raise FileNotFoundError(f"the downloaded files lack {', '.join(missing)}")
    return ResolvedModel(model_id=model, path=snapshot, revision=snapshot.name, local=False)


def _snapshot_download(model: str, patterns: list[str], local_only: bool) -> Path:
    from huggingface_hub import snapshot_download

    return Path(
        snapshot_download(
            model,
            allow_patterns=patterns,
            local_files_only=local_only,
            cache_dir=str(paths.hf_hub_cache_dir()),
            etag_timeout=ETAG_TIMEOUT_S,
        )
    )


def hub_errors() -> tuple[type[BaseException], ...]:
    """Everything huggingface_hub raises when files cannot be had (its HTTP stack varies by version)."""
    errors: list[type[BaseException]] = [OSError, ValueError, TimeoutError]
    for module, name in (("httpx2", "HTTPError"), ("httpx", "HTTPError"), ("requests", "RequestException")):
        try:
            errors.append(getattr(__import__(module), name))
        except (ImportError, AttributeError):
            continue
    return tuple(errors)


def is_invalid_id(err: BaseException) -> bool:
    from huggingface_hub.errors import HFValidationError

    return isinstance(err, HFValidationError)


def reason(err: BaseException) -> str:
    """Why the hub's files could not be had, in words a user can act on."""
    from huggingface_hub import errors as hub

    if isinstance(err, hub.GatedRepoError):
        return "the model is gated: accept its terms on huggingface.co and log in with `hf auth login`"
    if isinstance(err, hub.RepositoryNotFoundError):
        return "no such model on the Hugging Face hub"
    if isinstance(err, hub.RevisionNotFoundError):
        return "no such revision on the Hugging Face hub"
    if isinstance(err, hub.HFValidationError):
        return "not a valid Hugging Face model id"
    if isinstance(err, hub.LocalEntryNotFoundError):
        return "not in the local cache and the Hugging Face hub cannot be reached"
    if isinstance(err, FileNotFoundError):
        return str(err)
    if isinstance(err, (TimeoutError, ConnectionError)) or "Timeout" in type(err).__name__:
        return "the Hugging Face hub cannot be reached"
    first_line = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {first_line}" if first_line else type(err).__name__


def scan_hub_cache() -> Any:
    """huggingface_hub's HFCacheInfo of the hub cache, or None when there is no cache."""
    directory = paths.hf_hub_cache_dir()
    if not directory.is_dir():
        return None
    from huggingface_hub import scan_cache_dir

    return scan_cache_dir(directory)
