"""Who found it, when the verb names nobody: ``śledztwa prokuratury, w toku którego ustalono, że …``.

Polish reports a finding with an impersonal verb (``ustalono``, ``uznano``, ``stwierdzono``)
whose agent stands in the genitive after the work that found it (``śledztwo``, ``raport``,
``kontrola``): ``raport NIK, w którym stwierdzono`` → NIK, ``śledztwa czeskich służb i
policji, w toku którego uznano`` → ``czeskie służby i policja``.  :func:`impersonal_agent`
reads that agent and gives it in the nominative.
"""

from __future__ import annotations

from translator.summarize.speakers import Mention, Speaker, Token, lemma, speaker_of

IMPERSONAL_REPORTING = frozenset(
    """uznano ustalono stwierdzono wykazano podano poinformowano oceniono wskazano ogłoszono
    przekazano napisano zauważono oszacowano wyliczono""".split()
)
FINDING_LEMMAS = frozenset(
    "śledztwo dochodzenie kontrola raport badanie analiza ustalenie audyt postępowanie sondaż".split()
)
MAX_AGENT_WORDS = 6


def impersonal_agent(tokens: list[Token], mentions: list[Mention], names: dict[str, str]) -> Speaker | None:
    """The agent of an impersonal reporting verb, read after the finding noun before it; None if none."""
    verb = next((i for i, t in enumerate(tokens) if t.lower in IMPERSONAL_REPORTING), None)
    if verb is None:
        return None
    for k in range(verb - 1, -1, -1):
        if tokens[k].is_word and tokens[k].text.islower() and lemma(tokens[k].lower) in FINDING_LEMMAS:
            return _genitive_after(tokens, mentions, names, k + 1, verb)
    return None


def _genitive_after(
    tokens: list[Token], mentions: list[Mention], names: dict[str, str], start: int, stop: int
) -> Speaker | None:
    named = next((m for m in mentions if m.start <= start < m.end), None)
    if named is not None:
        return speaker_of(named, genitive=True, full_names=names)
    words: list[str] = []
    for tok in tokens[start:stop]:
        if not tok.is_word or len(words) == MAX_AGENT_WORDS or lemma(tok.lower).endswith("ć"):
            break  # the clause goes on to a verb: "z raportu wynika"
        words.append(tok.text)
    if not words or words[-1] == "i" or any(w[0].isupper() for w in words):
        return None  # a name this reading cannot put in the nominative: no guess
    return Speaker(" ".join(_nominative(w) for w in words))


def _nominative(word: str) -> str:
    """A genitive common noun or adjective in the nominative: ``czeskich`` → ``czeskie``,
    ``służb`` → ``służby``, ``policji`` → ``policja``, ``polskiej`` → ``polska``."""
    low = word.lower()
    if low == "i":
        return word
    if low.endswith("ich") and len(low) > 4:
        return low[:-2] + "e"  # plural adjective: czeskich → czeskie
    if low.endswith("ych") and len(low) > 4:
        return low[:-3] + "e"  # informacyjnych → informacyjne
    if low.endswith(("kiej", "giej")):
        return low[:-3] + "a"  # singular feminine adjective: polskiej → polska
    base = lemma(low)
    if low.endswith("ej") and base.endswith(("y", "i")):
        return low[:-2] + "a"  # granicznej → graniczna
    if low.endswith("ów") and len(low) > 4:
        return low[:-2] + ("i" if low[-3] in "kg" else "y")  # plural noun: urzędów → urzędy, banków → banki
    if base.endswith("a") and low == base[:-1]:
        return low + ("i" if low.endswith(("k", "g")) else "y")  # plural noun with no ending: służb
    return base
