"""Where a Polish speaker appears in the English translation of a sentence.

:func:`english_form` looks for the speaker in an English target: by a small dictionary
for institutions (Kreml → Kremlin), else by exact, ASCII-folded or transliterated
surname (Tokajew → Tokayev).  None when it is not there.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translator.summarize.speakers import Speaker

_ENGLISH_WORD_RE = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")


def english_form(speaker: Speaker, target: str | None) -> str | None:
    """How ``speaker`` appears in the English ``target``, or None if it does not."""
    if not target:
        return None
    if speaker.institution is not None:
        for pattern in speaker.institution.english:
            m = re.search(pattern, target, re.IGNORECASE)
            if m:
                return m.group()
        return None
    return _find_name(speaker.name.split(), target)


def _find_name(parts: list[str], target: str) -> str | None:
    words = []
    for m in _ENGLISH_WORD_RE.finditer(target):
        text, end = m.group(), m.end()
        if text.endswith(("'s", "’s")):
            text, end = text[:-2], end - 2
        words.append((_fold(text), m.start(), end))
    surname = _variants(parts[-1])
    for j in range(len(words) - 1, -1, -1):
        if words[j][0] not in surname:
            continue
        first, p = j, len(parts) - 2
        while p >= 0 and first > 0 and words[first - 1][0] in _variants(parts[p]):
            first, p = first - 1, p - 1
        return target[words[first][1] : words[j][2]]
    return None


_TRANSLIT = (
    ("szcz", "shch"),
    ("sz", "sh"),
    ("cz", "ch"),
    ("rz", "zh"),
    ("ż", "zh"),
    ("ź", "zh"),
    ("j", "y"),
    ("w", "v"),
)


@lru_cache(maxsize=4096)
def _variants(word: str) -> frozenset[str]:
    """Folded spellings an English text may use for a Polish-spelled name."""
    low = word.lower()
    translit = low
    for pl, en in _TRANSLIT:
        translit = translit.replace(pl, en)
    out = {_fold(low), _fold(translit)}
    for form in list(out):
        out.add(form.replace("ie", "e"))
        if form.endswith("ski"):
            out.add(form[:-1] + "y")
    return frozenset(out)


def _fold(text: str) -> str:
    text = text.lower().replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
