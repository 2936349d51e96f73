"""The Polish word lists the sentence segmenter reads (:mod:`translator.segment`).

Abbreviations come from ``translator/data/pl_abbreviations.txt`` and word classes from
``translator/data/pl_segment_words.txt`` (each file says what its sections mean); the few
patterns that are about word endings, not word lists, are here.
"""

from __future__ import annotations

import re
from importlib import resources

_DATA = "data"


def sections(name: str) -> dict[str, frozenset[str]]:
    """The ``[section]`` word sets of a data file shipped in ``translator/data``."""
    text = resources.files("translator").joinpath(_DATA, name).read_text(encoding="utf-8")
    found: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = found.setdefault(line[1:-1], set())
        elif line and current is not None:
            current.update(line.split())
    return {key: frozenset(words) for key, words in found.items()}


def union_of(found: dict[str, frozenset[str]], prefix: str) -> frozenset[str]:
    """All the words of the sections named ``prefix`` or ``prefix.*``."""
    return frozenset().union(*(words for key, words in found.items() if key.split(".")[0] == prefix))


# --- Abbreviations (translator/data/pl_abbreviations.txt: what each class means is there)
_ABBREVIATIONS = sections("pl_abbreviations.txt")
# Never end a sentence: titles, places, references, linking words ("prof. Nowak", "np. Iran").
NEVER_FINAL = union_of(_ABBREVIATIONS, "never")
# Also ordinary words ("lek", "sen"): continue only before a two-word capitalised name.
AMBIGUOUS = _ABBREVIATIONS["ambiguous"]
# May end a sentence ("w 2020 r.", "itd.", "5 tys.").
MAY_FINAL = union_of(_ABBREVIATIONS, "may")
TIME_ABBREVIATIONS = _ABBREVIATIONS["may.time"]
QUANTITY_ABBREVIATIONS = _ABBREVIATIONS["may.quantity"]
# Never final, except after a number, where they are units ("15 pkt.", "30 st.").
UNITS = _ABBREVIATIONS["units"]

# --- Word classes (translator/data/pl_segment_words.txt)
_WORDS = sections("pl_segment_words.txt")
DATE_WORDS = _WORDS["date_words"]
CLAUSE_OPENERS = _WORDS["clause_openers"]
SENTENCE_OPENERS = _WORDS["sentence_openers"]
SENTENCE_ADVERBS = _WORDS["sentence_adverbs"]
REPORT_SUBJECTS = _WORDS["report_subjects"]
LETTER_LABEL_NOUNS = _WORDS["label_nouns"]

# Capitalised words that continue a quantity: currency and measure acronyms.
QUANTITY_ACRONYMS = frozenset("PKB USD EUR PLN CHF GBP UAH RUB KZT BYN JPY CNY".split())
# Genitive plural endings of nationality nouns (Polaków, Ukraińców, Rosjan).
DEMONYM_GENITIVE_ENDINGS = ("ów", "an")
# Date words that carry no date by themselves (prepositions, particles, conjunctions).
DATE_LINKS = frozenset(
    "w we od do na po pod przed za z ze u o około ok między pomiędzy przez aż już jeszcze dopiero "
    "właśnie nawet także również i oraz lub albo a - – ponad blisko prawie niemal tym tego tej".split()
)
PREPOSITIONS = frozenset("w we od do na po pod przed za z ze u o około ok między pomiędzy przez przy dla nad".split())
# An adjective or adjectival participle in an oblique case ("anektowanym", "podpisanej"):
# after a preposition, its noun is still to come ("na anektowanym w 2014 r. Krymie").
OBLIQUE_PARTICIPLE = re.compile(r"\w{3,}[nt](?:ym|ymi|ej|ych|ego|emu|ą)")
# A past-tense or 3rd-person verb form by its ending ("Zapowiedział", "Uważają", "Kupuje"),
# long enough not to be a place (Piła, Biała, Mali); verbs are capitalised only at a sentence's
# start, so one after a period starts the sentence.  Short past forms are listed.
PAST_OR_THIRD_PERSON = re.compile(
    r"\w{3,}[aeiyę](?:ł|ła|ło|li|ły)|\w{2,}(?:ął|łem|łam|łeś|łaś|liśmy|łyśmy|łby|łaby|łoby|liby|łyby|ują|ają|eją|uje)"
)
SHORT_PAST_FORMS = frozenset(
    "był była było byli były miał miała miało mieli miały mógł mogła mogło mogli mogły dał dała".split()
)
# Finite verb forms by their endings: past tense, 1st person, 3rd plural, infinitive (after
# "Name X." only, where a place or a noun is unlikely).
VERB_LIKE = re.compile(
    r"\w{2,}(?:[aiy]ł|[dszkrg]ł|ął|ła|ło|li|ły|łem|łam|łeś|łaś|liśmy|łyśmy|łby|łaby"
    r"|am|em|emy|amy|imy|ymy|cie|ją|ią|ują|uje|ać|ić|yć|eć|ąć|ść)"
)
