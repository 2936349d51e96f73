"""Which engine ``auto`` picks, for translation and summarisation alike, and what a missing engine says."""

from __future__ import annotations

import pytest

from translator.backends.ct2 import CTranslate2Backend
from translator.backends.factory import create_backend
from translator.backends.hf import TransformersBackend
from translator.errors import BackendUnavailable


@pytest.fixture
def tiny_model(tiny_marian):
    return tiny_marian


def test_factory_picks_and_refuses(tiny_model, monkeypatch):
    assert isinstance(create_backend("auto", str(tiny_model)), CTranslate2Backend)
    assert isinstance(create_backend("transformers", str(tiny_model)), TransformersBackend)
    with pytest.raises(BackendUnavailable, match="choose auto, ctranslate2, transformers"):
        create_backend("marian-nmt", str(tiny_model))

    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "ctranslate2" else real_find_spec(name, *a)
    )
    assert isinstance(create_backend("auto", str(tiny_model)), TransformersBackend)
    with pytest.raises(BackendUnavailable, match="pip install ctranslate2"):
        create_backend("ctranslate2", str(tiny_model))


@pytest.mark.parametrize(
    ("missing", "translator_engine", "summariser_engine"),
    [
        ("sentencepiece", "transformers", "ctranslate2"),  # the ct2 translator tokenizes with sentencepiece
        ("tokenizers", "ctranslate2", "transformers"),  # the ct2 summariser with tokenizers
        ("ctranslate2", "transformers", "transformers"),
    ],
)
def test_auto_picks_ctranslate2_only_when_its_tokenizer_imports(
    tiny_model, monkeypatch, missing, translator_engine, summariser_engine
):
    import importlib.util

    from translator.summarize.abstract import Summarizer

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == missing else real_find_spec(name, *a)
    )
    assert create_backend("auto", str(tiny_model)).name == translator_engine
    assert Summarizer(str(tiny_model), backend="auto").backend_name == summariser_engine
    if translator_engine == "transformers":
        with pytest.raises(BackendUnavailable, match="not installed: pip install ctranslate2 sentencepiece"):
            create_backend("ctranslate2", str(tiny_model))


def test_auto_with_no_engine_installed_says_what_to_install(tiny_model, monkeypatch):
    import importlib.util

    from translator.summarize.abstract import Summarizer

    real_find_spec = importlib.util.find_spec
    gone = {"ctranslate2", "torch"}
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name in gone else real_find_spec(name, *a)
    )
    with pytest.raises(BackendUnavailable, match="no translation engine installed: pip install ctranslate2"):
        create_backend("auto", str(tiny_model))
    with pytest.raises(BackendUnavailable, match="no summarization engine installed"):
        Summarizer(str(tiny_model), backend="auto")
