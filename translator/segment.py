"""Polish sentence segmentation: exact character spans, rule-based, linear time.

``split_sentences(text)`` returns ``(start, end)`` spans of the sentences of one
block.  The spans are ordered, non-overlapping, never empty and stripped (no span
starts or ends with whitespace); everything between them is whitespace, so the
spans plus the gaps rebuild the text exactly.

How a boundary is found
-----------------------
Candidates are runs of ``. ! ? …`` mixed with closing quotes/brackets
(``" ” “ ’ ' » « ) ] }``) that are followed by whitespace or the end of the
text; the sentence ends after the whole run, so ``Powiedział: „Nie.” Potem``
splits after ``”``.  A period glued to the next character (``4.35``, ``12.30``,
``24.06.2023``, ``www.onet.pl``, ``jan.kowalski@wp.pl``, ``x.pl/a.b?c=d``) is
never a candidate.  A candidate is a boundary unless one of these holds:

1. The next word starts with a lower-case letter (after opening quotes and
   brackets): abbreviations (``np. we``), ordinals (``3. miejsce``), ellipses
   (``Nie wiem... może``) and ``?``/``!`` inside a sentence do not end it.
2. The next thing is a dash followed by a lower-case word: a speech attribution
   (``– Nie wiem! – krzyknął Jan.``) belongs to the quoted sentence.  A dash
   followed by anything else starts a new sentence and belongs to it.
3. The run is a bracketed omission ``(...)`` / ``[…]``.
4. The run is a single period right after a word, and that word is
   - in :data:`NEVER_FINAL` (titles, places, references, linking words:
     ``prof. Nowak``, ``ul. Długa``, ``nr 5``, ``m.in. Iran``), which never end
     a sentence (``ust.`` only before a digit, and ``im.`` only after a
     capitalised word that does not open the sentence or before two capitalised
     words, since both are also ordinary words: *z ust*, *Pomagamy im.*);
   - an initial: one capital letter or Polish digraph (``A. Nowak``,
     ``Ch. Nowak``, ``J. R. R. Tolkien``, ``J.R.R. Tolkien``), unless a label noun
     precedes it (``w grupie E.``, ``witamina C.``);
   - in :data:`MAY_FINAL` (``r.``, ``w.``, ``itd.``, ``tys.``, ``zł.``,
     ``S.A.``...) and the next word is a number, or the sentence so far is only
     a date expression (``W 2020 r. Sejm...``, ``Pod koniec XIX w. Polska...``),
     or, after a quantity (``tys. mln. proc.``), the next word is a capitalised
     genitive plural (``5 tys. Polaków``, ``Rosjan``) or a unit acronym
     (``2 proc. PKB``, ``3 mln. USD``).  Otherwise a capital ends the sentence:
     ``Umowę podpisano w 2020 r. Od tego czasu…`` is two sentences.
   - a number (``12.``), and the sentence so far is only a date expression or
     the number itself (``1. Polska``, ``W latach 90. Polska...``).
   Unknown words, acronyms (``NATO.``), numbers ending a clause
   (``rannych 12. Policja``) and web addresses (``onet.pl. Zapraszamy``) end
   the sentence before a capital, a digit or any other non-lower-case start.

Abbreviations are matched case-insensitively (``Prof.``, ``Np.``) when the
word is lower-case or capitalised; an ALL-CAPS word (``OK.``) is an acronym.
Line breaks are plain whitespace, except that a line break followed by a
dialogue dash (``–``, ``—``, or ``-`` and a space) always starts a sentence.
"""

from __future__ import annotations

import re

# --- Abbreviations that never end a sentence (they precede a name or number) --

