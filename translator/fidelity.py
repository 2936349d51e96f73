"""Cheap checks that a sentence's translation is plausibly a translation.

:func:`check_translation` names what looks wrong, as sorted stable flags:

``empty``
    The target is blank (reported alone: nothing else can be judged).
``untranslated``
    The target equals the source (ignoring case and spacing) while the source is
    running text (not just names or numbers), or the target is still mostly Polish: at least
    ``POLISH_SHARE`` of its words (and at least two) are Polish function words or
    lower-case words with Polish diacritics. Capitalised words are not counted,
    so a clean English sentence naming "Łukaszenka" or "Kasym-Żomart" passes.
``repetition``
    The model looped: one word repeated ``RUN_WORD`` times in a row (``RUN_SHORT_WORD``
    for words like "the"), an n-gram of 2-4 words repeated ``RUN_NGRAM`` times in a
    row, or a long output (``LONG_OUTPUT`` words+) with under ``MIN_DISTINCT`` distinct
    words - unless the source repeats itself as much.
``length_ratio``
    Characters of target / source below ``MIN_RATIO`` (sources of ``MIN_RATIO_SOURCE``
    characters or more) or above ``MAX_RATIO`` (and more than ``MAX_EXTRA`` characters
    longer, so "Rosja" -> "Russia" is fine); or, when the source's token count is
    known, more than ``MAX_WORDS_PER_TOKEN`` target words per source token (plus slack).
    English from Polish news runs at about 0.9-1.2 of the source's characters.

:func:`better` picks between two translations of the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from translator.backends import Hypothesis

POLISH_SHARE = 0.3
RUN_WORD = 4
RUN_SHORT_WORD = 3
RUN_NGRAM = 3
LONG_OUTPUT = 20
MIN_DISTINCT = 0.3
MIN_RATIO = 0.35
MIN_RATIO_SOURCE = 20
MAX_RATIO = 3.0
MAX_EXTRA = 40
MAX_WORDS_PER_TOKEN = 2.0
WORDS_SLACK = 5

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_POLISH_LETTERS = set("ąćęłńóśźż")
# Frequent Polish words that are not also English words ("a", "i", "to", "on",
# "do", "no", "we", "by", "ten" are left out on purpose).
_POLISH_FUNCTION_WORDS = frozenset(
    """
    nie się że jest są był była było były będzie będą został została zostało zostały
    w z ze na dla przez oraz ale lub albo czy jak jako który która które którzy którego
    której których tego tym tej tych jego jej ich od po przy przed pod nad za także również
    tylko już jeszcze bardzo może można według wobec podczas jednak ponieważ gdy kiedy aby
    żeby też tak więc bez między iż sobie im ma mają miał miała
    """.split()
)
# English words that loop in two's and three's only when a model is stuck.
_SHORT_WORDS = frozenset("the a an of to in and on at for is by with".split())


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def polish_share(text: str) -> tuple[int, int]:
    """(Polish-looking words, all words) of ``text``; capitalised words never count as Polish."""
    words = _WORD.findall(text)
    polish = 0
    for word in words:
        if word[0].isupper():
            continue
        lower = word.casefold()
        if lower in _POLISH_FUNCTION_WORDS or any(ch in _POLISH_LETTERS for ch in lower):
            polish += 1
    return polish, len(words)


def _is_untranslated(source: str, target: str) -> bool:
    if _normalise(source) == _normalise(target):
        # Names, numbers and one-word headings may rightly come back unchanged;
        # running text (Polish-looking or two lower-case words) may not.
        source_polish, _ = polish_share(source)
        lower_case = sum(1 for word in _WORD.findall(source) if word[0].islower())
        return source_polish > 0 or lower_case >= 2
    polish, words = polish_share(target)
    return words >= 2 and polish / words >= POLISH_SHARE


def longest_runs(words: Sequence[str], n: int) -> dict[tuple[str, ...], int]:
    """For each n-gram that repeats back to back, the longest such run (in repetitions)."""
    runs: dict[tuple[str, ...], int] = {}
    for offset in range(n):
        previous: tuple[str, ...] | None = None
        run = 0
        for i in range(offset, len(words) - n + 1, n):
            gram = tuple(words[i : i + n])
            run = run + 1 if gram == previous else 1
            previous = gram
            if run >= 2 and run > runs.get(gram, 0):
                runs[gram] = run
    return runs


def _max_run(words: Sequence[str], n: int) -> int:
    return max(longest_runs(words, n).values(), default=1)


def _is_repetitive(source: str, target: str) -> bool:
    words = _words(target)
    source_words = _words(source)
    for n in range(1, 5):
        runs = longest_runs(words, n)
        if not runs:
            continue
        source_run = _max_run(source_words, n)
        for gram, run in runs.items():
            if n == 1:
                threshold = RUN_SHORT_WORD if gram[0] in _SHORT_WORDS else RUN_WORD
            else:
                threshold = RUN_NGRAM
            # Repeated as often in the source ("Tak, tak, tak!"): faithful, not a loop.
            if run >= threshold and run > source_run + 1:
                return True
    if len(words) >= LONG_OUTPUT:
        distinct = len(set(words)) / len(words)
        source_distinct = len(set(source_words)) / len(source_words) if source_words else 1.0
        if distinct < MIN_DISTINCT and source_distinct >= MIN_DISTINCT + 0.1:
            return True
    return False


def _bad_length(source: str, target: str, source_tokens: int | None) -> bool:
    n_source, n_target = len(source.strip()), len(target.strip())
    if n_source >= MIN_RATIO_SOURCE and n_target < MIN_RATIO * n_source:
        return True
    if n_target > max(MAX_RATIO * n_source, n_source + MAX_EXTRA):
        return True
    if source_tokens is not None:
        return len(_words(target)) > MAX_WORDS_PER_TOKEN * source_tokens + WORDS_SLACK
    return False


def check_translation(source: str, target: str, *, source_tokens: int | None = None) -> tuple[str, ...]:
    """Sorted flags naming what looks wrong with ``target`` as a translation of ``source``."""
    if not target.strip():
        return ("empty",) if source.strip() else ()
    flags = []
    if _is_untranslated(source, target):
        flags.append("untranslated")
    if _is_repetitive(source, target):
        flags.append("repetition")
    if _bad_length(source, target, source_tokens):
        flags.append("length_ratio")
    return tuple(sorted(flags))


def better(a: Hypothesis, a_flags: Sequence[str], b: Hypothesis, b_flags: Sequence[str]) -> bool:
    """True when ``a`` should replace ``b``: fewer flags, then a higher score.

    A tie (same number of flags, scores equal or unknown) keeps ``b``.
    """
    if len(a_flags) != len(b_flags):
        return len(a_flags) < len(b_flags)
    if a.score is None or b.score is None:
        return False
    return a.score > b.score
