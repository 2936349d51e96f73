"""What a model is on disk: the default models, the files a model needs, the conversion marker."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-pl-en"
QUALITY_MODEL = "Helsinki-NLP/opus-mt-tc-big-zlw-en"
DEFAULT_SUMMARY_MODEL = "sshleifer/distilbart-cnn-12-6"

MODEL_KINDS = ("translation", "summarization")

# What a model needs on disk; pytorch_model.bin only when a repo has no safetensors.
MODEL_FILE_PATTERNS = (
    "config.json",
    "generation_config.json",
    "*.safetensors",
    "*.spm",
    "vocab.json",
    "target_vocab.json",
    "merges.txt",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "source.spm",
    "target.spm",
)
LEGACY_WEIGHTS = "pytorch_model.bin"
WEIGHT_PATTERNS = ("*.safetensors", LEGACY_WEIGHTS)
TOKENIZER_PATTERNS = ("*.spm", "vocab.json", "tokenizer.json")

# Written into every CTranslate2 conversion so list/remove can tell what it was made from.
CT2_METADATA = "pl2en-conversion.json"


@dataclass(frozen=True)
class ResolvedModel:
    """A model found on disk."""

    model_id: str  # as the user gave it (hub id or the directory path as given)
    path: Path  # local directory in the HF layout
    revision: str  # hub commit hash, or "sha256:<16 hex>" content hash of a local directory
    local: bool  # True for a user-given directory


def matches_any(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def has_weights(directory: Path) -> bool:
    return any(matches_any(p.name, WEIGHT_PATTERNS) for p in directory.iterdir() if p.is_file())


def has_tokenizer(directory: Path) -> bool:
    return any(matches_any(p.name, TOKENIZER_PATTERNS) for p in directory.iterdir())


def model_files(directory: Path) -> list[Path]:
    """The config, weight and tokenizer files of a model directory, sorted."""
    patterns = (*MODEL_FILE_PATTERNS, LEGACY_WEIGHTS)
    return sorted(p for p in directory.iterdir() if p.is_file() and matches_any(p.name, patterns))
