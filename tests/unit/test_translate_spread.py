"""Batches spread over the engine's replicas: a short document (or the reader's first
paragraph) is not decoded by one replica while the others wait."""

from __future__ import annotations

from dataclasses import dataclass

from translation_doubles import FakeBackend, check_complete, doc_of

from translator.translate import Translator, plan_batches, spread_batches


@dataclass
class TwoReplicaBackend(FakeBackend):
    """The fake engine with two replicas, as ctranslate2 has on two CPU cores."""

    parallel_batches: int = 2


def test_one_batch_is_split_for_two_replicas_with_the_longest_apart():
    lengths = [3, 9, 4, 8]
    batches = spread_batches(plan_batches(lengths, batch_tokens=256, max_sentences=64), lengths, 2)
    assert sorted(sorted(b) for b in batches) == [[0, 3], [1, 2]]  # 9 and 8 in different batches


def test_spreading_stops_at_one_item_per_batch_and_keeps_enough_batches():
    assert spread_batches([[0, 1]], [5, 6], 4) == [[0], [1]]
    assert spread_batches([[0], [1, 2]], [5, 6, 7], 1) == [[0], [1, 2]]
    assert spread_batches([], [], 2) == []


def test_short_document_goes_to_both_replicas_and_comes_back_whole():
    backend = TwoReplicaBackend()
    doc = doc_of("Kazachstan dystansuje się od Rosji. | Putin milczy. | Prezydent odcina się od Łukaszenki.")
    out = Translator(backend, repair=False).translate_document(doc)
    assert len(backend.batches) == 2
    assert sorted(t for batch, _ in backend.batches for t in batch) == sorted(s.source for s in doc.blocks[0].sentences)
    check_complete(doc, out)


def test_first_paragraph_of_a_stream_is_spread_too():
    backend = TwoReplicaBackend()
    doc = doc_of("Pierwsze zdanie akapitu. | Drugie zdanie akapitu.", "Kolejny akapit. | I jeszcze jedno.")
    first = next(iter(Translator(backend, repair=False).iter_translate(doc)))
    assert first.blocks[0].translated and not first.blocks[1].translated
    assert [len(batch) for batch, _ in backend.batches] == [1, 1]
