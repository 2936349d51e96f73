"""Key claims of an article, chosen on the Polish side with no model.

``extract_claims(doc)`` picks 3 to 7 paragraph sentences (about a third of them for
short texts, at least one) and returns them in document order as :class:`Claim`.
The choice reads only the Polish sources, so it does not depend on translation
quality; the English target and the speaker's English form are attached when the
document is translated.

Ranking: every sentence gets
* centrality — LexRank (PageRank over cosine similarities of lemma TF-IDF
  vectors; simplemma lemmas, pure Python), scaled to 0..1;
* position — earlier sentences of the article weigh a little more;
* claim cues — a reporting verb that introduces content (``uważa, że``, a quote's
  closing ``– mówi X``) counts most, then ``według`` / ``zdaniem``, then quoted
  words, then a bare reporting verb (``skomentował sytuację``); each counts more
  when a speaker is found;
* numbers and named entities (capitalised words that are not sentence-initial).

Selection is greedy: the best remaining sentence that is not a near-duplicate of
one already chosen, with a penalty for repeating a speaker already chosen.
Headings are never chosen.  Speaker attribution is :mod:`translator.summarize.attribution`; centrality
is :mod:`translator.summarize.centrality`.
"""

from __future__ import annotations

import math

from translator.document import Block, Claim, Document, Sentence
from translator.summarize.attribution import Attribution, attribute_sentences
from translator.summarize.centrality import lemma_bag, lexrank, near_duplicate, tfidf
from translator.summarize.speakers import english_form, is_name_token, tokenize

CUE_WEIGHT = {  # kind -> (without a speaker, with a speaker)
    "statement": (0.6, 1.0),
    "opinion": (0.5, 0.9),
    "quote": (0.4, 0.8),
    "report": (0.2, 0.3),
    None: (0.0, 0.0),
}
SAME_SPEAKER_PENALTY = 0.35


def extract_claims(doc: Document, *, max_claims: int = 7, min_claims: int = 3) -> tuple[Claim, ...]:
    """The key claims of ``doc`` in document order (see the module docstring)."""
    everything = doc.sentences
    bags = [lemma_bag(s.source) for _, s in everything]
    vectors = tfidf(bags)
    centrality = lexrank(vectors)
    top = max(centrality, default=0.0) or 1.0
    candidates = [
        i for i, (b, s) in enumerate(everything) if b.kind == "paragraph" and any(t.is_word for t in tokenize(s.source))
    ]
    if not candidates:
        return ()
    attributions = attribute_sentences(doc)
    scores: dict[int, float] = {}
    for rank, i in enumerate(candidates):
        block, sentence = everything[i]
        att = attributions[(block.id, sentence.id)]
        tokens = tokenize(sentence.source)
        entities = sum(1 for t in tokens if not t.initial and is_name_token(t.text, False))
        scores[i] = (
            0.5 * centrality[i] / top
            + 0.2 * (1 - rank / len(candidates))
            + CUE_WEIGHT[att.kind][att.speaker is not None]
            + (0.15 if any(t.text[0].isdigit() for t in tokens) else 0.0)
            + 0.05 * min(4, entities)
            - (0.2 if sum(1 for t in tokens if t.is_word) < 6 else 0.0)
        )
    chosen: list[int] = []
    for _ in range(claim_count(len(candidates), max_claims=max_claims, min_claims=min_claims)):
        best, best_score = None, -math.inf
        for i in candidates:
            if i in chosen or any(near_duplicate(vectors[i], vectors[j], bags[i], bags[j]) for j in chosen):
                continue
            speaker = _speaker_key(attributions, everything[i])
            repeats = sum(1 for j in chosen if speaker and _speaker_key(attributions, everything[j]) == speaker)
            score = scores[i] - SAME_SPEAKER_PENALTY * repeats
            if score > best_score + 1e-12:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
    return tuple(_claim(everything[i], attributions) for i in sorted(chosen))


def claim_count(paragraph_sentences: int, *, max_claims: int = 7, min_claims: int = 3) -> int:
    """About a third of the paragraph sentences: at least ``min_claims`` once there are
    twice that many sentences, at least one when there is any, never more than ``max_claims``."""
    n = paragraph_sentences
    if n <= 0:
        return 0
    third = max(1, round(n / 3))
    k = third if n < 2 * min_claims else max(min_claims, third)
    return max(1, min(k, max_claims, n))


def _claim(pair: tuple[Block, Sentence], attributions: dict[tuple[int, int], Attribution]) -> Claim:
    block, sentence = pair
    att = attributions[(block.id, sentence.id)]
    speaker = att.speaker
    return Claim(
        block=block.id,
        sentence=sentence.id,
        source=sentence.source,
        target=sentence.target,
        speaker=speaker.name if speaker else None,
        speaker_en=english_form(speaker, sentence.target) if speaker else None,
        cue=att.cue,
    )


def _speaker_key(attributions: dict[tuple[int, int], Attribution], pair: tuple[Block, Sentence]) -> str | None:
    att = attributions[(pair[0].id, pair[1].id)]
    return att.speaker.name if att.speaker else None
