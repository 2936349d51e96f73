"""The translation memory is asked before any engine: a document it knows loads no model at all."""

from __future__ import annotations

from memory_support import RecordingBackend

from translator.backends import DecodingOptions
from translator.document import Block, Document, Sentence
from translator.translate import Translator

SENTENCES = ["Kreml ostrzegł Kazachstan.", "Prezydent odpowiedział krótko i spokojnie.", "Nic więcej."]
LONG = "To jest bardzo długie zdanie, które model musi przetłumaczyć w kilku kawałkach, bo nie mieści się w limicie."


class LazyBackend(RecordingBackend):
    """A RecordingBackend that notes when anything only a loaded engine knows is asked of it."""

    def __init__(self, identity: str = "recording:v1") -> None:
        super().__init__(identity=identity)
        self.loaded = False

    @property
    def max_input_tokens(self) -> int:
        self.loaded = True
        return 512

    def count_tokens(self, text: str) -> int:
        self.loaded = True
        return super().count_tokens(text)

    def translate_batch(self, texts, options):
        self.loaded = True
        return super().translate_batch(texts, options)


def article(*paragraphs: list[str]) -> Document:
    blocks = []
    for n, sentences in enumerate(paragraphs):
        source = " ".join(sentences)
        spans, at = [], 0
        for i, text in enumerate(sentences):
            start = source.index(text, at)
            spans.append(Sentence(id=i, start=start, end=start + len(text), source=text))
            at = start + len(text)
        blocks.append(Block(id=n, kind="paragraph", source=source, sentences=tuple(spans)))
    return Document(blocks=tuple(blocks))


def translator(backend, memory, **more) -> Translator:
    return Translator(backend, options=DecodingOptions(beam=2), memory=memory, **more)


def test_a_document_the_memory_knows_loads_no_engine_and_comes_out_the_same(memory):
    doc = article(SENTENCES[:2], [LONG, SENTENCES[2]])
    first = translator(LazyBackend(), memory, max_input_tokens=8).translate_document(doc)
    assert any(s.chunks > 1 for _, s in first.sentences)  # the long one went in pieces

    warm = LazyBackend()
    progress: list[tuple[int, int]] = []
    again = translator(warm, memory, max_input_tokens=8).translate_document(doc, progress=lambda *p: progress.append(p))
    assert not warm.loaded and warm.calls == []
    assert again == first
    assert progress[-1] == (4, 4)


def test_streaming_a_known_document_loads_no_engine(memory):
    doc = article(SENTENCES[:2], SENTENCES[2:])
    first = translator(LazyBackend(), memory).translate_document(doc)
    warm = LazyBackend()
    *_, last = translator(warm, memory).iter_translate(doc)
    assert not warm.loaded and last == first


def test_only_the_sentences_it_lacks_reach_the_engine(memory):
    translator(LazyBackend(), memory).translate_document(article(SENTENCES[:2]))
    warm = LazyBackend()
    doc = translator(warm, memory).translate_document(article(SENTENCES))
    assert warm.calls and all(batch == [SENTENCES[2]] for batch in warm.calls)  # (a repair retry included)
    assert [s.target for _, s in doc.sentences] == [t[::-1] for t in SENTENCES]


def test_another_model_or_other_settings_do_not_reuse_it(memory):
    doc = article(SENTENCES)
    translator(LazyBackend(), memory).translate_document(doc)
    for backend, more in (
        (LazyBackend(identity="recording:v2"), {}),
        (LazyBackend(), {"repair": False}),
        (LazyBackend(), {"max_input_tokens": 6}),
    ):
        translator(backend, memory, **more).translate_document(doc)
        assert backend.loaded, more
    other_beam = LazyBackend()
    Translator(other_beam, options=DecodingOptions(beam=3), memory=memory).translate_document(doc)
    assert other_beam.loaded


def test_translate_texts_asks_the_memory_first(memory):
    first = translator(LazyBackend(), memory).translate_texts(SENTENCES + [""])
    warm = LazyBackend()
    assert translator(warm, memory).translate_texts(["", *SENTENCES]) == [first[-1], *first[:-1]]
    assert not warm.loaded


def test_without_a_memory_every_run_uses_the_engine(memory):
    doc = article(SENTENCES)
    translator(LazyBackend(), None).translate_document(doc)
    again = LazyBackend()
    translator(again, None).translate_document(doc)
    assert again.loaded and memory.get_sentences("recording:v1", "any", SENTENCES) == {}
