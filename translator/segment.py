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
     ``prof. Nowak``, ``ul. Długa``, ``nr 5``, ``m.in. Iran``, ``ws. Ukrainy``), which
     never end a sentence (``ust.`` only before a digit, and ``im.`` only after a
     capitalised word that does not open the sentence or before two capitalised
     words, since both are also ordinary words: *z ust*, *Pomagamy im.*); an
     abbreviation that is also a word (``lek``, ``sen``) goes on only before a
     two-word name (``sen. Jan Nowak``, not ``Zapadł w sen. Rano…``), and one that
     is a unit after a number acts as a quantity (``Ma 6 pkt. Niemcy…``);
   - an initial: one capital letter or Polish digraph (``A. Nowak``,
     ``Ch. Nowak``, ``J. R. R. Tolkien``, ``J.R.R. Tolkien``, ``UE-W. Brytania``),
     unless a label noun precedes it (``w grupie E.``, ``w załączniku I.``), a
     capitalised closed-class word follows it (``… Dariusza M. Nie wiem``), or it
     follows a name and a verb form comes next (``… Dariusza M. Podkreślam``);
   - in :data:`MAY_FINAL` (``r.``, ``w.``, ``itd.``, ``tys.``, ``zł.``,
     ``S.A.``...) and the next word is a number, or the word closes a date
     phrase that opens its clause, so the clause's verb is still to come
     (``W 2020 r. Sejm…``, ``…, że w 2000 r. Rosja…``, ``Do końca 2021 r. Grupa…``,
     ``na anektowanym w 2014 r. Krymie``), or, after a quantity (``tys. mln. proc.``),
     the next word is a capitalised genitive plural (``5 tys. Polaków``, ``Rosjan``)
     or a unit acronym (``2 proc. PKB``, ``3 mln. USD``).  Otherwise a capital ends
     the sentence: ``Umowę podpisano w 2020 r. Od tego czasu…`` is two sentences,
     and so is any date followed by a capitalised closed-class word (``Potem``, ``W``).
   - a number (``12.``) that opens the sentence (a list item: ``1. Polska``,
     ``2. Według tabeli…``) or closes a clause-opening date phrase (``W latach 90.
     Polska…``, ``Od lat 70. Starlin…``).
   Unknown words, acronyms (``NATO.``), numbers ending a clause
   (``rannych 12. Policja``) and web addresses (``onet.pl. Zapraszamy``) end
   the sentence before a capital, a digit or any other non-lower-case start.
   The abbreviation and word lists are data: ``translator/data/pl_abbreviations.txt``
   and ``translator/data/pl_segment_words.txt``, read by :mod:`translator.segment_lexicon`.

