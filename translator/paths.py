"""Where pl2en keeps its files. Nothing is created at import; callers mkdir what they write."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """pl2en's cache root: ``$PL2EN_CACHE_DIR``, else the platform user cache dir (honours XDG_CACHE_HOME)."""
    override = os.environ.get("PL2EN_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pl2en", appauthor=False))


def ct2_dir() -> Path:
    """Models converted to CTranslate2, one directory per model, revision and quantization."""
    return cache_dir() / "ct2"


def memory_path() -> Path:
    """The translation memory (SQLite)."""
    return cache_dir() / "memory.sqlite3"


def file_digests_path() -> Path:
    """SHA-256 digests of local model files, keyed by path, size and mtime (so a restart need not rehash)."""
    return cache_dir() / "file-digests.json"


def hf_hub_cache_dir() -> Path:
    """The Hugging Face hub cache, read from the environment at call time (as huggingface_hub does at import).

    Order: HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE, HF_HOME/hub, XDG_CACHE_HOME/huggingface/hub, ~/.cache/huggingface/hub.
    """
    for name in ("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"):
        value = os.environ.get(name)
        if value:
            return Path(os.path.expandvars(value)).expanduser()
    hf_home = os.environ.get("HF_HOME")
    if hf_home:
        return Path(os.path.expandvars(hf_home)).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg).expanduser() / "huggingface" / "hub"
