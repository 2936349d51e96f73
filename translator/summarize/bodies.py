"""Bodies named by capitalised common words, back in the nominative.

``według danych Głównego Urzędu Statystycznego`` names a body, not a person: its
words are ordinary Polish words written with capitals, in the genitive.
:func:`organisation_at` reads such a run and declines it back.
"""

from __future__ import annotations

from translator.summarize.speakers import Speaker, Token, is_adjective, is_name_token, lemma


def organisation_at(tokens: list[Token], k: int) -> Speaker | None:
    """A body named by capitalised common words in the genitive, from token ``k``: "Głównego Urzędu
    Statystycznego" → Główny Urząd Statystyczny, "Najwyższej Izby Kontroli" → Najwyższa Izba Kontroli.

    The head noun and the adjectives agreeing with it go back to the nominative; the words after
    the next noun stay as they are (``Izba Kontroli``, ``Ministerstwo Spraw Zagranicznych``)."""
    end = k
    while end < len(tokens) and tokens[end].is_word and tokens[end].text[0].isupper() and not tokens[end].initial:
        end += 1
    words = [t.text for t in tokens[k:end]]
    if len(words) < 2 or all(is_name_token(w, False) for w in words):
        return None
    parts: list[tuple[str, str]] = []  # (word, "adjective" | "head" | "kept")
    head: str | None = None
    for n, word in enumerate(words):
        low = word.lower()
        adjective = low.endswith(("ego", "ej")) or lemma(low).endswith(("y", "i")) and is_adjective(tokens[k + n])
        if head is None and not adjective:
            head = lemma(word.lower())
            parts.append((head[:1].upper() + head[1:], "head"))
        elif adjective and all(kind != "kept" for _, kind in parts):
            parts.append((word, "adjective"))
        else:
            parts.append((word, "kept"))
    if head is None:
        return None
    gender = "n" if head.endswith(("o", "e", "um")) else "f" if head.endswith(("a", "ść")) else "m"
    return Speaker(" ".join(_adjective_nominative(w, gender) if kind == "adjective" else w for w, kind in parts))


def _adjective_nominative(word: str, gender: str) -> str:
    """A genitive adjective in the nominative of its noun's gender: Głównego → Główny (m),
    Polskiego → Polskie (n), Najwyższej → Najwyższa (f)."""
    if word.endswith("iego") and len(word) > 5:
        return word[:-3] + ("e" if gender == "n" else "")  # Polskiego → Polski / Polskie
    if word.endswith("ego") and len(word) > 4:
        return word[:-3] + ("e" if gender == "n" else "y")  # Głównego → Główny / Główne
    if word.endswith("iej") and len(word) > 4:
        return word[:-3] + "a"  # Polskiej → Polska
    if word.endswith("ej") and len(word) > 3:
        return word[:-2] + "a"  # Najwyższej → Najwyższa
    return word
