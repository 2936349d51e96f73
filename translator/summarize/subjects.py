"""Where the subject of a Polish reporting verb stands.

Before the verb in its clause (``Jussi Lassila uważa``), after it past any words of the
clause (``– mówił w Sejmie premier Mateusz Morawiecki``), before an apposition (``Anna
Nowak, ekonomistka banku, zaznacza``), as a bare role (``Premier zapowiedział``), or left
out (``Jak podkreśliła, …``) — then :mod:`translator.summarize.carryover` finds it.
"""

from __future__ import annotations

from translator.summarize.carryover import ROLE_LEMMAS
from translator.summarize.speakers import CLOSE_QUOTES, DASHES, OPEN_QUOTES, Mention, Token, lemma

CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "że", "iż", "który", "która", "które", "aby", "bo"})
# Words that may stand before a verb whose subject is left out: "Jak podkreśliła, …", "Nie ukrywał on, że …".
ELIDED_SUBJECT_WORDS = frozenset(
    """jak nie też także również ponadto jednak natomiast zaś wcześniej później następnie potem dodatkowo
    tymczasem wówczas wtedy już on ona oni one ono przy tym zresztą ostatecznie wreszcie""".split()
)


def role_word(tokens: list[Token], i: int) -> str | None:
    """A bare role right before the verb, ``Premier zapowiedział``: the role's lemma."""
    if i == 0 or not tokens[i - 1].is_word:
        return None
    low = tokens[i - 1].lower
    base = lemma(low)
    return base if base in ROLE_LEMMAS else low if low in ROLE_LEMMAS else None


def subject_left_out(tokens: list[Token], i: int) -> bool:
    """Only adverbs, ``jak`` or a pronoun before the verb in its clause: ``Jak podkreśliła, …``."""
    for k in range(i - 1, -1, -1):
        tok = tokens[k]
        if tok.text in DASHES or tok.text in OPEN_QUOTES or tok.lower in CLAUSE_BREAKS:
            return True
        if tok.lower not in ELIDED_SUBJECT_WORDS:
            return False
    return True


def mention_in_clause(tokens: list[Token], mentions: list[Mention], k: int) -> Mention | None:
    """The nominative name or body after ``k`` before the clause ends (quotes do not end it): the
    first full name (``lider Polski 2050 Szymon Hołownia``), else the first single one."""
    found: list[Mention] = []
    for m in mentions:
        if m.start < k:
            continue
        if any(t.lower in CLAUSE_BREAKS or t.text in ".!?…;" for t in tokens[k : m.start] if t.text not in "()"):
            break
        if m.nominative:
            found.append(m)
    full = [m for m in found if m.institution is None and m.end - m.start >= 2]
    chosen = full or found
    return chosen[0] if chosen else None


def subject_before(tokens: list[Token], mentions: list[Mention], i: int, *, plural: bool) -> Mention | None:
    boundary = 0
    for k in range(i - 1, -1, -1):
        text = tokens[k].text
        if tokens[k].lower in CLAUSE_BREAKS or text in DASHES or text in OPEN_QUOTES or text in CLOSE_QUOTES:
            boundary = k + 1
            break
    candidates = [m for m in mentions if m.start >= boundary and m.end <= i and m.nominative]
    candidates.sort(key=lambda m: m.end)
    if not candidates and boundary >= 2 and tokens[boundary - 1].text == ",":
        # "Grzegorz Baczewski, doradca zarządu Konfederacji Lewiatan, zaznacza": the name before an apposition
        opening = next((k for k in range(boundary - 2, -1, -1) if tokens[k].text == ","), None)
        return next((m for m in mentions if opening is not None and m.end == opening and m.nominative), None)
    if not candidates:
        return None
    chosen = candidates[-1]
    if plural:  # "premier X i wicepremier Y poinformowali": the first of them
        for earlier in reversed(candidates[:-1]):
            between = [t.lower for t in tokens[earlier.end : chosen.start]]
            if not ({"i", "oraz"} & set(between)) or any(not w.isalpha() for w in between):
                break
            chosen = earlier
    return chosen
