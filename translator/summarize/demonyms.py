"""The people of a country as a speaker: ``Rosjanie twierdzą, że …``, ``Czesi ogłosili …``.

Polish news names a country's side by its people in the plural (``Rosjanie``, ``Amerykanie``)
and, just before or after, by an adjective phrase (``strona rosyjska``, ``rosyjskie media``,
``władze czeskie``).  When such a phrase was named earlier, the demonym refers back to it
(:func:`same_side`); otherwise the people themselves are the speaker, already in the nominative.
"""

from __future__ import annotations

from translator.summarize.speakers import Speaker

# Plural nominative demonym -> the stem its adjective starts with (rosyjski, czeska, amerykańscy).
DEMONYM_STEMS = {
    "rosjanie": "rosyj",
    "ukraińcy": "ukrai",
    "białorusini": "białorus",
    "czesi": "czes",
    "słowacy": "słowac",
    "niemcy": "niemiec",
    "francuzi": "francus",
    "brytyjczycy": "brytyj",
    "anglicy": "angiel",
    "amerykanie": "amery",
    "chińczycy": "chiń",
    "japończycy": "japoń",
    "węgrzy": "węgier",
    "litwini": "litew",
    "łotysze": "łotew",
    "estończycy": "eston",
    "szwedzi": "szwedz",
    "norwegowie": "norwes",
    "duńczycy": "duńs",
    "finowie": "fińs",
    "włosi": "włos",
    "hiszpanie": "hiszpań",
    "holendrzy": "holender",
    "belgowie": "belgij",
    "austriacy": "austriac",
    "szwajcarzy": "szwajcar",
    "rumuni": "rumuń",
    "bułgarzy": "bułgar",
    "serbowie": "serbs",
    "chorwaci": "chorwac",
    "grecy": "grec",
    "turcy": "turec",
    "izraelczycy": "izrael",
    "palestyńczycy": "palesty",
    "irańczycy": "irańs",
    "polacy": "pols",
}


def demonym_stem(word: str) -> str | None:
    """The adjective stem of a plural demonym (``Rosjanie`` -> ``rosyj``); None for other words.

    Only the capitalised plural counts: ``niemcy`` in lower case is not a people."""
    if not word[:1].isupper():
        return None
    return DEMONYM_STEMS.get(word.lower())


def same_side(stem: str, named: list[Speaker]) -> Speaker | None:
    """The last of ``named`` called by the country's adjective (``Rosyjskie media``, ``strona rosyjska``)."""
    for speaker in reversed(named):
        words = speaker.name.lower().split()
        if len(words) >= 2 and any(w.startswith(stem) and not w.endswith(("anie", "cy", "si", "zy")) for w in words):
            return speaker
    return None
