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
Headings are never chosen.  Speaker attribution is explained in
:func:`attribute_sentences` and :mod:`translator.summarize.speakers`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from translator.document import Claim, Document
from translator.summarize.speakers import (
    CLOSE_QUOTES,
    DASHES,
    OPEN_QUOTES,
    Mention,
    Speaker,
    Token,
    english_form,
    find_mentions,
    full_names,
    is_name_token,
    lemma,
    speaker_of,
    tokenize,
)

REPORTING_LEMMAS = frozenset(
    """mówić powiedzieć uważać dodawać dodać twierdzić oceniać ocenić przestrzec przestrzegać
    zapowiadać zapowiedzieć podkreślać podkreślić komentować skomentować zauważyć zauważać
    stwierdzić stwierdzać oświadczyć oświadczać przyznać przyznawać zaznaczyć zaznaczać
    informować poinformować ostrzegać ostrzec wyjaśniać wyjaśnić tłumaczyć przekonywać
    zapewniać zapewnić argumentować deklarować zadeklarować ogłosić ogłaszać apelować
    zaapelować alarmować przypominać przypomnieć napisać potwierdzić potwierdzać zaprzeczyć
    zaprzeczać sugerować zasugerować zdradzić relacjonować""".split()
)
REPORTING_FORMS = frozenset(
    """mówi uważa dodaje dodał dodała twierdzi ocenia ocenił przestrzegł przestrzega zapowiada
    zapowiedział podkreśla podkreślił skomentował zauważył stwierdził oświadczył przyznał
    zaznaczył powiedział powiedziała poinformował ostrzega ostrzegł""".split()
)
OPINION_PHRASES = (("według",), ("zdaniem",), ("w", "opinii"), ("w", "ocenie"))
GENERIC_ROLES = frozenset(
    """ekspert eksperta ekspertka ekspertki naukowiec naukowca analityk analityka analityczka
    analityczki badacz badacza badaczka badaczki rozmówca rozmówcy rozmówczyni politolog
    politologa specjalista specjalisty specjalistka profesor profesora""".split()
)
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "że", "iż", "który", "która", "które", "aby", "bo"})
NOT_ROLE_WORDS = frozenset("w we z ze na do o od po przy i a oraz że iż się to nie".split())
CONTENT_OPENERS = frozenset({"że", "iż", ":"}) | OPEN_QUOTES
STOP_LEMMAS = frozenset(
    """być mieć móc ten który on ona ono oni się swój taki jako także również jednak oraz przez dla
    jeśli już tylko bardzo tak nie czy ale lub albo aby żeby przy pod nad między podczas wśród pomimo
    jak jaki co to niż więc gdy kiedy natomiast wobec przeciwko siebie wszystko cały inny jeden
    zostać bardziej wiele""".split()
)

CUE_WEIGHT = {  # kind -> (without a speaker, with a speaker)
    "statement": (0.6, 1.0),
    "opinion": (0.5, 0.9),
    "quote": (0.4, 0.8),
    "report": (0.2, 0.3),
    None: (0.0, 0.0),
}
SAME_SPEAKER_PENALTY = 0.35
NEAR_DUPLICATE = 0.6


@dataclass(frozen=True)
class Attribution:
    """Why a sentence reads as a claim, and who makes it.

    ``kind``: ``statement`` (a reporting verb introducing content, or a quote's
    closing ``– mówi X``), ``opinion`` (według / zdaniem …), ``quote`` (quoted
    words with no verb of their own), ``report`` (a reporting verb with no content,
    ``skomentował sytuację``) or None.  ``cue`` is the matched word or phrase.
    """

    cue: str | None = None
    kind: str | None = None
    speaker: Speaker | None = None


@dataclass(frozen=True)
class _Local:
    """What one sentence says by itself, before the paragraph pass."""

    attribution: Attribution
    follows_recent: bool = False  # "– dodaje ekspert." / "jego zdaniem": the paragraph's last speaker
    opens_quote: bool = False  # starts with a dash
    closes_quote: bool = False  # carries a dash attribution (… – mówi X)
    has_verb: bool = False


