"""The plain data every stage passes on: Document, Block, Sentence, Claim, Summary.

All are frozen dataclasses; a stage returns new objects (``dataclasses.replace``)
instead of mutating. ``Document.to_json`` / ``Document.from_json`` speak the
``pl2en.document/1`` schema described in ARCHITECTURE.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Literal

SCHEMA = "pl2en.document/1"

BlockKind = Literal["heading", "paragraph"]

# What a sentence's fidelity flags (translator/fidelity.py) mean, in the words a reader is shown:
# the reader's status line and legend, and the ⚠ markers of the text, markdown and HTML output.
FLAG_WORDS = {
    "length_ratio": "may be incomplete",
    "repetition": "possible loop",
    "untranslated": "left in Polish",
    "empty": "no translation",
}


def flag_words(flags: tuple[str, ...] | list[str]) -> str:
    """``("length_ratio", "repetition")`` → ``"may be incomplete, possible loop"``."""
    return ", ".join(FLAG_WORDS.get(flag, flag.replace("_", " ")) for flag in flags)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a block: ``block.source[start:end] == source`` always holds."""

    id: int
    start: int
    end: int
    source: str
    target: str | None = None
    chunks: int = 1
    score: float | None = None
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "target": self.target,
            "chunks": self.chunks,
            "score": self.score,
            "flags": list(self.flags),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(
            id=int(d["id"]),
            start=int(d["start"]),
            end=int(d["end"]),
            source=d["source"],
            target=d.get("target"),
            chunks=int(d.get("chunks", 1)),
            score=d.get("score"),
            flags=tuple(d.get("flags", ())),
        )


@dataclass(frozen=True)
class Block:
    """A heading or paragraph of the article, with its sentences."""

    id: int
    kind: BlockKind
    source: str
    sentences: tuple[Sentence, ...] = ()

    @property
    def target(self) -> str | None:
        """The block's English: its sentences' targets joined, or None until all are done."""
        if not self.sentences or any(s.target is None for s in self.sentences):
            return None
        return " ".join(s.target for s in self.sentences if s.target)

    @property
    def translated(self) -> bool:
        return self.target is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source,
            "target": self.target,
            "sentences": [s.to_dict() for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Block:
        return cls(
            id=int(d["id"]),
            kind=d["kind"],
            source=d["source"],
            sentences=tuple(Sentence.from_dict(s) for s in d.get("sentences", ())),
        )


@dataclass(frozen=True)
class SourceInfo:
    """Where the article came from."""

    name: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None
    language: str = "pl"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SourceInfo:
        return cls(**{k: d.get(k) for k in ("name", "url", "title", "date")}, language=d.get("language") or "pl")


@dataclass(frozen=True)
class TranslationInfo:
    """Which model and settings produced the targets."""

    model: str
    backend: str
    beam: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "backend": self.backend, "beam": self.beam}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TranslationInfo:
        return cls(model=d["model"], backend=d["backend"], beam=d.get("beam"))


@dataclass(frozen=True)
class Claim:
    """A key statement of the article, pointing at the sentence it came from."""

    block: int
    sentence: int
    source: str
    target: str | None = None
    speaker: str | None = None
    speaker_en: str | None = None
    cue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "block": self.block,
            "sentence": self.sentence,
            "source": self.source,
            "target": self.target,
            "speaker": self.speaker,
            "speaker_en": self.speaker_en,
            "cue": self.cue,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            block=int(d["block"]),
            sentence=int(d["sentence"]),
            source=d["source"],
            target=d.get("target"),
            speaker=d.get("speaker"),
            speaker_en=d.get("speaker_en"),
            cue=d.get("cue"),
        )


@dataclass(frozen=True)
class Summary:
    """Key claims (always) and an English abstract (when a summary model ran)."""

    claims: tuple[Claim, ...] = ()
    abstract: str | None = None
    model: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "abstract": self.abstract,
            "claims": [c.to_dict() for c in self.claims],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Summary:
        return cls(
            model=d.get("model"),
            abstract=d.get("abstract"),
            claims=tuple(Claim.from_dict(c) for c in d.get("claims", ())),
        )


@dataclass(frozen=True)
class Document:
    """A parsed (and possibly translated and summarised) article."""

    source: SourceInfo = field(default_factory=SourceInfo)
    blocks: tuple[Block, ...] = ()
    translation: TranslationInfo | None = None
    summary: Summary | None = None

    @property
    def sentences(self) -> list[tuple[Block, Sentence]]:
        """Every (block, sentence) pair in reading order."""
        return [(b, s) for b in self.blocks for s in b.sentences]

    @property
    def translated(self) -> bool:
        return all(b.translated for b in self.blocks)

    def sentence(self, block_id: int, sentence_id: int) -> Sentence:
        return self.blocks[block_id].sentences[sentence_id]

    def with_block(self, block: Block) -> Document:
        """A copy with ``block`` replacing the block of the same id."""
        blocks = tuple(block if b.id == block.id else b for b in self.blocks)
        return replace(self, blocks=blocks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source.to_dict(),
            "translation": self.translation.to_dict() if self.translation else None,
            "blocks": [b.to_dict() for b in self.blocks],
            "summary": self.summary.to_dict() if self.summary else None,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        if d.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document: schema={d.get('schema')!r}")
        return cls(
            source=SourceInfo.from_dict(d.get("source") or {}),
            blocks=tuple(Block.from_dict(b) for b in d.get("blocks", ())),
            translation=TranslationInfo.from_dict(d["translation"]) if d.get("translation") else None,
            summary=Summary.from_dict(d["summary"]) if d.get("summary") else None,
        )

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))