# Titles, degrees, clergy and military ranks before a person's name.
TITLE_ABBREVIATIONS = frozenset(
    "prof dr hab doc mgr inż lek med ks prał abp bp kard o śp św bł red dyr prez pos "
    "mec gen płk ppłk mjr kpt por ppor kmdr st sierż plut kpr szer asp kom nadkom insp "
    "mł marsz ob hr".split()
)
# Addresses and administrative units before a place name.
PLACE_ABBREVIATIONS = frozenset("ul al pl os woj pow gm".split())
# References before a number or a cited item (laws, pages, figures, phone, time).
REFERENCE_ABBREVIATIONS = frozenset(
    "nr art ust pkt par lit poz zał rozdz cz rys ryc tab s str t tel godz ur zm dz dz.u "
    "fot il wyd tłum oprac cyt".split()
)
# Words introducing an example, an explanation, a name or a language.
LINKING_ABBREVIATIONS = frozenset(
    "np m.in in tzw tj tzn wg ds im zob dn ww pt zw dot ok ang łac ros niem fr wł hiszp ukr jęz".split()
)
NEVER_FINAL = TITLE_ABBREVIATIONS | PLACE_ABBREVIATIONS | REFERENCE_ABBREVIATIONS | LINKING_ABBREVIATIONS

# --- Abbreviations that may end a sentence (before a capital that starts one) --

# Years, centuries, eras and other time expressions.
TIME_ABBREVIATIONS = frozenset("r w br ub ub.r p.n.e n.e chr min sek jw cdn".split())
# Closing a list.
LIST_ABBREVIATIONS = frozenset("itd itp etc".split())
# Quantities, money and units after a number.
QUANTITY_ABBREVIATIONS = frozenset("tys mln mld mlrd bln proc zł gr szt kw n.p.m".split())
# Company forms: sp. z o.o., S.A., sp.j., s.c.
COMPANY_ABBREVIATIONS = frozenset("o.o s.a sp.j sp.k s.c".split())
MAY_FINAL = TIME_ABBREVIATIONS | LIST_ABBREVIATIONS | QUANTITY_ABBREVIATIONS | COMPANY_ABBREVIATIONS

# Capitalised words that continue a quantity: currency and measure acronyms.
QUANTITY_ACRONYMS = frozenset("PKB USD EUR PLN CHF GBP UAH RUB KZT BYN JPY CNY".split())
# Genitive plural endings of nationality nouns (Polaków, Ukraińców, Rosjan).
DEMONYM_GENITIVE_ENDINGS = ("ów", "an")
# Nouns naming a letter label: "w grupie E." ends a sentence, "premier M." does not.
LETTER_LABEL_NOUNS = frozenset(
    "grupa grupy grupie grupę plan planu witamina witaminy witaminę klasa klasy klasie "
    "kategoria kategorii typ typu wariant wariantu strefa strefy strefie sektor sektora "
    "opcja opcji litera litery literę".split()
)

# Words a pure date expression is made of ("W marcu 2020 r.", "Pod koniec XIX w.").
_DATE_WORDS = frozenset(
    "w we od do na po pod przed za z ze u o około ok dnia między pomiędzy przez aż już "
    "jeszcze dopiero także również i oraz lub a - – latem zimą wiosną jesienią "
    "początku początek końcu koniec połowie połowy latach lat roku rok wieku wiek dniu "
    "dzień okresie tym tego "
    "styczeń stycznia styczniu luty lutego lutym marzec marca marcu kwiecień kwietnia "
    "kwietniu maj maja maju czerwiec czerwca czerwcu lipiec lipca lipcu sierpień "
    "sierpnia sierpniu wrzesień września wrześniu październik października "
    "październiku listopad listopada listopadzie grudzień grudnia grudniu".split()
)

_CLOSERS = "\"'”“’‘»«)]}"
_OPENERS = "\"'„“”‚‘’«»([{"
_DASHES = "-–—"
_TERMINATOR_CHARS = frozenset(".!?…")
_MAX_WORD = 80  # longer "words" (URLs, garbage) are never abbreviations
_MAX_DATE_PHRASE = 60

