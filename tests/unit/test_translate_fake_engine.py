"""Translator logic with an honest test double (deterministic output): fidelity repair, batching,
duplicates, progress, streaming. The real engines are exercised in tests/models/test_translate.py.
"""

from __future__ import annotations

import pytest
from translation_doubles import FakeBackend, check_complete, doc_of, fake_english, long_polish_sentence, looped

from translator.backends import DecodingOptions
from translator.chunking import split_long
from translator.document import Block, Document
from translator.parse import parse_document
from translator.translate import Translator, plan_batches


@pytest.fixture(scope="session")
def seed_doc(seed_text) -> Document:
    return parse_document(seed_text, name="seed")


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
