"""Constants shared by tests (importable because pytest puts tests/ on sys.path via rootdir conftest)."""

from __future__ import annotations

import os

REAL_HF_CACHE = os.environ.get("HF_HUB_CACHE") or os.path.join(
    os.environ.get("HF_HOME") or os.path.join(os.path.expanduser("~"), ".cache", "huggingface"), "hub"
)
