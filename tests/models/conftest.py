"""Fixtures of the summariser tests: one pl2en cache for the session and a loaded ctranslate2 summariser."""

from __future__ import annotations

import pytest

from translator.summarize.abstract import Summarizer


@pytest.fixture(scope="session")
def summary_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("pl2en-cache")


@pytest.fixture(scope="session")
def ct2_summarizer(tiny_bart, summary_cache):
    """Loaded (and so converted) once; later summarizers of the same model reuse the conversion."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PL2EN_CACHE_DIR", str(summary_cache))
        summarizer = Summarizer(str(tiny_bart), backend="ctranslate2", offline=True)
        summarizer.load()
    return summarizer
