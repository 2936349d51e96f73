"""What kind of sentence this is, read from its Polish words: a fact, a question, an aside.

Signals the claim ranking weighs (:mod:`translator.summarize.ranking`):

* :func:`fact_weight` — numbers, shares and amounts (``3,1 proc.``, ``60%``, ``4,7 mld
  euro``), votes and decisions (``290 posłów głosowało za``, ``Sejm uchwalił``, ``rząd
  przyjął projekt``): the news itself rather than talk about it;
* :func:`is_question` — a question, which states nothing;
* :func:`is_author_aside` — the writer's own aside (``Warto dodać, że …``, ``Trzeba
  przypomnieć …``, ``Dodajmy, że …``): no speaker, and background rather than news;
* :func:`is_first_person` — a speaker talking about themselves (``Cieszę się …``);
* :func:`is_teaser` — a line that points at what follows instead of stating it
  (``Oto kraje, w których …``, ``Sprawdź, ile …``, ``Zobacz, jak …``);
* :func:`is_hypothetical` — what would have happened (``Gdyby umowa upadła, …``):
  background, not the news;
* :func:`is_prescriptive` — what someone thinks should be done (``Komitet powinien …``):
  a recommendation, not an event.
"""

from __future__ import annotations

from translator.summarize.speakers import Token, lemma

# Units and amounts that make a number a measured fact.
AMOUNT_WORDS = frozenset(
    """proc procent procentowy % mld mln tys zł złoty euro dolar dol funt rubel hrywna tona km
    osoba głos poseł europoseł senator radny""".split()
)
# Lemmas of votes and decisions: the event a news story reports.
DECISION_LEMMAS = frozenset(
    """głosować zagłosować uchwalić uchwalać przyjąć przyjmować poprzeć popierać zatwierdzić
    zatwierdzać odrzucić odrzucać ratyfikować podpisać zawetować wetować zdecydować postanowić
    wydalić zakazać znieść wprowadzić nałożyć obniżyć podnieść podwyższyć ogłosić wybrać
    powołać odwołać skazać uniewinnić aresztować zatrzymać wygrać pokonać awansować
    wynieść wzrosnąć spaść zmaleć planować zamierzać""".split()
)
DECISION_NOUNS = frozenset(
    """głosowanie decyzja ustawa uchwała rezolucja wyrok umowa porozumienie projekt
    ratyfikacja rozporządzenie budżet wynik""".split()
)
# How the writer's own asides open.
ASIDE_OPENINGS: tuple[tuple[str, ...], ...] = (
    ("warto", "dodać"),
    ("warto", "przypomnieć"),
    ("warto", "zaznaczyć"),
    ("warto", "podkreślić"),
    ("warto", "zauważyć"),
    ("warto", "wspomnieć"),
    ("trzeba", "dodać"),
    ("trzeba", "przypomnieć"),
    ("trzeba", "zaznaczyć"),
    ("trzeba", "podkreślić"),
    ("należy", "dodać"),
    ("należy", "przypomnieć"),
    ("należy", "zaznaczyć"),
    ("należy", "podkreślić"),
    ("należy", "zauważyć"),
    ("przypomnijmy",),
    ("dodajmy",),
    ("zaznaczmy",),
    ("przypomnę",),
    ("jak", "informowaliśmy"),
    ("jak", "pisaliśmy"),
    ("jak", "już", "pisaliśmy"),
    ("jak", "już", "informowaliśmy"),
    ("jak", "wynika", "z", "naszych"),
    ("co", "ciekawe"),
)
# How a teaser opens: it promises content ("Here are…", "See how…") rather than stating it.
TEASER_OPENINGS = frozenset("oto sprawdź sprawdźcie zobacz zobaczcie dowiedz przeczytaj czytaj poznaj".split())
# Conjunctions of a counterfactual condition ("gdyby", "jeśliby", "jeżeliby", "gdyby nie").
HYPOTHETICAL_OPENINGS = frozenset("gdyby gdybyśmy jeśliby jeżeliby".split())
# "Should": powinien, powinna, powinno, powinni, powinny, powinniśmy, powinnam …
PRESCRIPTIVE_PREFIX = "powinn"
PRESCRIPTIVE_WORDS = frozenset({"powinien", "trzeba"})  # "Trzeba pilnować, by …"
FIRST_PERSON_WORDS = frozenset(
    "ja mnie mi mną my nas nam nami mój moja moje mojego nasz nasza nasze naszego mam mamy jestem jesteśmy".split()
)
_SKIP = frozenset('- – — „ " ( ,'.split())


