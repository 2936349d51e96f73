"""Test doubles and helpers for the translator's tests: an honest fake engine, small documents, checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from translator.backends import DecodingOptions, Hypothesis
from translator.document import Block, Document, Sentence


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
