"""Polish names back in the nominative, by the rules of surname declension and the lexicon.

simplemma knows common words well and surnames poorly (it gives ``Kowalskie`` for
``Kowalskiego`` and ``Zacharow`` for ``Zacharowa``), so the regular surname patterns
come first and the lexicon after them:

* adjectival surnames: ``Morawieckiego``/``Morawieckiemu``/``Morawieckim`` →
  ``Morawiecki``; ``Kowalskiej``/``Kowalską`` → ``Kowalska`` (``-ski``, ``-cki``,
  ``-dzki`` and ``-ny``-type endings alike);
* ``-owa`` surnames of women: ``Zacharowej``/``Zacharową`` → ``Zacharowa``;
* nouns in ``-a``: ``Budki`` → ``Budka``, ``Dudy`` → ``Duda``, ``Hołowni`` →
  ``Hołownia``, ``Lassili`` → ``Lassila``, ``Dudą`` → ``Duda``;
* consonant-final surnames: ``Tuska``/``Tuskowi``/``Tuskiem`` → ``Tusk``,
  ``Gowinem`` → ``Gowin``.

:func:`looks_nominative` says whether a capitalised word can stand as the subject;
:func:`is_feminine_name` reads a person's gender from the name itself.
"""

from __future__ import annotations

from translator.summarize.lexicon import polish_lexicon

_VOWELS = "aeiouyąęó"
_ADJECTIVAL = ("sk", "ck", "dzk")
_OBLIQUE_ENDINGS = (
    "skiego",
    "ckiego",
    "dzkiego",
    "skiemu",
    "ckiemu",
    "dzkiemu",
    "skim",
    "ckim",
    "dzkim",
    "skiej",
    "ckiej",
    "dzkiej",
    "ską",
    "cką",
    "dzką",
    "owej",
    "ową",
)
_NOMINATIVE_ENDINGS = ("ski", "cki", "dzki", "ska", "cka", "dzka", "owa")
FEMININE_EXCEPTIONS = frozenset({"Kuba", "Barnaba", "Bonawentura", "Kosma", "Jarema", "Luca", "Andrea", "Nikita"})


def _lemma(word: str) -> str:
    return polish_lexicon().lemmatize(word)


def _known(word: str) -> bool:
    return polish_lexicon().is_known(word)


def looks_nominative(word: str) -> bool:
    """Whether a capitalised name word can be a nominative: ``Zacharowa``, ``Babiš``, ``Tusk``."""
    if word.isupper() or "-" in word and all(looks_nominative(p) for p in word.split("-") if p):
        return True
    if word.endswith(_OBLIQUE_ENDINGS):
        return False
    if word.endswith(_NOMINATIVE_ENDINGS):
        return True
    if not _known(word):
        return True  # a foreign or rare name: no case ending to read
    return _lemma(word) == word


def adjectival_base(word: str) -> str | None:
    """``Morawieckiego`` → ``Morawiecki``, ``Kowalskiej`` → ``Kowalska``; None if not adjectival."""
    for stem in _ADJECTIVAL:
        for ending, base in (("iego", "i"), ("iemu", "i"), ("im", "i"), ("iej", "a"), ("ą", "a")):
            if word.endswith(stem + ending) and len(word) > len(stem + ending) + 1:
                return word[: -len(ending)] + base
    for ending, base in (("owej", "owa"), ("ową", "owa")):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + base
    return None


def genitive_to_base(word: str) -> str:
    """Decline a genitive name back: Domańskiego → Domański, Anny → Anna, Lassili → Lassila."""
    if "-" in word:
        return "-".join(genitive_to_base(p) if p[:1].isupper() else p for p in word.split("-"))
    adjectival = adjectival_base(word)
    if adjectival is not None:
        return adjectival
    if word.endswith("iego") and len(word) > 5:
        return word[:-3]  # Jussiego → Jussi
    if word.endswith("ego") and len(word) > 5:
        return word[:-3] + "y"  # Jerzego → Jerzy, Głównego → Główny
    base = _lemma(word)
    if base != word and base[:1].isupper() and not base.endswith(("ie", "ow")):
        return base
    return _regular_base(word, genitive=True)


def oblique_to_base(word: str) -> str:
    """Any case of a name back to the nominative (genitive, dative, instrumental, locative)."""
    if looks_nominative(word):
        return word
    adjectival = adjectival_base(word)
    if adjectival is not None:
        return adjectival
    if word.endswith("owi") and len(word) > 5:
        return word[:-3]  # Tuskowi → Tusk
    if word.endswith("iem") and len(word) > 5 and word[-4] in "kg":
        return word[:-3]  # Tuskiem → Tusk
    if word.endswith("em") and len(word) > 4 and word[-3] not in _VOWELS:
        return word[:-2]  # Gowinem → Gowin
    if word.endswith("ą") and len(word) > 3:
        return word[:-1] + "a"  # Dudą → Duda
    return genitive_to_base(word)


def _regular_base(word: str, *, genitive: bool) -> str:
    if word.endswith("ii"):
        return word[:-1] + "a"  # Marii → Maria
    if len(word) > 3 and word[-1] == "i" and word[-2] in "nsćź" and word[-3:-1] not in ("sz", "cz", "rz"):
        return word + "a"  # Hołowni → Hołownia, Kasi → Kasia
    if len(word) >= 3 and word[-1] in "iy" and word[-2] not in _VOWELS:
        return word[:-1] + "a"  # Budki → Budka, Lassili → Lassila, Dudy → Duda
    if genitive and len(word) > 3 and word[-1] == "a" and word[-2] not in _VOWELS:
        return word[:-1]  # Tuska → Tusk
    return word


def is_feminine_name(name: str) -> bool:
    """A woman's name: the given name ends in ``-a`` (Maria, Ursula), or the surname is
    ``-ska``/``-cka``/``-owa`` (``Kowalska``); a surname alone in ``-a`` (Budka, Duda) is not enough."""
    words = [w for w in name.split() if w[:1].isupper()]
    if not words:
        return False
    if words[-1].endswith(("ska", "cka", "dzka", "owa")):
        return True
    first = words[0]
    return len(words) > 1 and first.endswith("a") and first not in FEMININE_EXCEPTIONS
