"""Is this text Polish? A small, dependency-free language guess.

No model is downloaded: the guess weighs common function words (stop words) and
letters that only some languages use (Polish ``ąęłńśźż``, Czech ``řůě``, Slovak
``ľĺŕô``, German ``äöüß``, Cyrillic script). It is good enough to warn a user who
pasted an English or Czech article into a Polish-to-English translator, which is
all it is for. Texts too short to judge are assumed Polish (no warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_LETTERS = 20  # below this a guess is noise: assume Polish, low confidence
SAMPLE_CHARS = 20_000  # the head of a long article says enough

NAMES = {
    "pl": "Polish",
    "en": "English",
    "de": "German",
    "cs": "Czech",
    "sk": "Slovak",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "ru": "Russian",
    "uk": "Ukrainian",
    "be": "Belarusian",
}

STOP_WORDS: dict[str, frozenset[str]] = {
    "pl": frozenset(
        "i w we na z ze się nie do to że jest o jak ale od po za co tak jego jej ich przez oraz "
        "który która które którzy czy już tylko może są był była było były dla jednak także też "
        "również przy tym tego gdy kiedy bardzo według podczas jako został została zostało "
        "jeśli aby żeby więc bo lub albo przed między wraz ma mają będzie można nawet "
        "wszystkie wśród wobec tej tych ten ta mówi powiedział natomiast jeszcze".split()
    ),
    "en": frozenset(
        "the and of to in is that for it with as was on be by are this from at have has not but "
        "which said were will an or its their his her they he she been would there who had "
        "also more than after about into over could what when".split()
    ),
    "de": frozenset(
        "der die und das ist nicht mit den von zu ein eine sich auch auf für dem des im es wird "
        "wurde sind hat bei nach aus wie über noch nur oder aber einen einem einer sie er wir "
        "ich kann werden haben dass".split()
    ),
    "cs": frozenset(
        "a je se na že v ve to s z do jsou jako ale pro který která které by bylo byl byla jsem "
        "není také podle už jeho když až před při může však či ještě nebo tak jsme jejich "
        "mezi proti bude řekl tím této tento".split()
    ),
    "sk": frozenset(
        "a je sa na že v vo to s z do sú ako ale pre ktorý ktorá ktoré by bolo bol bola som nie "
        "aj podľa už jeho keď až pred pri môže však či ešte alebo tak sme ich medzi proti bude "
        "povedal tým tento".split()
    ),
    "fr": frozenset(
        "le la les de des du et est un une en que qui dans pour pas sur au aux avec il elle ce "
        "sont par plus ont été mais ou leur nous vous".split()
    ),
    "es": frozenset(
        "el la los las de del y es un una en que por con para no se su al lo como más pero "
        "sus fue ha son este esta también".split()
    ),
    "it": frozenset(
        "il la le di del della e è un una in che per con non si su al lo come più ma sono "
        "anche gli questo questa ha".split()
    ),
}

# Letters that point at one language (or a small family) when they appear at all.
DISTINCTIVE_LETTERS: dict[str, str] = {
    "pl": "ąęłńśźż",
    "cs": "řůě",
    "sk": "ľĺŕôä",
    "de": "äöüß",
    "fr": "àâçèêëîïùûœ",
    "es": "ñ¿¡",
}
CZECH_SLOVAK_SHARED = "čšžťďňý"  # both, never Polish

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_LETTER = re.compile(r"[a-zA-Z\u00c0-\u024f]")
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LanguageGuess:
    """``code`` is an ISO 639-1 code, or None when the text gives too little to judge."""

    code: str | None
    name: str | None
    confidence: float
    is_polish: bool

    @property
    def reason(self) -> str | None:
        """Why the text is not taken for Polish (``input does not look Polish (looks English)``), else None."""
        if self.is_polish:
            return None
        return f"input does not look Polish (looks {self.name})" if self.name else "input does not look Polish"


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of ``text``; ``is_polish`` is False only on clear evidence."""
    sample = text[:SAMPLE_CHARS]
    cyrillic = len(CYRILLIC.findall(sample))
    latin = len(LATIN_LETTER.findall(sample))
    if cyrillic + latin < MIN_LETTERS:
        return LanguageGuess(code=None, name=None, confidence=0.1, is_polish=True)
    if cyrillic > latin:
        return _cyrillic_guess(sample.lower(), cyrillic / (cyrillic + latin))
    return _latin_guess(sample.lower(), latin)


def warning_for(guess: LanguageGuess) -> str | None:
    """A one-line warning when the input does not look Polish, else None."""
    return None if guess.reason is None else f"{guess.reason}; translating anyway"


def _cyrillic_guess(lower: str, share: float) -> LanguageGuess:
    ukrainian = sum(lower.count(c) for c in "іїєґ")
    belarusian = lower.count("ў")
    if belarusian:
        code = "be"
    elif ukrainian:
        code = "uk"
    else:
        code = "ru"
    return LanguageGuess(code=code, name=NAMES[code], confidence=round(min(0.99, share), 2), is_polish=False)


def _latin_guess(lower: str, letters: int) -> LanguageGuess:
    words = [w for w in WORD.findall(lower) if not CYRILLIC.search(w)]
    scores = {code: 0.0 for code in STOP_WORDS}
    if words:
        for code, stops in STOP_WORDS.items():
            scores[code] = sum(1 for w in words if w in stops) / len(words)
    for code, chars in DISTINCTIVE_LETTERS.items():
        # A distinctive letter per 100 letters is worth about as much as 10% stop words.
        share = sum(lower.count(c) for c in chars) / letters
        scores[code] += min(0.5, share * 10)
    czech_slovak = sum(lower.count(c) for c in CZECH_SLOVAK_SHARED) / letters
    for code in ("cs", "sk"):
        scores[code] += min(0.3, czech_slovak * 5)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 0.05:  # no function words, no telling letters: names, numbers, codes
        return LanguageGuess(code=None, name=None, confidence=0.1, is_polish=True)
    margin = (top - second) / top
    # Confidence grows with how clearly the best beats the rest and with the amount of text.
    amount = min(1.0, len(words) / 30)
    confidence = round(max(0.05, min(0.99, margin * (0.5 + 0.5 * amount) + 0.3 * amount)), 2)
    is_polish = best == "pl" or confidence < 0.35
    return LanguageGuess(code=best, name=NAMES[best], confidence=confidence, is_polish=is_polish)
