"""Translator: chunking, batching, fidelity repair and block streaming.

Two kinds of backend: the real engines (transformers, ctranslate2) on a tiny
random-weight Marian model, and small honest test doubles that implement the
Protocol with predictable output, so repair and batching can be checked exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from translator.backends import DecodingOptions, Hypothesis, TranslationBackend
from translator.chunking import split_long
from translator.document import Block, Document, Sentence
from translator.fidelity import check_translation
from translator.parse import parse_document
from translator.translate import Translator, plan_batches

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


def long_polish_sentence(seed_text: str, words: int = 2000) -> str:
    """One ~2,000-word sentence: seed clauses joined by commas, "oraz", "a także" and semicolons."""
    clauses = [c.strip(' ."-') for c in seed_text.replace("\n", " ").replace("?", ".").split(".")]
    clauses = [c for c in clauses if len(c.split()) >= 3 and not c.startswith("date")]
    joiners = [", ", " oraz ", ", a także ", "; ", ", "]
    parts: list[str] = []
    count = 0
    i = 0
    while count < words:
        clause = clauses[i % len(clauses)]
        parts.append(clause[0].lower() + clause[1:] if parts else clause)
        parts.append(joiners[i % len(joiners)])
        count += len(clause.split())
        i += 1
    return "".join(parts[:-1]) + "."


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


def fake_english(text: str) -> str:
    """A stand-in translation: each word reversed, ASCII-folded and capitalised."""
    fold = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
    return " ".join(word.translate(fold)[::-1].capitalize() for word in text.split())


@dataclass
class FakeBackend:
    """An honest test double: deterministic output, one token per word plus end-of-sentence.

    A text containing ``loop_word`` comes back looping ("Putin Putin Putin ...") unless
    decoded with a repetition penalty; it loops whatever the options when ``stubborn``,
    or when it is longer than ``stubborn_above`` tokens (a model that loops on long inputs).
    """

    max_input_tokens: int = 512
    loop_word: str | None = None
    stubborn: bool = False
    stubborn_above: int | None = None
    name: str = "fake"
    model_id: str = "fake/opus-mt-pl-en"
    default_beam: int = 4
    batches: list[tuple[list[str], DecodingOptions]] = field(default_factory=list)

    @property
    def identity(self) -> str:
        return f"fake:{self.model_id}"

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1

    def translate_batch(self, texts: list[str], options: DecodingOptions) -> list[Hypothesis]:
        assert all(self.count_tokens(t) <= self.max_input_tokens for t in texts), "input over the limit"
        self.batches.append((list(texts), options))
        return [self._translate(text, options) for text in texts]

    def _translate(self, text: str, options: DecodingOptions) -> Hypothesis:
        safer = options.repetition_penalty > 1.0
        if self.loop_word and self.loop_word in text:
            too_long = self.stubborn_above is not None and self.count_tokens(text) > self.stubborn_above
            if self.stubborn or too_long or not safer:
                return Hypothesis(looped(self.loop_word, text), score=-0.05)
        return Hypothesis(fake_english(text), score=-0.5 if safer else -0.25)

    def sent(self, text: str) -> int:
        return sum(batch.count(text) for batch, _ in self.batches)


def looped(word: str, text: str) -> str:
    return " ".join([word] * 6 + [fake_english(text)])


def doc_of(*paragraphs: str) -> Document:
    blocks = []
    for i, paragraph in enumerate(paragraphs):
        sentences, start = [], 0
        for j, part in enumerate(paragraph.split(" | ")):
            sentences.append(Sentence(id=j, start=start, end=start + len(part), source=part))
            start += len(part) + 3
        blocks.append(Block(id=i, kind="paragraph", source=paragraph, sentences=tuple(sentences)))
    return Document(blocks=tuple(blocks))


def check_complete(original: Document, translated: Document) -> None:
    """Every sentence has a target; blocks, ids, spans and sources are as they were."""
    assert len(translated.blocks) == len(original.blocks)
    for before, after in zip(original.blocks, translated.blocks, strict=True):
        assert (after.id, after.kind, after.source) == (before.id, before.kind, before.source)
        assert len(after.sentences) == len(before.sentences)
        for s0, s1 in zip(before.sentences, after.sentences, strict=True):
            assert (s1.id, s1.start, s1.end, s1.source) == (s0.id, s0.start, s0.end, s0.source)
            assert after.source[s1.start : s1.end] == s1.source
            assert s1.target is not None and s1.target.strip()
    assert translated.translated


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


# -- test doubles: repair, batching, duplicates -------------------------------------------


def test_flagged_sentence_is_retried_once_with_safer_decoding():
    looping = "Putin milczy."
    backend = FakeBackend(loop_word="Putin")
    doc = doc_of(f"Kazachstan dystansuje się od Rosji. | {looping}", "Prezydent Kazachstanu odcina się od Łukaszenki.")
    out = Translator(backend).translate_document(doc)
    assert backend.sent(looping) == 2
    retry_options = [options for batch, options in backend.batches if looping in batch]
    assert retry_options[0] == DecodingOptions()
    assert retry_options[1].repetition_penalty == 1.3 and retry_options[1].no_repeat_ngram_size == 3
    sentence = out.blocks[0].sentences[1]
    assert sentence.target == fake_english(looping)
    assert sentence.flags == ()
    assert sentence.score == -0.5
    clean = out.blocks[0].sentences[0]
    assert backend.sent(clean.source) == 1 and clean.flags == () and clean.score == -0.25
    check_complete(doc, out)


def test_flags_stay_when_the_retry_fails_too():
    looping = "Putin milczy."
    backend = FakeBackend(loop_word="Putin", stubborn=True)
    out = Translator(backend).translate_document(doc_of(looping))
    sentence = out.blocks[0].sentences[0]
    assert backend.sent(looping) == 2
    assert sentence.flags == ("repetition",)
    assert sentence.target == looped("Putin", looping)


def test_no_repair_records_flags_without_retrying():
    looping = "Putin milczy."
    backend = FakeBackend(loop_word="Putin")
    out = Translator(backend, repair=False).translate_document(doc_of(looping))
    assert backend.sent(looping) == 1
    assert "repetition" in out.blocks[0].sentences[0].flags


def test_long_flagged_sentence_is_also_retried_in_smaller_chunks(seed_text):
    text = "Putin " + long_polish_sentence(seed_text, words=120)
    backend = FakeBackend(max_input_tokens=42, loop_word="Putin", stubborn_above=20)
    translator = Translator(backend)
    out = translator.translate_document(doc_of(text))
    sentence = out.blocks[0].sentences[0]
    limit = translator.input_limit
    first = [t for batch, options in backend.batches if options.repetition_penalty == 1.0 for t in batch]
    retried = [t for batch, options in backend.batches if options.repetition_penalty > 1 for t in batch]
    assert len(first) >= 3 and set(first) <= set(retried)  # the same pieces again, with safer options
    smaller = [text[s:e] for s, e in split_long(text, backend.count_tokens, limit // 2)]
    assert set(smaller) <= set(retried)  # and in smaller pieces
    assert sentence.flags == ()  # the smaller pieces no longer loop: they win
    assert sentence.chunks == len(smaller) > len(first)
    assert sentence.target == " ".join(fake_english(p) for p in smaller)
    assert sentence.score == pytest.approx(-0.5)


def test_batches_respect_the_token_budget(seed_doc):
    backend = FakeBackend()
    translator = Translator(backend, batch_tokens=40, max_batch_sentences=3)
    out = translator.translate_document(seed_doc)
    check_complete(seed_doc, out)
    sizes = [len(batch) for batch, _ in backend.batches]
    assert max(sizes) <= 3 and len(sizes) > 1
    for batch, _ in backend.batches:
        padded = max(backend.count_tokens(t) for t in batch) * len(batch)
        assert len(batch) == 1 or padded <= 40
        assert [backend.count_tokens(t) for t in batch] == sorted(backend.count_tokens(t) for t in batch)
    for _, sentence in out.sentences:
        assert sentence.target == fake_english(sentence.source)


def test_plan_batches():
    assert plan_batches([5, 1, 3, 20, 2], batch_tokens=10, max_sentences=2) == [[1, 4], [2, 0], [3]]
    assert plan_batches([4, 4, 4, 4], batch_tokens=12, max_sentences=64) == [[0, 1, 2], [3]]
    assert plan_batches([], batch_tokens=10, max_sentences=2) == []


def test_duplicate_sentences_are_translated_once():
    repeated = "Kreml zauważył odcięcie się Kazachstanu."
    backend = FakeBackend()
    doc = doc_of(f"{repeated} | Jussi Lassila uważa inaczej.", f"Tokajew milczy. | {repeated}", repeated)
    seen = []
    out = Translator(backend).translate_document(doc, progress=lambda d, t: seen.append((d, t)))
    assert backend.sent(repeated) == 1
    targets = [s.target for _, s in out.sentences if s.source == repeated]
    assert targets == [fake_english(repeated)] * 3
    assert seen[-1] == (5, 5)


def test_duplicates_across_streamed_groups_are_translated_once():
    repeated = "Kreml zauważył odcięcie się Kazachstanu."
    backend = FakeBackend()
    doc = doc_of("Tokajew milczy.", repeated, f"Inne zdanie tutaj. | {repeated}")
    snapshots = list(Translator(backend, batch_tokens=8).iter_translate(doc, order=[1]))
    assert backend.sent(repeated) == 1
    assert snapshots[-1].blocks[2].sentences[1].target == fake_english(repeated)


def test_progress_counts_up_to_the_total(seed_doc):
    seen = []
    Translator(FakeBackend(), batch_tokens=30).translate_document(seed_doc, progress=lambda d, t: seen.append((d, t)))
    total = sum(len(b.sentences) for b in seed_doc.blocks)
    assert len(seen) > 2
    assert all(t == total for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1] == (total, total)


def test_translate_texts_keeps_order_and_blanks(seed_text):
    backend = FakeBackend(max_input_tokens=30)
    long = long_polish_sentence(seed_text, words=60)
    out = Translator(backend).translate_texts(["Tokajew milczy.", "", long, "Tokajew milczy."])
    assert [h.text for h in out[:2]] == [fake_english("Tokajew milczy."), ""]
    assert out[3] == out[0]
    assert "".join(out[2].text.split()) == "".join(fake_english(long).split())
    assert backend.sent("Tokajew milczy.") == 1


def test_blocks_without_sentences_are_segmented():
    source = "Kazachstan dystansuje się od Rosji. Kreml to zauważył."
    doc = Document(blocks=(Block(id=0, kind="paragraph", source=source),))
    out = Translator(FakeBackend()).translate_document(doc)
    assert [s.source for s in out.blocks[0].sentences] == ["Kazachstan dystansuje się od Rosji.", "Kreml to zauważył."]
    check_complete(Document(blocks=out.blocks), out)


def test_should_stop_ends_streaming_between_batches(seed_doc):
    backend = FakeBackend()
    translator = Translator(backend, batch_tokens=30, max_batch_sentences=2)
    stop_after = 2
    stream = translator.iter_translate(seed_doc, should_stop=lambda: len(backend.batches) >= stop_after)
    yielded = list(stream)
    assert len(backend.batches) == stop_after  # no batch started after the stop was asked for
    assert len(yielded) < len(seed_doc.blocks)
    full = Translator(FakeBackend(), batch_tokens=30, max_batch_sentences=2)
    assert len(list(full.iter_translate(seed_doc))) == len(seed_doc.blocks)


def test_blocks_already_translated_are_not_translated_again(seed_doc):
    backend = FakeBackend()
    translator = Translator(backend)
    once = translator.translate_document(seed_doc)
    calls = len(backend.batches)
    again = translator.translate_document(once)
    assert len(backend.batches) == calls
    assert again.blocks == once.blocks
    partly = once.with_block(seed_doc.blocks[2])  # one block back to untranslated
    redone = translator.translate_document(partly)
    assert {t for batch, _ in backend.batches[calls:] for t in batch} <= {
        s.source for s in seed_doc.blocks[2].sentences
    }
    assert redone.blocks == once.blocks
