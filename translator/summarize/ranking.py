"""Key claims of an article, chosen on the Polish side with no model.

``extract_claims(doc)`` picks 3 to 7 paragraph sentences (about a third of them for
short texts, at least one) and returns them in document order as :class:`Claim`.
The choice reads only the Polish sources, so it does not depend on translation
quality; the English target and the speaker's English form are attached when the
document is translated.

Ranking: news puts its facts first, so every sentence gets
* a lead prior — the first sentences of the article (the lead paragraph) weigh most,
  decaying with position, and the first paragraphs, decaying slower (inverted pyramid);
* the title and headings — similarity to what the editor put on top;
* centrality — LexRank (PageRank over cosine similarities of lemma TF-IDF vectors;
  simplemma lemmas, pure Python), scaled to 0..1;
* facts — numbers, shares and amounts, votes and decisions
  (:func:`translator.summarize.signals.fact_weight`);
* claim cues — a reporting verb that introduces content (``uważa, że``, a quote's
  closing ``– mówi X``) counts most, then ``według`` / ``zdaniem``, then quoted
  words, then a bare reporting verb; each counts more when a speaker is found;
* penalties for what is not a claim: questions, the writer's asides (``Warto dodać``),
  a speaker talking about themselves, fragments (lower-case start, few words), teasers
  (``Oto …``), counterfactuals (``Gdyby …``), recommendations (``powinien``, ``trzeba``).

Selection starts from the lead (:func:`lead_facts`: the first full sentence, and the
facts among the first five: a standfirst and the body's first paragraph), less any the
body restates in full (:func:`translator.summarize.centrality.restates`), at most half the
claims; then it is greedy: the best remaining sentence that is not a near-duplicate or a
restatement of one already chosen, with a bonus for
a speaker not heard yet, a penalty for a paragraph already used, and at most
:data:`MAX_PER_SPEAKER` claims from one speaker unless the article is an interview
(:func:`is_interview`).  Headings are never chosen.  Speaker attribution is
:mod:`translator.summarize.attribution`; centrality is :mod:`translator.summarize.centrality`.
"""

from __future__ import annotations

import math
from collections import Counter

from translator.document import Block, Claim, Document, Sentence
from translator.summarize.attribution import Attribution, attribute_sentences
from translator.summarize.centrality import cosine, lemma_bag, lexrank, near_duplicate, restates, tfidf
from translator.summarize.signals import (
    fact_weight,
    is_author_aside,
    is_first_person,
    is_hypothetical,
    is_prescriptive,
    is_question,
    is_teaser,
)
from translator.summarize.speakers import DASHES, english_form, is_name_token, tokenize

QUOTE_WEIGHT = -0.1
CUE_WEIGHT = {  # kind -> (without a speaker, with a speaker)
    "statement": (0.15, 0.25),
    "opinion": (0.1, 0.25),
    "quote": (QUOTE_WEIGHT, QUOTE_WEIGHT + 0.1),  # words inside a quotation: less self-contained
    "report": (0.05, 0.15),
    None: (0.0, 0.0),
}
LEAD_WEIGHT = 0.6  # the first sentence; halves every LEAD_HALF_LIFE sentences
LEAD_HALF_LIFE = 3.0
PARAGRAPH_WEIGHT = 0.3  # the first paragraph; halves every PARAGRAPH_HALF_LIFE paragraphs
PARAGRAPH_HALF_LIFE = 8.0
FACT_WEIGHT = 0.4
LEAD_WINDOW = 5  # full sentences read as the lead: a standfirst and the body's first paragraph
LEAD_FACT = 0.3  # fact weight that makes a lead sentence a lead fact
MIN_WORDS = 6
ENTITY_WEIGHT = 0.03  # per named entity, up to four
TITLE_WEIGHT = 0.5  # times the similarity to the title or a heading: what the editor put on top
SAME_PARAGRAPH_PENALTY = 0.2
MAX_PER_SPEAKER = 2
SAME_SPEAKER_PENALTY = 0.1
PRESCRIPTIVE_PENALTY = 0.2
NEW_SPEAKER_BONUS = 0.2  # a named speaker not heard yet: spread the claims across speakers


