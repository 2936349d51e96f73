"""How central a sentence is to its article: LexRank over lemma TF-IDF vectors, and near-duplicates.

Pure Python over simplemma lemmas: every sentence becomes a TF-IDF vector of its content
lemmas (numbers kept as they are); LexRank is PageRank over the graph of their cosine
similarities.  Two sentences are near-duplicates when their vectors or lemma sets overlap
at or above :data:`NEAR_DUPLICATE`; one restates another (:func:`restates`) when the longer
holds :data:`RESTATED` of the shorter's lemmas (a standfirst and the body's fuller first
sentence: ``Stopa bezrobocia wyniosła 3,1 proc.`` / ``Wyrównana sezonowo stopa bezrobocia
wyniosła 3,1 proc. w marcu 2021 roku …``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from translator.summarize.speakers import lemma, tokenize

STOP_LEMMAS = frozenset(
    """być mieć móc ten który on ona ono oni się swój taki jako także również jednak oraz przez dla
    jeśli już tylko bardzo tak nie czy ale lub albo aby żeby przy pod nad między podczas wśród pomimo
    jak jaki co to niż więc gdy kiedy natomiast wobec przeciwko siebie wszystko cały inny jeden
    zostać bardziej wiele""".split()
)
NEAR_DUPLICATE = 0.6
RESTATED = 0.7
MIN_RESTATED_LEMMAS = 5  # too few lemmas to tell a restatement from a shared topic


def lemma_bag(text: str) -> Counter[str]:
    bag: Counter[str] = Counter()
    for tok in tokenize(text):
        if tok.text[0].isdigit():
            bag[tok.text] += 1
        elif tok.is_word and len(tok.text) >= 3:
            base = lemma(tok.text).lower()
            if base not in STOP_LEMMAS:
                bag[base] += 1
    return bag


def tfidf(bags: Sequence[Counter[str]]) -> list[dict[str, float]]:
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


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def lexrank(vectors: Sequence[dict[str, float]], damping: float = 0.85, iterations: int = 100) -> list[float]:
    """PageRank over the cosine-similarity graph (continuous LexRank)."""
    n = len(vectors)
    if n == 0:
        return []
    weights = [[cosine(vectors[i], vectors[j]) if i != j else 0.0 for j in range(n)] for i in range(n)]
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


def near_duplicate(va: dict[str, float], vb: dict[str, float], bag_a: Counter[str], bag_b: Counter[str]) -> bool:
    union = set(bag_a) | set(bag_b)
    jaccard = len(set(bag_a) & set(bag_b)) / len(union) if union else 1.0
    return cosine(va, vb) >= NEAR_DUPLICATE or jaccard >= NEAR_DUPLICATE


def restates(longer: Counter[str], shorter: Counter[str]) -> bool:
    """Whether ``longer`` says what ``shorter`` says and more: it holds :data:`RESTATED` of
    ``shorter``'s lemmas and has more of its own."""
    small, large = set(shorter), set(longer)
    if len(small) < MIN_RESTATED_LEMMAS or len(large) <= len(small):
        return False
    return len(small & large) / len(small) >= RESTATED
