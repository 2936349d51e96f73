"""Who makes a claim: reporting verbs, quotations and speakers, on the Polish side.

:func:`attribute_sentences` gives every paragraph sentence an :class:`Attribution`:
the cue that makes it a claim (a reporting verb, ``według`` / ``zdaniem``, quoted
words), its kind, and its speaker.  *What* a name is and its base form is
:mod:`translator.summarize.speakers`; this module decides *where* the speaker stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from translator.document import Document
from translator.summarize.speakers import (
    CLOSE_QUOTES,
    DASHES,
    OPEN_QUOTES,
    Mention,
    Speaker,
    Token,
    find_mentions,
    full_names,
    lemma,
    speaker_of,
    tokenize,
)

REPORTING_LEMMAS = frozenset(
    """mówić powiedzieć uważać dodawać dodać twierdzić oceniać ocenić przestrzec przestrzegać
    zapowiadać zapowiedzieć podkreślać podkreślić komentować skomentować zauważyć zauważać
    stwierdzić stwierdzać oświadczyć oświadczać przyznać przyznawać zaznaczyć zaznaczać
    informować poinformować ostrzegać ostrzec wyjaśniać wyjaśnić tłumaczyć przekonywać
    zapewniać zapewnić argumentować deklarować zadeklarować ogłosić ogłaszać apelować
    zaapelować alarmować przypominać przypomnieć napisać potwierdzić potwierdzać zaprzeczyć
    zaprzeczać sugerować zasugerować zdradzić relacjonować""".split()
)
REPORTING_FORMS = frozenset(
    """mówi uważa dodaje dodał dodała twierdzi ocenia ocenił przestrzegł przestrzega zapowiada
    zapowiedział podkreśla podkreślił skomentował zauważył stwierdził oświadczył przyznał
    zaznaczył powiedział powiedziała poinformował ostrzega ostrzegł""".split()
)
OPINION_PHRASES = (("według",), ("zdaniem",), ("w", "opinii"), ("w", "ocenie"))
GENERIC_ROLES = frozenset(
    """ekspert eksperta ekspertka ekspertki naukowiec naukowca analityk analityka analityczka
    analityczki badacz badacza badaczka badaczki rozmówca rozmówcy rozmówczyni politolog
    politologa specjalista specjalisty specjalistka profesor profesora""".split()
)
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "że", "iż", "który", "która", "które", "aby", "bo"})
NOT_ROLE_WORDS = frozenset("w we z ze na do o od po przy i a oraz że iż się to nie".split())
CONTENT_OPENERS = frozenset({"że", "iż", ":"}) | OPEN_QUOTES


@dataclass(frozen=True)
class Attribution:
    """Why a sentence reads as a claim, and who makes it.

    ``kind``: ``statement`` (a reporting verb introducing content, or a quote's
    closing ``– mówi X``), ``opinion`` (według / zdaniem …), ``quote`` (quoted
    words with no verb of their own), ``report`` (a reporting verb with no content,
    ``skomentował sytuację``) or None.  ``cue`` is the matched word or phrase.
    """

    cue: str | None = None
    kind: str | None = None
    speaker: Speaker | None = None


@dataclass(frozen=True)
class _Local:
    """What one sentence says by itself, before the paragraph pass."""

    attribution: Attribution
    follows_recent: bool = False  # "– dodaje ekspert." / "jego zdaniem": the paragraph's last speaker
    opens_quote: bool = False  # starts with a dash
    closes_quote: bool = False  # carries a dash attribution (… – mówi X)
    has_verb: bool = False


def attribute_sentences(doc: Document) -> dict[tuple[int, int], Attribution]:
    """An :class:`Attribution` for every sentence of every paragraph block.

    Per sentence: a reporting verb after a dash or closing quote (``– mówi Tuomas
    Forsberg``) takes the name right after it, and a bare generic role (``– dodaje
    ekspert.``) or nothing means the paragraph's most recent speaker; any other
    reporting verb takes the nearest nominative name or institution before it in
    its clause (``Jussi Lassila uważa``, ``Kreml … przestrzegł``), else one right
    after it; ``według`` / ``zdaniem`` / ``w opinii`` / ``w ocenie`` take the
    genitive name that follows (``zdaniem Lassili`` → Lassila), ``jego zdaniem``
    the most recent speaker.  Per paragraph: a quotation opened by a dash runs on
    until a sentence closes it with an attribution; without one it belongs to the
    speaker of the sentence before it (``Tokajew skomentował. – Doceniam …``).
    """
    names = full_names(doc)
    out: dict[tuple[int, int], Attribution] = {}
    for block in doc.blocks:
        if block.kind != "paragraph":
            continue
        locals_ = [_analyse(tokenize(s.source), names) for s in block.sentences]
        for sentence, attribution in zip(block.sentences, _paragraph_pass(locals_), strict=False):
            out[(block.id, sentence.id)] = attribution
    return out


def _paragraph_pass(locals_: Sequence[_Local]) -> list[Attribution]:
    result = [a.attribution for a in locals_]
    recent: Speaker | None = None
    i = 0
    while i < len(locals_):
        here = locals_[i]
        if not (here.opens_quote and not here.closes_quote):
            att = here.attribution
            speaker = att.speaker or (recent if here.follows_recent else None)
            result[i] = Attribution(att.cue, att.kind, speaker)
            recent = speaker or recent
            i += 1
            continue
        run, closer, j = [i], None, i + 1
        while j < len(locals_):
            nxt = locals_[j]
            if nxt.opens_quote or (not nxt.closes_quote and (nxt.attribution.speaker or nxt.has_verb)):
                break  # a new quotation, or a sentence with its own speaker
            run.append(j)
            j += 1
            if nxt.closes_quote:
                closer = j - 1
                break
        if closer is not None:
            c = locals_[closer]
            speaker = c.attribution.speaker or (recent if c.follows_recent else None)
        else:
            before = result[i - 1] if i > 0 else None
            speaker = before.speaker if before and before.kind in ("statement", "report") else None
        for k in run:
            own = locals_[k].attribution
            cue, kind = (own.cue, own.kind) if k == closer else ("quote", "quote")
            result[k] = Attribution(cue, kind, speaker)
        recent = speaker or recent
        i = j
    return result


def _analyse(tokens: list[Token], names: dict[str, str]) -> _Local:
    mentions = find_mentions(tokens)
    opens = bool(tokens) and tokens[0].text in DASHES
    verb = _best_verb(tokens, mentions, names)
    if verb is not None:
        att, inverted, follows_recent = verb
        local = _Local(att, follows_recent, opens, inverted, True)
        if att.kind == "statement" and (att.speaker or follows_recent):
            return local
    opinion = _opinion(tokens, mentions, names)
    if opinion is not None:
        return _Local(opinion[0], opinion[1], opens, verb is not None and verb[1], verb is not None)
    if verb is not None:
        return local
    if opens or _has_quotation(tokens):
        return _Local(Attribution("quote", "quote"), opens_quote=opens)
    return _Local(Attribution())


def _best_verb(
    tokens: list[Token], mentions: list[Mention], names: dict[str, str]
) -> tuple[Attribution, bool, bool] | None:
    """(Attribution, inverted, follows_recent) for the strongest reporting verb, or None."""
    best, best_rank = None, None
    for i, tok in enumerate(tokens):
        if not _is_reporting_verb(tok):
            continue
        inverted = _after_dash_or_quote(tokens, i)
        after = _mention_after(tokens, mentions, i + 1)
        follows_recent = False
        speaker: Speaker | None = None
        if inverted and after is not None:
            speaker = speaker_of(after, genitive=False, full_names=names)
        elif inverted:
            follows_recent = _bare_attribution(tokens, i + 1)
        else:
            before = _subject_before(tokens, mentions, i)
            if before is not None:
                speaker = speaker_of(before, genitive=False, full_names=names)
            elif after is not None and after.nominative:
                speaker = speaker_of(after, genitive=False, full_names=names)
        content = inverted or _opens_content(tokens, after.end if after is not None and speaker else i + 1)
        att = Attribution(tok.lower, "statement" if content else "report", speaker)
        rank = (speaker is not None or follows_recent, content)
        if best_rank is None or rank > best_rank:
            best, best_rank = (att, inverted, follows_recent), rank
    return best


def _is_reporting_verb(tok: Token) -> bool:
    low = tok.lower
    if not tok.is_word or low.endswith(("śmy", "łem", "łam", "imy", "emy", "amy", "ę")):
        return False  # first person: the newsroom, or a quoted speaker about themselves
    return low in REPORTING_FORMS or lemma(low) in REPORTING_LEMMAS


def _after_dash_or_quote(tokens: list[Token], i: int) -> bool:
    """Inside the sentence, right after ``–`` or a closing quote (``… – mówi``, ``” – dodał``)."""
    if i < 2:
        return False
    prev = tokens[i - 1].text
    if prev in DASHES or prev in CLOSE_QUOTES:
        return True
    return prev == "," and tokens[i - 2].text in CLOSE_QUOTES


def _opens_content(tokens: list[Token], k: int) -> bool:
    if k < len(tokens) and tokens[k].text == ",":
        k += 1
    return k < len(tokens) and (tokens[k].lower in CONTENT_OPENERS or tokens[k].text in DASHES)


def _bare_attribution(tokens: list[Token], k: int) -> bool:
    """``– dodaje ekspert.`` / ``– dodał.``: a generic role, or nothing, before the clause ends."""
    while k < len(tokens) and tokens[k].is_word and tokens[k].lower not in NOT_ROLE_WORDS:
        if tokens[k].lower in GENERIC_ROLES:
            return True
        k += 1
    return k == len(tokens) or tokens[k].text in {".", "!", "?", "…"}


def _skip_roles(tokens: list[Token], k: int, limit: int = 4) -> int:
    """Skip lower-case role words and titles: ``poseł``, ``ministra finansów``, ``prof.``."""
    skipped = 0
    while k < len(tokens) and skipped < limit:
        tok = tokens[k]
        if not (tok.is_word and tok.text[0].islower() and tok.lower not in NOT_ROLE_WORDS):
            break
        k, skipped = k + 1, skipped + 1
        if k < len(tokens) and tokens[k].text == "." and len(tok.text) <= 4:
            k += 1
    return k


def _mention_after(tokens: list[Token], mentions: list[Mention], k: int) -> Mention | None:
    start = _skip_roles(tokens, k)
    return next((m for m in mentions if m.start == start), None)


def _subject_before(tokens: list[Token], mentions: list[Mention], i: int) -> Mention | None:
    boundary = 0
    for k in range(i - 1, -1, -1):
        text = tokens[k].text
        if tokens[k].lower in CLAUSE_BREAKS or text in DASHES or text in OPEN_QUOTES or text in CLOSE_QUOTES:
            boundary = k + 1
            break
    candidates = [m for m in mentions if m.start >= boundary and m.end <= i and m.nominative]
    return max(candidates, key=lambda m: m.end) if candidates else None


def _opinion(tokens: list[Token], mentions: list[Mention], names: dict[str, str]) -> tuple[Attribution, bool] | None:
    """(Attribution, follows_recent) for ``według X`` / ``zdaniem X`` / ``jego zdaniem``, or None."""
    for i in range(len(tokens)):
        for phrase in OPINION_PHRASES:
            if tuple(t.lower for t in tokens[i : i + len(phrase)]) != phrase:
                continue
            cue = " ".join(phrase)
            if phrase == ("zdaniem",) and i > 0 and tokens[i - 1].lower in ("jego", "jej"):
                return Attribution(cue, "opinion"), True
            k = i + len(phrase)
            found = _mention_after(tokens, mentions, k)
            if found is not None:
                return Attribution(cue, "opinion", speaker_of(found, genitive=True, full_names=names)), False
            if any(t.lower in GENERIC_ROLES for t in tokens[k : _skip_roles(tokens, k)]):
                return Attribution(cue, "opinion"), True
    return None


def _has_quotation(tokens: list[Token]) -> bool:
    """Quoted words, at least three, between „…” or "…" (not a quoted title like "Ilta-Sanomat")."""
    inside: int | None = None
    for tok in tokens:
        if inside is not None and tok.text in CLOSE_QUOTES:
            if inside >= 3:
                return True
            inside = None
        elif inside is None and tok.text in OPEN_QUOTES:
            inside = 0
        elif inside is not None and tok.is_word:
            inside += 1
    return False
