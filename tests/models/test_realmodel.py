"""The real opus-mt-pl-en and distilbart, when their weights are in the local Hugging Face cache.

Skipped otherwise (these machines cannot reach the hub). Run `pl2en models pull` and
`pl2en models pull sshleifer/distilbart-cnn-12-6` first to enable them.
"""

from __future__ import annotations

import pytest
from tests_support import REAL_HF_CACHE

pytestmark = pytest.mark.realmodel

TRANSLATOR = "Helsinki-NLP/opus-mt-pl-en"
SUMMARIZER = "sshleifer/distilbart-cnn-12-6"


def cached(repo_id: str) -> bool:
    from huggingface_hub import try_to_load_from_cache

    for name in ("model.safetensors", "pytorch_model.bin"):
        found = try_to_load_from_cache(repo_id, name, cache_dir=REAL_HF_CACHE)
        if isinstance(found, str):
            return True
    return False


@pytest.fixture()
def real_cache(monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", REAL_HF_CACHE)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_real_opus_mt_translates_the_seed(real_cache, seed_path, backend):
    if not cached(TRANSLATOR):
        pytest.skip(f"{TRANSLATOR} is not in the local Hugging Face cache")
    from translator.pipeline import Pipeline, Settings

    pipeline = Pipeline(Settings(model=TRANSLATOR, backend=backend, offline=True, use_cache=False, summary_model=None))
    doc = pipeline.translate(pipeline.load(str(seed_path)))
    english = " ".join(b.target for b in doc.blocks)
    for word in ("Kazakhstan", "Russia", "Putin", "Belarus"):
        assert word in english, word
    flagged = [s for _, s in doc.sentences if s.flags]
    assert len(flagged) <= 2, [(s.source, s.target, s.flags) for s in flagged]


def test_real_distilbart_summarises_and_claims_name_english_speakers(real_cache, seed_path):
    if not (cached(TRANSLATOR) and cached(SUMMARIZER)):
        pytest.skip("real weights are not in the local Hugging Face cache")
    from translator.pipeline import Pipeline, Settings

    pipeline = Pipeline(Settings(model=TRANSLATOR, summary_model=SUMMARIZER, offline=True, use_cache=False))
    doc = pipeline.summarize(pipeline.translate(pipeline.load(str(seed_path))))
    assert doc.summary.abstract and "Kazakhstan" in doc.summary.abstract
    english_speakers = {c.speaker_en for c in doc.summary.claims if c.speaker_en}
    assert english_speakers & {"Kremlin", "Tokayev", "Forsberg", "Tuomas Forsberg"}