# -- choosing ------------------------------------------------------------------


def extract_claims(doc: Document, *, max_claims: int = 7, min_claims: int = 3) -> tuple[Claim, ...]:
    """The key claims of ``doc`` in document order (see the module docstring)."""
    everything = doc.sentences
    bags = [_lemma_bag(s.source) for _, s in everything]
    vectors = _tfidf(bags)
    centrality = _lexrank(vectors)
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
            if i in chosen or any(_near_duplicate(vectors[i], vectors[j], bags[i], bags[j]) for j in chosen):
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


def _claim(pair, attributions: dict[tuple[int, int], Attribution]) -> Claim:
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


def _speaker_key(attributions, pair) -> str | None:
    att = attributions[(pair[0].id, pair[1].id)]
    return att.speaker.name if att.speaker else None


# -- centrality ------------------------------------------------------------------


def _lemma_bag(text: str) -> Counter[str]:
    bag: Counter[str] = Counter()
    for tok in tokenize(text):
        if tok.text[0].isdigit():
            bag[tok.text] += 1
        elif tok.is_word and len(tok.text) >= 3:
            base = lemma(tok.text).lower()
            if base not in STOP_LEMMAS:
                bag[base] += 1
    return bag


def _tfidf(bags: Sequence[Counter[str]]) -> list[dict[str, float]]:
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    vectors = []
    for bag in bags:
        vec = {w: c * (math.log((1 + n) / (1 + df[w])) + 1.0) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _lexrank(vectors: Sequence[dict[str, float]], damping: float = 0.85, iterations: int = 100) -> list[float]:
    """PageRank over the cosine-similarity graph (continuous LexRank)."""
    n = len(vectors)
    if n == 0:
        return []
    weights = [[_cosine(vectors[i], vectors[j]) if i != j else 0.0 for j in range(n)] for i in range(n)]
    out_sums = [sum(row) for row in weights]
    incoming = [[(j, weights[j][i] / out_sums[j]) for j in range(n) if weights[j][i] > 0.0] for i in range(n)]
    dangling_nodes = [j for j in range(n) if out_sums[j] == 0.0]
    rank = [1.0 / n] * n
    for _ in range(iterations):
        dangling = sum(rank[j] for j in dangling_nodes) / n
        new = [(1 - damping) / n + damping * (dangling + sum(rank[j] * w for j, w in edges)) for edges in incoming]
        done = sum(abs(a - b) for a, b in zip(new, rank, strict=False)) < 1e-10
        rank = new
        if done:
            break
    return rank


def _near_duplicate(va, vb, bag_a: Counter[str], bag_b: Counter[str]) -> bool:
    union = set(bag_a) | set(bag_b)
    jaccard = len(set(bag_a) & set(bag_b)) / len(union) if union else 1.0
    return _cosine(va, vb) >= NEAR_DUPLICATE or jaccard >= NEAR_DUPLICATE


# -- attribution -------------------------------------------------------------------


def attribute_sentences(doc: Document) -> dict[tuple[int, int], Attribution]:
    """An :class:`Attribution` for every sentence of every paragraph block.

    Per sentence: a reporting verb after a dash or closing quote (``– mówi Tuomas
    Forsberg``) takes the name right after it, and a bare generic role (``– dodaje
    ekspert.``) or nothing means the paragraph's most recent speaker; any other
    reporting verb takes the nearest nominative name or institution before it in
    its clause (``Jussi Lassila uważa``, ``Kreml … przestrzegł``), else one right
    after it; ``według`` / ``zdaniem`` / ``w opinii`` / ``w ocenie`` take the
    genitive name that follows (``zdaniem Lassili`` → Lassila), ``jego zdaniem``
    the most recent speaker.  Per paragraph: a quotation opened by a dash runs on
    until a sentence closes it with an attribution; without one it belongs to the
    speaker of the sentence before it (``Tokajew skomentował. – Doceniam …``).
    """
    names = full_names(doc)
    out: dict[tuple[int, int], Attribution] = {}
    for block in doc.blocks:
        if block.kind != "paragraph":
            continue
        locals_ = [_analyse(tokenize(s.source), names) for s in block.sentences]
        for sentence, attribution in zip(block.sentences, _paragraph_pass(locals_), strict=False):
            out[(block.id, sentence.id)] = attribution
    return out


def _paragraph_pass(locals_: Sequence[_Local]) -> list[Attribution]:
    result = [a.attribution for a in locals_]
    recent: Speaker | None = None
    i = 0
    while i < len(locals_):
        here = locals_[i]
        if not (here.opens_quote and not here.closes_quote):
            att = here.attribution
            speaker = att.speaker or (recent if here.follows_recent else None)
            result[i] = Attribution(att.cue, att.kind, speaker)
            recent = speaker or recent
            i += 1
            continue
        run, closer, j = [i], None, i + 1
        while j < len(locals_):
            nxt = locals_[j]
            if nxt.opens_quote or (not nxt.closes_quote and (nxt.attribution.speaker or nxt.has_verb)):
                break  # a new quotation, or a sentence with its own speaker
            run.append(j)
            j += 1
            if nxt.closes_quote:
                closer = j - 1
                break
        if closer is not None:
            c = locals_[closer]
            speaker = c.attribution.speaker or (recent if c.follows_recent else None)
        else:
            before = result[i - 1] if i > 0 else None
            speaker = before.speaker if before and before.kind in ("statement", "report") else None
        for k in run:
            own = locals_[k].attribution
            cue, kind = (own.cue, own.kind) if k == closer else ("quote", "quote")
            result[k] = Attribution(cue, kind, speaker)
        recent = speaker or recent
        i = j
    return result


def _analyse(tokens: list[Token], names: dict[str, str]) -> _Local:
    mentions = find_mentions(tokens)
    opens = bool(tokens) and tokens[0].text in DASHES
    verb = _best_verb(tokens, mentions, names)
    if verb is not None:
        att, inverted, follows_recent = verb
        local = _Local(att, follows_recent, opens, inverted, True)
        if att.kind == "statement" and (att.speaker or follows_recent):
            return local
    opinion = _opinion(tokens, mentions, names)
    if opinion is not None:
        return _Local(opinion[0], opinion[1], opens, verb is not None and verb[1], verb is not None)
    if verb is not None:
        return local
    if opens or _has_quotation(tokens):
        return _Local(Attribution("quote", "quote"), opens_quote=opens)
    return _Local(Attribution())


def _best_verb(tokens: list[Token], mentions: list[Mention], names: dict[str, str]):
    """(Attribution, inverted, follows_recent) for the strongest reporting verb, or None."""
    best, best_rank = None, None
    for i, tok in enumerate(tokens):
        if not _is_reporting_verb(tok):
            continue
        inverted = _after_dash_or_quote(tokens, i)
        after = _mention_after(tokens, mentions, i + 1)
        follows_recent = False
        speaker: Speaker | None = None
        if inverted and after is not None:
            speaker = speaker_of(after, genitive=False, full_names=names)
        elif inverted:
            follows_recent = _bare_attribution(tokens, i + 1)
        else:
            before = _subject_before(tokens, mentions, i)
            if before is not None:
                speaker = speaker_of(before, genitive=False, full_names=names)
            elif after is not None and after.nominative:
                speaker = speaker_of(after, genitive=False, full_names=names)
        content = inverted or _opens_content(tokens, after.end if after is not None and speaker else i + 1)
        att = Attribution(tok.lower, "statement" if content else "report", speaker)
        rank = (speaker is not None or follows_recent, content)
        if best_rank is None or rank > best_rank:
            best, best_rank = (att, inverted, follows_recent), rank
    return best


def _is_reporting_verb(tok: Token) -> bool:
    low = tok.lower
    if not tok.is_word or low.endswith(("śmy", "łem", "łam", "imy", "emy", "amy", "ę")):
        return False  # first person: the newsroom, or a quoted speaker about themselves
    return low in REPORTING_FORMS or lemma(low) in REPORTING_LEMMAS


def _after_dash_or_quote(tokens: list[Token], i: int) -> bool:
    """Inside the sentence, right after ``–`` or a closing quote (``… – mówi``, ``” – dodał``)."""
    if i < 2:
        return False
    prev = tokens[i - 1].text
    if prev in DASHES or prev in CLOSE_QUOTES:
        return True
    return prev == "," and tokens[i - 2].text in CLOSE_QUOTES


def _opens_content(tokens: list[Token], k: int) -> bool:
    if k < len(tokens) and tokens[k].text == ",":
        k += 1
    return k < len(tokens) and (tokens[k].lower in CONTENT_OPENERS or tokens[k].text in DASHES)


def _bare_attribution(tokens: list[Token], k: int) -> bool:
    """``– dodaje ekspert.`` / ``– dodał.``: a generic role, or nothing, before the clause ends."""
    while k < len(tokens) and tokens[k].is_word and tokens[k].lower not in NOT_ROLE_WORDS:
        if tokens[k].lower in GENERIC_ROLES:
            return True
        k += 1
    return k == len(tokens) or tokens[k].text in {".", "!", "?", "…"}


def _skip_roles(tokens: list[Token], k: int, limit: int = 4) -> int:
    """Skip lower-case role words and titles: ``poseł``, ``ministra finansów``, ``prof.``."""
    skipped = 0
    while k < len(tokens) and skipped < limit:
        tok = tokens[k]
        if not (tok.is_word and tok.text[0].islower() and tok.lower not in NOT_ROLE_WORDS):
            break
        k, skipped = k + 1, skipped + 1
        if k < len(tokens) and tokens[k].text == "." and len(tok.text) <= 4:
            k += 1
    return k


def _mention_after(tokens: list[Token], mentions: list[Mention], k: int) -> Mention | None:
    start = _skip_roles(tokens, k)
    return next((m for m in mentions if m.start == start), None)


def _subject_before(tokens: list[Token], mentions: list[Mention], i: int) -> Mention | None:
    boundary = 0
    for k in range(i - 1, -1, -1):
        text = tokens[k].text
        if tokens[k].lower in CLAUSE_BREAKS or text in DASHES or text in OPEN_QUOTES or text in CLOSE_QUOTES:
            boundary = k + 1
            break
    candidates = [m for m in mentions if m.start >= boundary and m.end <= i and m.nominative]
    return max(candidates, key=lambda m: m.end) if candidates else None


def _opinion(tokens: list[Token], mentions: list[Mention], names: dict[str, str]):
    """(Attribution, follows_recent) for ``według X`` / ``zdaniem X`` / ``jego zdaniem``, or None."""
    for i in range(len(tokens)):
        for phrase in OPINION_PHRASES:
            if tuple(t.lower for t in tokens[i : i + len(phrase)]) != phrase:
                continue
            cue = " ".join(phrase)
            if phrase == ("zdaniem",) and i > 0 and tokens[i - 1].lower in ("jego", "jej"):
                return Attribution(cue, "opinion"), True
            k = i + len(phrase)
            found = _mention_after(tokens, mentions, k)
            if found is not None:
                return Attribution(cue, "opinion", speaker_of(found, genitive=True, full_names=names)), False
            if any(t.lower in GENERIC_ROLES for t in tokens[k : _skip_roles(tokens, k)]):
                return Attribution(cue, "opinion"), True
    return None


def _has_quotation(tokens: list[Token]) -> bool:
    """Quoted words, at least three, between „…” or "…" (not a quoted title like "Ilta-Sanomat")."""
    inside: int | None = None
    for tok in tokens:
        if inside is not None and tok.text in CLOSE_QUOTES:
            if inside >= 3:
                return True
            inside = None
        elif inside is None and tok.text in OPEN_QUOTES:
            inside = 0
        elif inside is not None and tok.is_word:
            inside += 1
    return False
