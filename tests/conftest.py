"""Shared fixtures: tiny random-weight models in the real layout, and an isolated cache.

Nothing here downloads. HF_HUB_OFFLINE is set for the whole session so a test
that would reach the hub fails fast instead of hanging; the real Hugging Face
cache location is kept in REAL_HF_CACHE for the `realmodel` tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests_support import REAL_HF_CACHE  # noqa: F401  (read before the session points HF at a temp dir)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "kazachstan-dystansuje-sie-od-rosji.txt"


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory):
    """Point pl2en's cache (translation memory, ct2 conversions) and the HF cache at temp dirs."""
    root = tmp_path_factory.mktemp("pl2en-cache")
    saved = {k: os.environ.get(k) for k in ("PL2EN_CACHE_DIR", "HF_HUB_OFFLINE", "HF_HUB_CACHE")}
    os.environ["PL2EN_CACHE_DIR"] = str(root / "pl2en")
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_HUB_CACHE"] = str(root / "hf")
    yield root
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory) -> Path:
    """A random-weight Marian model like opus-mt-pl-en (d_model 16); outputs capped at 40 tokens."""
    from translator.testing.marian import build_marian

    return build_marian(tmp_path_factory.mktemp("tiny-marian"), max_length=40)


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory) -> Path:
    """A random-weight BART summariser like distilbart-cnn-12-6 (d_model 16)."""
    from translator.testing.bart import build_bart

    return build_bart(tmp_path_factory.mktemp("tiny-bart"))