def extract_claims(doc: Document, *, max_claims: int = 7, min_claims: int = 3) -> tuple[Claim, ...]:
    """The key claims of ``doc`` in document order (see the module docstring)."""
    everything = doc.sentences
    bags = [lemma_bag(s.source) for _, s in everything]
    headings = [i for i, (b, _) in enumerate(everything) if b.kind == "heading"]
    vectors = tfidf([*bags, lemma_bag(doc.source.title or "")])
    title = [vectors.pop(), *(vectors[i] for i in headings)]
    centrality = lexrank(vectors)
    top = max(centrality, default=0.0) or 1.0
    candidates = [
        i for i, (b, s) in enumerate(everything) if b.kind == "paragraph" and any(t.is_word for t in tokenize(s.source))
    ]
    if not candidates:
        return ()
    attributions = attribute_sentences(doc)
    paragraph_rank = {b.id: k for k, b in enumerate(b for b in doc.blocks if b.kind == "paragraph")}
    speakers = [_speaker_key(attributions, everything[i]) for i in candidates]
    interview = is_interview(doc, [s for s in speakers if s])
    scores = {
        i: centrality[i] / top * 0.4
        + TITLE_WEIGHT * max(cosine(vectors[i], t) for t in title)
        + _prior(rank, paragraph_rank[everything[i][0].id], everything[i], attributions)
        for rank, i in enumerate(candidates)
    }
    count = claim_count(len(candidates), max_claims=max_claims, min_claims=min_claims)
    lead = lead_facts([everything[i] for i in candidates], attributions)
    chosen = _fullest([candidates[k] for k in lead], bags)[: max(1, count // 2)]
    while len(chosen) < count:
        best, best_score = None, -math.inf
        for i in candidates:
            if i in chosen or any(
                near_duplicate(vectors[i], vectors[j], bags[i], bags[j]) or _restated(bags[i], bags[j]) for j in chosen
            ):
                continue
            speaker = _speaker_key(attributions, everything[i])
            repeats = sum(1 for j in chosen if speaker and _speaker_key(attributions, everything[j]) == speaker)
            if repeats >= MAX_PER_SPEAKER and not interview:
                continue
            same_block = sum(1 for j in chosen if everything[j][0].id == everything[i][0].id)
            score = scores[i] - SAME_SPEAKER_PENALTY * repeats - SAME_PARAGRAPH_PENALTY * same_block
            if speaker and not repeats:
                score += NEW_SPEAKER_BONUS
            if score > best_score + 1e-12:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
    return tuple(_claim(everything[i], attributions) for i in sorted(chosen))


def lead_facts(pairs: list[tuple[Block, Sentence]], attributions: dict[tuple[int, int], Attribution]) -> list[int]:
    """The lead: indexes into ``pairs`` of the article's first full sentence, and of the facts
    among its first :data:`LEAD_WINDOW` full sentences (numbers, votes, decisions).

    A full sentence has :data:`MIN_WORDS` words or more and is not a question, a fragment,
    the writer's aside, words in a quotation or a speaker talking about themselves."""
    lead: list[int] = []
    seen = 0
    for k, (block, sentence) in enumerate(pairs):
        if seen == LEAD_WINDOW:
            break
        tokens = tokenize(sentence.source)
        words = [t for t in tokens if t.is_word]
        quoted = attributions[(block.id, sentence.id)].kind == "quote" or (tokens and tokens[0].text in DASHES)
        if (
            len(words) < MIN_WORDS
            or is_question(sentence.source)
            or words[0] is tokens[0]
            and words[0].text[0].islower()
            or is_author_aside(tokens)
            or is_teaser(tokens)
            or is_hypothetical(tokens)
            or is_first_person(tokens)
            or quoted
        ):
            continue
        seen += 1
        if seen == 1 or fact_weight(tokens) >= LEAD_FACT:
            lead.append(k)
    return lead


def _restated(a: Counter[str], b: Counter[str]) -> bool:
    return restates(a, b) or restates(b, a)


def _fullest(lead: list[int], bags: list[Counter[str]]) -> list[int]:
    """The lead without a sentence a later lead sentence restates in full: the body's first
    sentence often repeats the standfirst with the date, the source and the comparison."""
    return [i for i in lead if not any(j > i and restates(bags[j], bags[i]) for j in lead)]


def _prior(
    rank: int, paragraph: int, pair: tuple[Block, Sentence], attributions: dict[tuple[int, int], Attribution]
) -> float:
    """Everything but centrality: the lead, facts, claim cues, and what is not a claim.

    ``rank`` is the sentence's place among the paragraph sentences, ``paragraph`` its
    paragraph's place among the paragraphs: the inverted pyramid orders paragraphs, so a
    long quotation does not push the facts after it out of the lead."""
    block, sentence = pair
    att = attributions[(block.id, sentence.id)]
    tokens = tokenize(sentence.source)
    words = [t for t in tokens if t.is_word]
    entities = sum(1 for t in tokens if not t.initial and is_name_token(t.text, False))
    score = (
        LEAD_WEIGHT * math.pow(0.5, rank / LEAD_HALF_LIFE)
        + PARAGRAPH_WEIGHT * math.pow(0.5, paragraph / PARAGRAPH_HALF_LIFE)
        + FACT_WEIGHT * fact_weight(tokens)
        + CUE_WEIGHT[att.kind][att.speaker is not None]
        + ENTITY_WEIGHT * min(4, entities)
    )
    if is_question(sentence.source):
        score -= 1.0  # a question states nothing
    if is_author_aside(tokens):
        score -= 0.2
    if is_first_person(tokens):
        score -= 0.1
    if is_teaser(tokens):
        score -= 0.5  # it announces the news instead of stating it
    if is_hypothetical(tokens):
        score -= 0.3  # what would have happened is background
    if is_prescriptive(tokens):
        score -= PRESCRIPTIVE_PENALTY  # what should be done is commentary
    if words and words[0].text[0].islower() and words[0] is tokens[0]:
        score -= 0.3  # a fragment: the rest of a sentence split before it
    if len(words) < MIN_WORDS:
        score -= 0.25
    return score


def is_interview(doc: Document, speakers: list[str]) -> bool:
    """An interview: questions and answers take turns, or two speakers say nearly everything.

    Question paragraphs (ending with ``?``) make up a quarter of at least eight
    paragraphs, or at least six attributed sentences come from two speakers.
    """
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    questions = sum(1 for b in paragraphs if is_question(b.source))
    if len(paragraphs) >= 8 and questions >= max(3, len(paragraphs) // 4):
        return True
    counts = Counter(speakers)
    top_two = sum(n for _, n in counts.most_common(2))
    return len(speakers) >= 6 and len(counts) <= 2 and min(counts.values()) >= 3 and top_two == len(speakers)


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
