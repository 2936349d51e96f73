"""Names of speakers in Polish sentences, their base forms, and their English forms.

The claim extractor (:mod:`translator.summarize.attribution`) decides *where* a speaker
stands (before a reporting verb, after ``– mówi``, after ``zdaniem``); this module
answers *what* stands there:

* :func:`find_mentions` finds institutions (a fixed list: Kreml, Biały Dom, MSZ,
  Ministerstwo …) and runs of name tokens.  A name token is a capitalised word
  (hyphenated parts too: ``Kasym-Żomart``) that simplemma does not know as an
  ordinary word; at the start of a sentence a capital proves nothing, so a word
  simplemma knows in lower case (``Kraj``, ``Doceniam``) is not a name there.
* :func:`speaker_of` turns a mention into a :class:`Speaker` in its base form:
  nominative runs drop a leading inflected word (``Kazachstanu Kasym-Żomart
  Tokajew``); genitive runs (after ``według`` / ``zdaniem``) are declined back
  (``Andrzeja Domańskiego`` → ``Andrzej Domański``, ``Lassili`` → ``Lassila``);
  a lone surname becomes the full name the article spells out elsewhere.
* :func:`english_form` looks for that speaker in an English translation: by a
  small dictionary for institutions (Kreml → Kremlin), else by exact, ASCII-folded
  or transliterated surname (Tokajew → Tokayev).  None when it is not there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from translator.document import Document
from translator.summarize.declension import genitive_to_base, looks_nominative
from translator.summarize.english_names import english_form
from translator.summarize.lexicon import polish_lexicon

__all__ = ["english_form", "genitive_to_base"]  # re-exported from english_names and declension

DASHES = frozenset("-–—‒―")
# Collective speakers named by a common noun, in the nominative: "strona rosyjska", "Rosyjskie media".
COLLECTIVE_HEADS = frozenset(
    """strona media władze opozycja służby resort dyplomacja administracja armia wojsko eksperci
    analitycy naukowcy badacze związkowcy lekarze prokuratorzy śledczy demonstranci protestujący
    mieszkańcy rolnicy przedsiębiorcy pracodawcy organizatorzy autorzy""".split()
)
NAME_PARTICLES = frozenset("von van der den de da di del della la le du bin ibn al el".split())
OPEN_QUOTES = frozenset('„“«"')
CLOSE_QUOTES = frozenset('”“»"')

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*|\d+(?:[.,]\d+)*|\S")
_VOWELS = "aeiouyąęó"


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    initial: bool  # opens the sentence or follows an opening dash, quote or bracket

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


@dataclass(frozen=True)
class Institution:
    """A body that speaks: its Polish base form, its word forms and English patterns."""

    name: str
    nominative: tuple[str, ...]
    oblique: tuple[str, ...]
    english: tuple[str, ...]
    takes_tail: bool = False  # "Ministerstwo Zdrowia", "Sąd Najwyższy"

    def forms(self) -> list[tuple[tuple[str, ...], bool]]:
        """(lower-case token sequence, is nominative), longest first."""
        pairs = [(tuple(f.split()), True) for f in self.nominative]
        pairs += [(tuple(f.split()), False) for f in self.oblique]
        return sorted(pairs, key=lambda p: -len(p[0]))


_MINISTRY_EN = r"\b(?:(?!the\b)(?-i:[A-Z])\w+ )?ministry(?: of(?: the)?(?: (?-i:[A-Z])\w+)+)?"
INSTITUTIONS: tuple[Institution, ...] = (
    Institution("Kreml", ("kreml",), ("kremla", "kremlu", "kremlem"), (r"\bKremlin\b",)),
    Institution("Biały Dom", ("biały dom",), ("białego domu", "białemu domowi", "białym domu"), (r"\bWhite House\b",)),
    Institution(
        "MSZ", ("msz",), (), (r"\bforeign ministry\b", r"\bministry of foreign affairs\b", r"\bforeign office\b")
    ),
    Institution("Pentagon", ("pentagon",), ("pentagonu",), (r"\bPentagon\b",)),
    Institution("NATO", ("nato",), (), (r"\bNATO\b",)),
    Institution("ONZ", ("onz",), (), (r"\bUnited Nations\b", r"\bUN\b")),
    Institution("UE", ("ue",), (), (r"\bEuropean Union\b", r"\bEU\b")),
    Institution("Unia Europejska", ("unia europejska",), ("unii europejskiej",), (r"\bEuropean Union\b", r"\bEU\b")),
    Institution(
        "Komisja Europejska", ("komisja europejska",), ("komisji europejskiej",), (r"\bEuropean Commission\b",)
    ),
    Institution("Sejm", ("sejm",), ("sejmu",), (r"\bSejm\b", r"\bparliament\b")),
    Institution("Senat", ("senat",), ("senatu",), (r"\bSenate\b",)),
    Institution("rząd", ("rząd",), ("rządu",), (r"\bgovernment\b",)),
    Institution("ministerstwo", ("ministerstwo",), ("ministerstwa",), (_MINISTRY_EN,), takes_tail=True),
    Institution(
        "prokuratura", ("prokuratura",), ("prokuratury",), (r"\bprosecutor(?:'s office|s)?\b",), takes_tail=True
    ),
    Institution("policja", ("policja",), ("policji",), (r"\bpolice\b",)),
    Institution("sąd", ("sąd",), ("sądu",), (r"\b(?:(?!the\b)(?-i:[A-Z])\w+ )?court\b",), takes_tail=True),
)


@dataclass(frozen=True)
class Speaker:
    """Who makes a claim: the Polish base form, and the institution when it is one."""

    name: str
    institution: Institution | None = None


@dataclass(frozen=True)
class Mention:
    """A run of name tokens, or an institution, at tokens ``[start, end)`` of a sentence."""

    start: int
    end: int
    words: tuple[str, ...]
    institution: Speaker | None = None  # already in base form
    nominative: bool = True  # the words read as nominative (an unknown word always does)


def tokenize(text: str) -> list[Token]:
    """Words (hyphenated ones whole), numbers and single punctuation marks."""
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        prev = tokens[-1].text if tokens else None
        initial = prev is None or prev in DASHES or prev in OPEN_QUOTES or prev in ("(", ":")
        tokens.append(Token(m.group(), m.start(), initial))
    return tokens


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    return polish_lexicon().lemmatize(word)


@lru_cache(maxsize=65536)
def is_known(word: str) -> bool:
    """simplemma knows ``word`` as a Polish word form."""
    return polish_lexicon().is_known(word)


@lru_cache(maxsize=65536)
def is_name_token(text: str, initial: bool) -> bool:
    """A capitalised word that is a name, not a sentence-initial or ordinary word."""
    if not text[:1].isalpha() or not text[0].isupper():
        return False
    if any(not part[:1].isupper() for part in re.split(r"[-‐]", text)):
        return False
    if len(text) >= 2 and text.isupper():
        return True  # an acronym: GUS, PiS
    if lemma(text)[:1].islower():
        return False  # Instytutu, Zagranicznej, Prezydent
    low = text.lower()
    return not (initial and is_known(low) and lemma(low)[:1].islower())


def find_mentions(tokens: list[Token]) -> list[Mention]:
    """Institutions and name runs of a sentence, left to right, never overlapping.

    A run may hold name particles between its words (``Ursula von der Leyen``)."""
    found: list[Mention] = []
    k = 0
    while k < len(tokens):
        inst = _institution_at(tokens, k) or _collective_at(tokens, k)
        if inst is not None:
            inst = _with_adjectives(tokens, inst, found[-1].end if found else 0)
            found.append(inst)
            k = inst.end
            continue
        end = k
        while end < len(tokens):
            if is_name_token(tokens[end].text, tokens[end].initial):
                end += 1
                continue
            particles = end
            while particles < len(tokens) and tokens[particles].text in NAME_PARTICLES:
                particles += 1
            if end > k and particles > end and particles < len(tokens) and is_name_token(tokens[particles].text, False):
                end = particles
                continue
            break
        if end == k:
            k += 1
            continue
        words = tuple(t.text for t in tokens[k:end])
        found.append(Mention(k, end, words, nominative=looks_nominative(words[-1])))
        k = end
    return found


def speaker_of(mention: Mention, *, genitive: bool, full_names: dict[str, str]) -> Speaker:
    """The base-form :class:`Speaker` of a mention read in the nominative or the genitive."""
    if mention.institution is not None:
        return mention.institution
    words = list(mention.words)
    if genitive:
        run = _genitive_run(words)
        if len(run) > 1 and _uninflected(run[0]):
            run = run[:1]  # "Według ustaleń Bellingcat Gebrew był …": the source, then the clause's subject
        words = [genitive_to_base(w) for w in run[-2:]]
    else:
        while len(words) > 1 and (not looks_nominative(words[0]) or _is_acronym(words[0])):
            words = words[1:]  # "Kazachstanu Kasym-Żomart Tokajew", "MSZ FR Maria Zacharowa" → the person
        words = _last_name_words(words)
    name = " ".join(words)
    return Speaker(full_names.get(name, name) if len(words) == 1 else name)


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _uninflected(word: str) -> bool:
    """A name with no case ending where a genitive is due: a foreign body (``Bellingcat``) or an acronym."""
    return _is_acronym(word) or (word[-1] not in _VOWELS and not is_known(word))


def _last_name_words(words: list[str]) -> list[str]:
    """At most three name words, with the particles between them (``Ursula von der Leyen``)."""
    kept: list[str] = []
    names = 0
    for word in reversed(words):
        if word not in NAME_PARTICLES:
            if names == 3:
                break
            names += 1
        kept.append(word)
    while kept and kept[-1] in NAME_PARTICLES:
        kept.pop()
    return list(reversed(kept))


def _genitive_run(words: list[str]) -> list[str]:
    """Cut a genitive name where a known nominative word begins the next clause.

    ``Lassili Rosja`` → ``Lassili``; an indeclinable female surname stays after a
    declined female given name: ``Anny Nowak``.
    """
    kept = words[:1]
    for word in words[1:]:
        nominative = lemma(word) == word and is_known(word)
        prev = kept[-1]
        after_female_name = lemma(prev) != prev and lemma(prev).endswith("a") and word[-1] not in _VOWELS
        if nominative and not after_female_name:
            break
        kept.append(word)
    return kept


def full_names(doc: Document) -> dict[str, str]:
    """Surname → the first name of two or three words ending with it in the article: a nominative
    one where there is one, else one declined back from the genitive."""
    nominative: dict[str, str] = {}
    oblique: dict[str, str] = {}
    for block in doc.blocks:
        for sentence in block.sentences:
            for m in find_mentions(tokenize(sentence.source)):
                if m.institution is not None:
                    continue
                if m.nominative:
                    name = speaker_of(m, genitive=False, full_names={}).name
                else:  # "według ekonomisty Piotra Nowaka" names Piotr Nowak too
                    name = speaker_of(m, genitive=True, full_names={}).name
                parts = name.split()
                if len(parts) >= 2:
                    (nominative if m.nominative else oblique).setdefault(parts[-1], name)
            nominative.update((k, v) for k, v in _acronyms(tokenize(sentence.source)).items() if k not in nominative)
    return oblique | nominative


def _acronyms(tokens: list[Token]) -> dict[str, str]:
    """Acronym → the capitalised words it stands for, in the nominative: PE → Parlament Europejski."""
    found: dict[str, str] = {}
    k = 0
    while k < len(tokens):
        end = k
        while (
            end < len(tokens)
            and tokens[end].is_word
            and tokens[end].text[0].isupper()
            and not tokens[end].text.isupper()
        ):
            end += 1
        words = [t.text for t in tokens[k:end]]
        first = words[0].lower() if words else ""
        nominative = bool(words) and (looks_nominative(words[0]) or is_known(first) and lemma(first) == first)
        if 2 <= len(words) <= 5 and nominative:  # "Najwyższa Izba Kontroli", "Parlament Europejski", not "Koalicji …"
            found.setdefault("".join(w[0] for w in words), " ".join(words))
        k = max(end, k + 1)
    return found


def _institution_at(tokens: list[Token], k: int) -> Mention | None:
    window = tuple(t.lower for t in tokens[k : k + 2])
    for inst in INSTITUTIONS:
        for form, nominative in inst.forms():
            if window[: len(form)] != form:
                continue
            end, tail = k + len(form), list[str]()
            while inst.takes_tail and end < len(tokens) and tokens[end].is_word and tokens[end].text[0].isupper():
                word = tokens[end].text
                tail.append(word if nominative or tail else _adjective_base(word))
                end += 1
            name = " ".join([inst.name[0].upper() + inst.name[1:], *tail]) if tail else inst.name
            words = tuple(t.text for t in tokens[k:end])
            return Mention(k, end, words, Speaker(name, inst), nominative)
    return None


def _collective_at(tokens: list[Token], k: int) -> Mention | None:
    if tokens[k].lower not in COLLECTIVE_HEADS:
        return None
    return Mention(k, k + 1, (tokens[k].text,), Speaker(tokens[k].lower), True)


def is_adjective(tok: Token) -> bool:
    """A Polish adjective form (``rosyjska``, ``czeskie``, ``centroprawicowa``), by its lemma."""
    low = tok.lower
    if not tok.is_word or len(low) < 4 or not is_known(low):
        return False
    return lemma(low).endswith(("y", "i"))


def _with_adjectives(tokens: list[Token], mention: Mention, floor: int) -> Mention:
    """A nominative institution or collective with the adjectives around it: "bułgarska prokuratura",
    "strona rosyjska", "Rosyjskie media" (named as the sentence writes them)."""
    speaker = mention.institution
    if speaker is None or not mention.nominative or len(speaker.name.split()) > 1:
        return mention
    start, end = mention.start, mention.end
    before = tokens[start - 1] if start > floor else None
    if before is not None and (before.text[0].islower() or before.initial) and is_adjective(before):
        start -= 1
    if end < len(tokens) and tokens[end].text[0].islower() and is_adjective(tokens[end]):
        end += 1
    if (start, end) == (mention.start, mention.end):
        return mention
    words = tuple(t.text for t in tokens[start:end])
    return Mention(start, end, words, Speaker(" ".join(words), speaker.institution), True)


def _adjective_base(word: str) -> str:
    """An adjective right after a genitive institution: Najwyższego → Najwyższy, Krajowej → Krajowa."""
    if word.endswith("ego") and len(word) > 4:
        return word[:-3] + ("i" if word[-4] in "kg" else "y")
    if word.endswith("ej") and len(word) > 3:
        return word[:-2] + "a"
    return word