Abbreviations are matched case-insensitively (``Prof.``, ``Np.``) when the
word is lower-case or capitalised; an ALL-CAPS word (``OK.``) is an acronym.
Line breaks are plain whitespace, except that a line break followed by a
dialogue dash (``–``, ``—``, or ``-`` and a space) always starts a sentence.
"""

from __future__ import annotations

import re

from translator.segment_lexicon import (
    AMBIGUOUS,
    CLAUSE_OPENERS,
    DATE_LINKS,
    DATE_WORDS,
    DEMONYM_GENITIVE_ENDINGS,
    LETTER_LABEL_NOUNS,
    MAY_FINAL,
    NEVER_FINAL,
    OBLIQUE_PARTICIPLE,
    PAST_OR_THIRD_PERSON,
    PREPOSITIONS,
    QUANTITY_ABBREVIATIONS,
    QUANTITY_ACRONYMS,
    REPORT_SUBJECTS,
    SENTENCE_ADVERBS,
    SENTENCE_OPENERS,
    SHORT_PAST_FORMS,
    TIME_ABBREVIATIONS,
    UNITS,
    VERB_LIKE,
)

__all__ = ["MAY_FINAL", "NEVER_FINAL", "sentences_of", "split_sentences"]

_MAX_DATE_WORDS = 12
_MAX_LOOKBACK = 400

_CLOSERS = "\"'”“’‘»«)]}"
_OPENERS = "\"'„“”‚‘’«»([{"
_DASHES = "-–—"
_TERMINATOR_CHARS = frozenset(".!?…")
_NUMERAL_LETTERS = frozenset("VX")  # Roman numerals, never Polish initials
_MAX_WORD = 80  # longer "words" (URLs, garbage) are never abbreviations

_RUN_CHARS = re.escape(".!?…" + _CLOSERS)
# A maximal run of terminators/closers followed by whitespace or the end.
# The lookbehind keeps the scan linear: a match can only start at a run's start.
_PUNCT_RUN = re.compile(rf"(?<![{_RUN_CHARS}])[{_RUN_CHARS}]++(?=\s|\Z)")
# A line break followed by a dialogue dash.
_NEWLINE_DASH = re.compile(r"\n(?=[^\S\n]*(?:[–—]|-(?:\s|\Z)))")
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
    dash_cuts = [m.start() for m in _NEWLINE_DASH.finditer(text)]
    dash_index = 0
    for match in _PUNCT_RUN.finditer(text):
        while dash_index < len(dash_cuts) and dash_cuts[dash_index] < match.start():
            cuts.append(dash_cuts[dash_index])
            sentence_start = dash_cuts[dash_index]
            dash_index += 1
        if _ends_sentence(text, match.start(), match.end(), sentence_start):
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


def _ends_sentence(text: str, run_start: int, run_end: int, sentence_start: int) -> bool:
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
    return not _word_continues(text, word, word_start, run_end, sentence_start, following)


def _word_continues(text: str, word: str, word_start: int, run_end: int, sentence_start: int, following: int) -> bool:
    """Whether ``word.`` (a word with one period) keeps its sentence going."""
    if _NUMBER.fullmatch(word):  # an ordinal: "3. miejsce", "W latach 90. Polska", "1. Polska"
        if not text[sentence_start:word_start].strip():  # a list item's number: "2. Według tabeli…"
            return True
        return not _opener_follows(text, run_end) and _date_opens_clause(text, word_start, sentence_start, True)
    key = word.lower()
    listed = key in NEVER_FINAL or key in MAY_FINAL
    if "-" in word and not listed:  # "UE-W. Brytania": the part after the hyphen decides
        head, _, word = word.rpartition("-")
        word_start += len(head) + 1
        key = word.lower()
        listed = key in NEVER_FINAL or key in MAY_FINAL
    if _INITIALS.fullmatch(word) and not ("." in word and listed):  # S.A. is listed
        return _initial_continues(text, word, word_start, run_end, sentence_start)
    if "." not in word and not (word.islower() or word[:1].isupper() and word[1:].islower()):
        return False  # an acronym (NATO, OK) or a mixed-case word
    if key in UNITS and _NUMBER.fullmatch(_previous_word(text, word_start, sentence_start)):
        return following == _DIGIT or _is_quantity_continuation(text, run_end)  # "Ma 6 pkt. Niemcy…"
    if key in NEVER_FINAL:
        if key == "ust":
            return following == _DIGIT
        if key == "in":  # "m. in. Iran" goes on, "Kowalski i in. Wyniki…" ends
            return _previous_word(text, word_start, sentence_start).lower() == "m."
        if key == "im":  # "Szkoła nr 5 im. Jana", "Uniwersytet im. Adama Mickiewicza", not "Pomagamy im."
            previous = _previous_word(text, word_start, sentence_start)
            opens_sentence = text[sentence_start:word_start].split() == [previous]
            after_name = (previous[:1].isupper() or previous[:1].isdigit()) and not opens_sentence
            return after_name or _two_capitalised_words(text, run_end)
        return True
    if key in AMBIGUOUS:  # "sen. Jan Nowak", not "Zapadł w sen. Rano…"
        return following == _DIGIT or _two_capitalised_words(text, run_end)
    if key in MAY_FINAL:
        if following == _DIGIT:
            return True
        if _opener_follows(text, run_end):
            return False
        if _date_opens_clause(text, word_start, sentence_start, False):
            return True
        return key in QUANTITY_ABBREVIATIONS and _is_quantity_continuation(text, run_end)
    return False


def _initial_continues(text: str, word: str, word_start: int, run_end: int, sentence_start: int) -> bool:
    """Whether an initial ("A.", "J.R.R.") is part of a name that goes on.

    It does not when a label noun precedes it ("w grupie E.", "w załączniku I."), when a
    capitalised closed-class word or verb form follows ("… Dariusza M. Nie wiem"), or when it
    follows a name and a verb form or a typical report subject comes next ("… sąsiadka
    Dariusza M. Podkreślam …", "Zatrzymano Piotra K. Mężczyzna…"): an initial after a first
    name ends an anonymised name ("Dariusz M."), one before a surname does not.  "V." and
    "X." are Roman numerals ("szczepionka Sputnik V."): Polish names do not start with them.
    """
    previous = _previous_word(text, word_start, sentence_start)
    if previous.lower() in LETTER_LABEL_NOUNS or word in _NUMERAL_LETTERS:
        return False
    if _opener_follows(text, run_end):
        return False
    after_name = len(previous) > 1 and previous[0].isupper() and previous[1:].islower()
    following = _next_word(text, run_end)
    return not (after_name and (VERB_LIKE.fullmatch(following) or following.lower() in REPORT_SUBJECTS))


def _next_word(text: str, pos: int) -> str:
    """The next word after ``pos`` (opening quotes skipped), or '' when a period follows it ("W.")."""
    i = _skip_space(text, pos)
    while i < len(text) and text[i] in _OPENERS:
        i += 1
    match = _WORD.match(text, i)
    if match is None or text[match.end() : match.end() + 1] == ".":
        return ""
    return match.group()


def _opener_follows(text: str, pos: int) -> bool:
    """Whether a word that starts sentences comes next, capitalised: a closed-class word
    ("Potem", "W", "Nie") or a verb form ("Zapowiedział", "Uważają"), which Polish capitalises
    only at a sentence's start."""
    word = _next_word(text, pos)
    if not word or not word[0].isupper() or not (len(word) == 1 or word[1:].islower()):
        return False
    key = word.lower()
    return key in SENTENCE_OPENERS or key in SHORT_PAST_FORMS or bool(PAST_OR_THIRD_PERSON.fullmatch(key))


def _date_opens_clause(text: str, word_start: int, sentence_start: int, is_number: bool) -> bool:
    """Whether the date phrase ending at ``word_start`` opens its clause, so its verb is still to come.

    ``W 2020 r. Sejm…``, ``…, że w 2000 r. Rosja…``, ``Do końca 2021 r. Grupa…``, ``Od lat 70. Polska…``
    and ``na anektowanym w 2014 r. Krymie`` go on; ``Umowę podpisano w 2020 r. Od…`` and
    ``Zamek zbudowano w XIV w. Dziś…`` end.  After a comma the phrase must start with a preposition
    (``Jak podała agencja, w 2014 r. Rosja…``), since a bare date there is an apposition that may end
    the sentence (``…w poniedziałek, 5 maja 2020 r. Zapraszamy``).
    """
    start = max(sentence_start, word_start - _MAX_LOOKBACK)
    words = text[start:word_start].split()
    if start > sentence_start and words and not text[start - 1].isspace():
        words = words[1:]  # cut mid-word
    content = is_number
    phrase: list[str] = []
    for raw in reversed(words[-_MAX_DATE_WORDS:]):
        if raw[-1] in ",;:" and phrase:
            if raw[-1] == "," and phrase[0] not in PREPOSITIONS:
                return False
            return content
        bare = raw.strip(_OPENERS + _CLOSERS).removesuffix(".").lower()
        if not _is_date_word(raw):
            index = len(words) - len(phrase) - 1
            if not (content and phrase):
                return False
            first = index == 0 and start == sentence_start
            if bare in CLAUSE_OPENERS or (first and bare in SENTENCE_ADVERBS) or phrase[0] in CLAUSE_OPENERS:
                return True  # "…, że w 2000 r.", "Dlatego w 2020 r.", "… i w 2020 r."
            return _participle_before(phrase, bare, words, index)
        phrase.insert(0, bare)
        content = content or bare not in DATE_LINKS or bool(_ROMAN.fullmatch(raw.strip(_OPENERS + _CLOSERS + ".")))
        if raw[0] in "([":
            return content
    return content and len(words) <= _MAX_DATE_WORDS and (start == sentence_start)


def _participle_before(phrase: list[str], word: str, words: list[str], index: int) -> bool:
    """[preposition] [oblique participle] [date phrase]: the participle's noun follows the date."""
    if phrase[0] not in PREPOSITIONS or not OBLIQUE_PARTICIPLE.fullmatch(word) or index < 1:
        return False
    return words[index - 1].strip(_OPENERS).lower() in PREPOSITIONS


def _classify_next(text: str, pos: int) -> int:
    i = _skip_space(text, pos)
    n = len(text)
    while i < n and text[i] in _OPENERS:
        i += 1
    if i < n and text[i] in _DASHES:
        i = _skip_space(text, i + 1)
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


def _skip_space(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not whitespace (or the end)."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


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


def _is_date_word(raw: str) -> bool:
    word = raw.strip(_OPENERS + _CLOSERS + ",;")
    if word.endswith("."):
        word = word[:-1]
    if not word:
        return True
    key = word.lower()
    return bool(_NUMBER.fullmatch(word) or _ROMAN.fullmatch(word) or key in DATE_WORDS or key in TIME_ABBREVIATIONS)


def _two_capitalised_words(text: str, pos: int) -> bool:
    """Whether the next two words both start with a capital ("Adama Mickiewicza")."""
    words = text[pos : pos + 2 * _MAX_WORD].split(maxsplit=2)[:2]
    return len(words) == 2 and all(w.lstrip(_OPENERS)[:1].isupper() for w in words)


def _is_quantity_continuation(text: str, pos: int) -> bool:
    """Whether the word after a quantity ("5 tys. Polaków", "2 proc. PKB") continues it."""
    i = _skip_space(text, pos)
    match = _WORD.match(text, i)
    if match is None:
        return False
    word = match.group()
    if word in QUANTITY_ACRONYMS:
        return True
    return word[:1].isupper() and word[1:].islower() and word.endswith(DEMONYM_GENITIVE_ENDINGS)