def content_words(tokens: list[Token]) -> list[Token]:
    """The words of a sentence, past an opening dash or quote."""
    return [t for t in tokens if t.is_word]


def fact_weight(tokens: list[Token]) -> float:
    """0..1: how much the sentence reads as a measured fact, a vote or a decision."""
    weight = 0.0
    numbers = [i for i, t in enumerate(tokens) if t.text[0].isdigit()]
    if numbers:
        weight += 0.4
        following = (_past_digit_groups(tokens, i) for i in numbers)
        after = {tokens[j].lower.rstrip(".") for j in following if j < len(tokens)}
        after |= {lemma(w) for w in after if w.isalpha()}
        if after & AMOUNT_WORDS:
            weight += 0.3
    lemmas = {lemma(t.lower) for t in tokens if t.is_word}
    if lemmas & DECISION_LEMMAS:
        weight += 0.3
    if lemmas & DECISION_NOUNS:
        weight += 0.15
    return min(1.0, weight)


def _past_digit_groups(tokens: list[Token], i: int) -> int:
    """The index of the token after the number at ``i``, past the thousands groups of
    ``4 000`` or ``1 400 000`` (Polish separates thousands with a space)."""
    j = i + 1
    while j < len(tokens) and len(tokens[j].text) == 3 and tokens[j].text.isdigit():
        j += 1
    return j


def is_question(text: str) -> bool:
    return text.rstrip().rstrip('”"»)').endswith("?")


def is_author_aside(tokens: list[Token]) -> bool:
    """``Warto dodać, że …``, ``Przypomnijmy, …``: the writer's aside, not a quotation."""
    if tokens and tokens[0].text in _SKIP:
        return False  # "– Warto podkreślić, że …" opens a quotation: the speaker's words
    words = tuple(t.lower for t in content_words(tokens)[:4])
    return any(words[: len(opening)] == opening for opening in ASIDE_OPENINGS)


def is_first_person(tokens: list[Token]) -> bool:
    """A verb or pronoun in the first person: ``Cieszę się``, ``mam poczucie``, ``nasz projekt``."""
    for tok in content_words(tokens):
        low = tok.lower
        if low in FIRST_PERSON_WORDS or low.endswith(("łem", "łam", "liśmy", "łyśmy")):
            return True
        if len(low) > 3 and low.endswith(("ę", "emy", "imy", "amy", "ymy")) and lemma(low).endswith("ć"):
            return True  # present tense: cieszę, apeluję, zrównujemy (a verb, so not "szansę")
    return False


def is_teaser(tokens: list[Token]) -> bool:
    """``Oto kraje, w których …``, ``Sprawdź, ile zarobisz``: a line that announces what follows."""
    if tokens and tokens[0].text in _SKIP:
        return False  # a quotation's words
    words = content_words(tokens)
    return bool(words) and words[0].lower in TEASER_OPENINGS


def is_hypothetical(tokens: list[Token]) -> bool:
    """``Gdyby umowa nie została poparta, …``: a counterfactual, which reports no event."""
    words = content_words(tokens)
    return bool(words) and words[0].lower in HYPOTHETICAL_OPENINGS


def is_prescriptive(tokens: list[Token]) -> bool:
    """``Komitet powinien brać udział …``, ``Trzeba pilnować, by …``: a recommendation.

    Not ``musi``: ``Decyzję musi jeszcze podjąć Senat`` states what happens next."""
    return any(t.lower in PRESCRIPTIVE_WORDS or t.lower.startswith(PRESCRIPTIVE_PREFIX) for t in content_words(tokens))
