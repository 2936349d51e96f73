"""Translator on the real engines (transformers, ctranslate2) and a tiny random-weight Marian model:
chunking, streaming, the model's beam. The repair and batching logic is checked exactly with a
test double in tests/unit/test_translate_fake_engine.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from translation_doubles import check_complete, doc_of, long_polish_sentence

from translator.backends import DecodingOptions, Hypothesis, TranslationBackend
from translator.chunking import split_long
from translator.document import Document
from translator.fidelity import check_translation
from translator.parse import parse_document
from translator.translate import Translator

BACKEND_NAMES = ("transformers", "ctranslate2")
FAST = DecodingOptions(beam=2)


def make_backend(name: str, model: Path) -> TranslationBackend:
    if name == "transformers":
        from translator.backends.hf import TransformersBackend

        return TransformersBackend(str(model), device="cpu", offline=True, threads=1)
    from translator.backends.ct2 import CTranslate2Backend

    return CTranslate2Backend(str(model), device="cpu", offline=True, threads=1)


@pytest.fixture(scope="session")
def short_marian(tmp_path_factory) -> Path:
    """A tiny Marian whose positions (and so its input limit) stop at 64 tokens."""
    from translator.testing.marian import build_marian

    return build_marian(tmp_path_factory.mktemp("short-marian"), max_position_embeddings=64, max_length=24)


@pytest.fixture(scope="session")
def seed_doc(seed_text) -> Document:
    return parse_document(seed_text, name="seed")


class RecordingBackend:
    """Wraps a real backend and records every batch it is asked to translate."""

    def __init__(self, inner: TranslationBackend) -> None:
        self.inner = inner
        self.name = inner.name
        self.model_id = inner.model_id
        self.batches: list[tuple[list[str], DecodingOptions]] = []

    @property
    def identity(self) -> str:
        return self.inner.identity

    @property
    def max_input_tokens(self) -> int:
        return self.inner.max_input_tokens

    @property
    def default_beam(self) -> int:
        return self.inner.default_beam

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def translate_batch(self, texts: list[str], options: DecodingOptions) -> list[Hypothesis]:
        self.batches.append((list(texts), options))
        return self.inner.translate_batch(texts, options)


# -- the real engines ----------------------------------------------------------------------


@pytest.mark.parametrize("backend_name", BACKEND_NAMES)
def test_seed_is_translated_completely(backend_name, tiny_marian, seed_doc):
    backend = make_backend(backend_name, tiny_marian)
    seen = []
    out = Translator(backend, options=FAST).translate_document(seed_doc, progress=lambda d, t: seen.append((d, t)))
    assert len(out.blocks) == 6
    check_complete(seed_doc, out)
    info = out.translation
    assert (info.model, info.backend, info.beam) == (str(tiny_marian), backend_name, 2)
    total = sum(len(b.sentences) for b in seed_doc.blocks)
    assert seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    for _, sentence in out.sentences:
        assert sentence.chunks == 1
        assert isinstance(sentence.score, float)
        source_tokens = backend.count_tokens(sentence.source)
        assert sentence.flags == check_translation(sentence.source, sentence.target, source_tokens=source_tokens)
    assert Document.from_json(out.to_json()) == out


def test_default_beam_comes_from_the_model(tiny_marian, seed_doc):
    backend = make_backend("ctranslate2", tiny_marian)
    doc = Document(blocks=seed_doc.blocks[1:2])
    out = Translator(backend, options=DecodingOptions(beam=1)).translate_document(doc)
    assert out.translation.beam == 1
    assert Translator(backend).translate_document(doc).translation.beam == 6  # generation_config num_beams


@pytest.mark.parametrize("backend_name", BACKEND_NAMES)
def test_two_thousand_word_sentence_is_chunked(backend_name, short_marian, seed_text):
    text = long_polish_sentence(seed_text)
    assert len(text.split()) >= 2000
    backend = RecordingBackend(make_backend(backend_name, short_marian))
    assert backend.max_input_tokens == 64
    translator = Translator(backend, options=DecodingOptions(beam=1), repair=False)
    out = translator.translate_document(doc_of(text))
    sentence = out.blocks[0].sentences[0]
    assert sentence.chunks >= 4
    assert sentence.target and sentence.target.strip()
    plan = [text[s:e] for s, e in split_long(text, backend.count_tokens, translator.input_limit)]
    assert sentence.chunks == len(plan)
    pieces = [t for batch, _ in backend.batches for t in batch]
    assert sorted(pieces) == sorted(set(plan))  # each distinct piece translated once
    assert all(backend.count_tokens(p) <= translator.input_limit < 64 for p in pieces)
    for batch, _ in backend.batches:
        longest = max(backend.count_tokens(t) for t in batch)
        assert len(batch) == 1 or longest * len(batch) <= translator.batch_tokens


def test_max_input_tokens_override_caps_pieces(tiny_marian, seed_doc):
    backend = RecordingBackend(make_backend("transformers", tiny_marian))
    translator = Translator(backend, options=DecodingOptions(beam=1), max_input_tokens=16, repair=False)
    block = seed_doc.blocks[2]
    out = translator.translate_document(Document(blocks=(block,)))
    assert translator.input_limit == 16
    assert any(s.chunks > 1 for s in out.blocks[0].sentences)
    assert all(backend.count_tokens(t) <= 16 for batch, _ in backend.batches for t in batch)
    check_complete(Document(blocks=(block,)), out)


@pytest.mark.parametrize("backend_name", BACKEND_NAMES)
def test_iter_translate_streams_order_blocks_first(backend_name, tiny_marian, seed_doc):
    translator = Translator(make_backend(backend_name, tiny_marian), options=DecodingOptions(beam=1), batch_tokens=128)
    order = [4, 2]
    snapshots = list(translator.iter_translate(seed_doc, order=order))
    assert len(snapshots) == len(seed_doc.blocks)
    done = [[b.id for b in snap.blocks if b.translated] for snap in snapshots]
    assert [len(d) for d in done] == list(range(1, len(seed_doc.blocks) + 1))
    newly = [next(iter(set(d) - set(prev))) for prev, d in zip([[]] + done, done, strict=False)]
    assert newly[:2] == order
    assert newly[2:] == [0, 1, 3, 5]
    check_complete(seed_doc, snapshots[-1])
    whole = translator.translate_document(seed_doc)
    streamed = [(s.target, s.chunks, s.flags) for _, s in snapshots[-1].sentences]
    assert streamed == [(s.target, s.chunks, s.flags) for _, s in whole.sentences]