_RUN_CHARS = re.escape(".!?…" + _CLOSERS)
# A maximal run of terminators/closers followed by whitespace or the end.
# The lookbehind keeps the scan linear: a match can only start at a run's start.
_PUNCT_RUN = re.compile(rf"(?<![{_RUN_CHARS}])[{_RUN_CHARS}]++(?=\s|\Z)")
# A line break followed by a dialogue dash.
_NEWLINE_DASH = re.compile(r"\n(?=[^\S\n]*(?:[–—]|-(?:\s|\Z)))")
_WHITESPACE = re.compile(r"\s*")
_NON_WHITESPACE = re.compile(r"\S")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_ROMAN = re.compile(r"[IVXLCDM]+")
_UPPER = "A-ZĄĆĘŁŃÓŚŹŻ"
_INITIALS = re.compile(rf"(?:(?:[{_UPPER}]|Ch|Cz|Sz|Rz|Dz|Dź|Dż)\.)*(?:[{_UPPER}]|Ch|Cz|Sz|Rz|Dz|Dź|Dż)")
_WORD = re.compile(r"\w+")

# What follows a candidate boundary.
_END, _LOWER, _ATTRIBUTION, _UPPER_START, _DIGIT, _OTHER = range(6)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences of ``text``, in order."""
    cuts: list[int] = []
    sentence_start = 0
    date_phrase = _DatePhrase()
    dash_cuts = [m.start() for m in _NEWLINE_DASH.finditer(text)]
    dash_index = 0
    for match in _PUNCT_RUN.finditer(text):
        while dash_index < len(dash_cuts) and dash_cuts[dash_index] < match.start():
            cuts.append(dash_cuts[dash_index])
            sentence_start = dash_cuts[dash_index]
            dash_index += 1
        if _ends_sentence(text, match.start(), match.end(), sentence_start, date_phrase):
            cuts.append(match.end())
            sentence_start = match.end()
    cuts.extend(dash_cuts[dash_index:])
    cuts.sort()
    return _stripped_spans(text, cuts)


def sentences_of(text: str) -> list[str]:
    """The sentences of ``text`` as strings (``text[start:end]`` of each span)."""
    return [text[start:end] for start, end in split_sentences(text)]


def _stripped_spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [*cuts, len(text)]:
        if end <= start:
            continue
        first = _NON_WHITESPACE.search(text, start, end)
        if first is not None:
            last = end
            while text[last - 1].isspace():
                last -= 1
            spans.append((first.start(), last))
        start = end
    return spans


def _ends_sentence(text: str, run_start: int, run_end: int, sentence_start: int, date_phrase: _DatePhrase) -> bool:
    run = text[run_start:run_end]
    if not any(c in _TERMINATOR_CHARS for c in run):
        return False
    following = _classify_next(text, run_end)
    if following == _END:
        return True
    if following in (_LOWER, _ATTRIBUTION):
        return False
    if "!" in run or "?" in run:
        return True
    if "…" in run or ".." in run:  # an ellipsis; "(...)" marks an omission
        return not (run_start > 0 and text[run_start - 1] in "([")
    if run != "." or run_start == 0 or not text[run_start - 1].isalnum():
        return True
    word_start = _word_start(text, run_start)
    if word_start is None:
        return True
    word = text[word_start:run_start].lstrip(_OPENERS)
    return not _word_continues(text, word, word_start, run_end, sentence_start, following, date_phrase)


def _word_continues(
    text: str,
    word: str,
    word_start: int,
    run_end: int,
    sentence_start: int,
    following: int,
    date_phrase: _DatePhrase,
) -> bool:
    """Whether ``word.`` (a word with one period) keeps its sentence going."""
    if _NUMBER.fullmatch(word):
        return date_phrase.holds(text, sentence_start, run_end)
    key = word.lower()
    listed = key in NEVER_FINAL or key in MAY_FINAL
    if _INITIALS.fullmatch(word) and not ("." in word and listed):  # S.A. is listed
        return _previous_word(text, word_start, sentence_start).lower() not in LETTER_LABEL_NOUNS
    if "." not in word and not (word.islower() or word[:1].isupper() and word[1:].islower()):
        return False  # an acronym (NATO, OK) or a mixed-case word
    if key in NEVER_FINAL:
        if key == "ust":
            return following == _DIGIT
        if key == "im":  # "Szkoła nr 5 im. Jana", "Uniwersytet im. Adama Mickiewicza", not "Pomagamy im."
            previous = _previous_word(text, word_start, sentence_start)
            opens_sentence = text[sentence_start:word_start].split() == [previous]
            after_name = (previous[:1].isupper() or previous[:1].isdigit()) and not opens_sentence
            return after_name or _two_capitalised_words(text, run_end)
        return True
    if key in MAY_FINAL:
        if following == _DIGIT or date_phrase.holds(text, sentence_start, run_end):
            return True
        return key in QUANTITY_ABBREVIATIONS and _is_quantity_continuation(text, run_end)
    return False


def _classify_next(text: str, pos: int) -> int:
    i = _WHITESPACE.match(text, pos).end()
    n = len(text)
    while i < n and text[i] in _OPENERS:
        i += 1
    if i < n and text[i] in _DASHES:
        i = _WHITESPACE.match(text, i + 1).end()
        if i < n and text[i].islower():
            return _ATTRIBUTION
        while i < n and text[i] in _OPENERS:
            i += 1
    if i >= n:
        return _END if _NON_WHITESPACE.search(text, pos) is None else _OTHER
    c = text[i]
    if c.islower():
        return _LOWER
    if c.isupper() or c.istitle():
        return _UPPER_START
    if c.isdigit():
        return _DIGIT
    return _OTHER


def _word_start(text: str, end: int) -> int | None:
    """Start of the whitespace-free word ending at ``end``; None if implausibly long."""
    start = end
    limit = max(0, end - _MAX_WORD)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    if start == limit and start > 0 and not text[start - 1].isspace():
        return None
    return start


def _previous_word(text: str, word_start: int, sentence_start: int) -> str:
    """The word before the one at ``word_start`` within the sentence ('' if none)."""
    end = word_start
    while end > sentence_start and text[end - 1].isspace():
        end -= 1
    if end <= sentence_start:
        return ""
    start = _word_start(text, end)
    if start is None or start < sentence_start:
        return ""
    return text[start:end].strip(_OPENERS + _CLOSERS + ",;:")


class _DatePhrase:
    """Whether the current sentence so far is only a date expression, checked incrementally.

    Each word is examined once per sentence, so a run of date words stays linear.
    """

    def __init__(self) -> None:
        self.sentence_start = -1
        self.checked_to = 0
        self.so_far = True

    def holds(self, text: str, sentence_start: int, end: int) -> bool:
        if end - sentence_start > _MAX_DATE_PHRASE:
            return False
        if sentence_start != self.sentence_start:
            self.sentence_start, self.checked_to, self.so_far = sentence_start, sentence_start, True
        if self.so_far and end > self.checked_to:
            self.so_far = all(_is_date_word(raw) for raw in text[self.checked_to : end].split())
            self.checked_to = end
        return self.so_far


def _is_date_word(raw: str) -> bool:
    word = raw.strip(_OPENERS + _CLOSERS + ",;")
    if word.endswith("."):
        word = word[:-1]
    if not word:
        return True
    key = word.lower()
    return bool(_NUMBER.fullmatch(word) or _ROMAN.fullmatch(word) or key in _DATE_WORDS or key in MAY_FINAL)


def _two_capitalised_words(text: str, pos: int) -> bool:
    """Whether the next two words both start with a capital ("Adama Mickiewicza")."""
    words = text[pos : pos + 2 * _MAX_WORD].split(maxsplit=2)[:2]
    return len(words) == 2 and all(w.lstrip(_OPENERS)[:1].isupper() for w in words)


def _is_quantity_continuation(text: str, pos: int) -> bool:
    """Whether the word after a quantity ("5 tys. Polaków", "2 proc. PKB") continues it."""
    i = _WHITESPACE.match(text, pos).end()
    match = _WORD.match(text, i)
    if match is None:
        return False
    word = match.group()
    if word in QUANTITY_ACRONYMS:
        return True
    return word[:1].isupper() and word[1:].islower() and word.endswith(DEMONYM_GENITIVE_ENDINGS)
