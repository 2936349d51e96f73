"""Models: resolving one to files on disk (``resolve``, ``hub``, ``limits``) and managing the cache (``cached``).

Every name the CLI and the engines use stays importable from ``translator.models``.
huggingface_hub is imported inside the functions that need it.
"""

from __future__ import annotations

from translator.models.cached import (
    CachedModel,
    Removed,
    ct2_conversions,
    find_cached,
    list_models,
    pull_model,
    remove_model,
    remove_model_parts,
)
from translator.models.layout import (
    CT2_METADATA,
    DEFAULT_MODEL,
    DEFAULT_SUMMARY_MODEL,
    LEGACY_WEIGHTS,
    MODEL_FILE_PATTERNS,
    MODEL_KINDS,
    QUALITY_MODEL,
    TOKENIZER_PATTERNS,
    WEIGHT_PATTERNS,
    ResolvedModel,
    has_weights,
)
from translator.models.limits import ModelLimits, read_json, read_model_limits
from translator.models.resolve import content_hash, is_offline, looks_like_path, resolve_model

__all__ = [
    "CT2_METADATA",
    "DEFAULT_MODEL",
    "DEFAULT_SUMMARY_MODEL",
    "LEGACY_WEIGHTS",
    "MODEL_FILE_PATTERNS",
    "MODEL_KINDS",
    "QUALITY_MODEL",
    "TOKENIZER_PATTERNS",
    "WEIGHT_PATTERNS",
    "CachedModel",
    "ModelLimits",
    "Removed",
    "ResolvedModel",
    "content_hash",
    "ct2_conversions",
    "find_cached",
    "has_weights",
    "is_offline",
    "list_models",
    "looks_like_path",
    "pull_model",
    "read_json",
    "read_model_limits",
    "remove_model",
    "remove_model_parts",
    "resolve_model",
]
