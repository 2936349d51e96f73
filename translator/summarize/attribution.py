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
from translator.summarize.carryover import Context, verb_gender
from translator.summarize.demonyms import demonym_stem, same_side
from translator.summarize.impersonal import impersonal_agent
from translator.summarize.opinion import GENERIC_ROLES, NOT_ROLE_WORDS, opinion
from translator.summarize.signals import is_author_aside
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
from translator.summarize.subjects import mention_in_clause, role_word, subject_before, subject_left_out

REPORTING_LEMMAS = frozenset(
    """mówić powiedzieć uważać dodawać dodać twierdzić oceniać ocenić przestrzec przestrzegać
    zapowiadać zapowiedzieć podkreślać podkreślić komentować skomentować zauważyć zauważać
    stwierdzić stwierdzać oświadczyć oświadczać przyznać przyznawać zaznaczyć zaznaczać
    informować poinformować ostrzegać ostrzec wyjaśniać wyjaśnić tłumaczyć przekonywać
    zapewniać zapewnić argumentować deklarować zadeklarować ogłosić ogłaszać apelować
    zaapelować alarmować przypominać przypomnieć napisać potwierdzić potwierdzać zaprzeczyć
    zaprzeczać sugerować zasugerować zdradzić relacjonować wskazać wskazywać wezwać wzywać wyrazić
    wyrażać przekazać przekazywać konkludować pisać podać odpowiedzieć zdementować ukrywać""".split()
)
REPORTING_FORMS = frozenset(
    """mówi uważa dodaje dodał dodała twierdzi ocenia ocenił przestrzegł przestrzega zapowiada
    zapowiedział podkreśla podkreślił skomentował zauważył stwierdził oświadczył przyznał
    zaznaczył powiedział powiedziała poinformował ostrzega ostrzegł""".split()
)
CONTENT_OPENERS = frozenset({"że", "iż", ":"}) | OPEN_QUOTES
PEOPLE = "people:"  # carry of a demonym subject: "people:Rosjanie"
BODY_DECISIONS = frozenset("poprzeć przyjąć uchwalić zatwierdzić odrzucić zdecydować postanowić ratyfikować".split())


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
    carry: str | None = None  # the subject is left out or a pronoun: a gender code for Context.last
    role: str | None = None  # the subject is a bare role word ("Premier zapowiedział")
    verb: str = ""


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
    context = Context()
    out: dict[tuple[int, int], Attribution] = {}
    previous: list[tuple[int, int]] = []
    for block in doc.blocks:
        if block.kind != "paragraph":
            continue
        read = []
        for s in block.sentences:
            tokens = tokenize(s.source)
            mentions = find_mentions(tokens)
            read.append((tokens, mentions, _analyse(tokens, mentions, names)))
        attributions = _paragraph_pass(read, context, names)
        keys = [(block.id, s.id) for s in block.sentences]
        out.update(zip(keys, attributions, strict=False))
        if _closes_previous(read, attributions):  # "— zaznaczył." alone: the paragraph before was the quote
            speaker = attributions[0].speaker
            for key in previous:
                if out[key].speaker is None:
                    out[key] = Attribution("quote", "quote", speaker)
        previous = keys
    return out


def _closes_previous(read: list[tuple[list[Token], list[Mention], _Local]], attributions: list[Attribution]) -> bool:
    if len(read) != 1 or attributions[0].speaker is None:
        return False
    tokens, _, local = read[0]
    return local.attribution.speaker is None and local.carry is not None and bool(tokens) and tokens[0].text in DASHES


def _resolve(local: _Local, recent: Speaker | None, context: Context) -> Speaker | None:
    att = local.attribution
    if att.speaker is not None:
        return att.speaker
    if local.role is not None and (speaker := context.role(local.role)) is not None:
        return speaker
    if local.follows_recent and recent is not None:
        return recent
    if local.carry is not None and local.carry.startswith(PEOPLE):
        people = local.carry.removeprefix(PEOPLE)
        return same_side(demonym_stem(people) or people, [s for s, _ in context.named]) or Speaker(people)
    if local.carry is not None and local.carry.startswith("previous"):
        gender = local.carry.removeprefix("previous")
        return context.just_named(gender) or context.last(gender, recent)
    if local.carry is not None:
        return context.last(local.carry, recent)
    return None


def _paragraph_pass(
    read: Sequence[tuple[list[Token], list[Mention], _Local]], context: Context, names: dict[str, str]
) -> list[Attribution]:
    locals_ = [r[2] for r in read]
    result = [a.attribution for a in locals_]
    recent: Speaker | None = None

    def note(k: int, speaker: Speaker | None, verb: str) -> None:
        if speaker is not None:
            context.note_speaker(speaker, verb)
        context.note_sentence(read[k][0], read[k][1], names)

    i = 0
    while i < len(locals_):
        here = locals_[i]
        if not (here.opens_quote and not here.closes_quote):
            att = here.attribution
            speaker = _resolve(here, recent, context)
            result[i] = Attribution(att.cue, att.kind, speaker)
            note(i, speaker, here.verb)
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
            speaker = _resolve(locals_[closer], recent, context)
        else:
            before = result[i - 1] if i > 0 else None
            speaker = before.speaker if before and before.kind in ("statement", "report") else None
        for k in run:
            own = locals_[k].attribution
            cue, kind = (own.cue, own.kind) if k == closer else ("quote", "quote")
            result[k] = Attribution(cue, kind, speaker)
            note(k, speaker if k == run[-1] else None, locals_[k].verb)
        recent = speaker or recent
        i = j
    return result


def _analyse(tokens: list[Token], mentions: list[Mention], names: dict[str, str]) -> _Local:
    opens = bool(tokens) and tokens[0].text in DASHES
    if is_author_aside(tokens):
        return _Local(Attribution())  # "Warto dodać, że …": the writer's own words
    verb = _best_verb(tokens, mentions, names)
    if verb is not None:
        local = _Local(
            verb.attribution, verb.follows_recent, opens, verb.inverted, True, verb.carry, verb.role, verb.word
        )
        if verb.attribution.kind == "statement" and (
            verb.attribution.speaker or verb.follows_recent or verb.carry is not None or verb.role
        ):
            return local
    unnamed = verb is None or not (verb.attribution.speaker or verb.follows_recent or verb.carry or verb.role)
    if unnamed and (agent := impersonal_agent(tokens, mentions, names)) is not None:
        return _Local(Attribution("impersonal", "statement", agent), opens_quote=opens, has_verb=True)
    found = opinion(tokens, mentions, names)
    if found is not None:
        cue, speaker, carry = found
        att = Attribution(cue, "opinion", speaker)
        inverted = verb is not None and verb.inverted
        return _Local(
            att, carry == "paragraph", opens, inverted, verb is not None, None if carry == "paragraph" else carry
        )
    if verb is not None:
        return local
    if opens or _has_quotation(tokens):
        return _Local(Attribution("quote", "quote"), opens_quote=opens)
    return _Local(Attribution())


@dataclass(frozen=True)
class _Verb:
    attribution: Attribution
    inverted: bool  # "… – mówi X": the verb closes a quotation
    follows_recent: bool
    carry: str | None
    role: str | None
    word: str


def _best_verb(tokens: list[Token], mentions: list[Mention], names: dict[str, str]) -> _Verb | None:
    """The strongest reporting verb and where its speaker stands, or None.

    After a dash or closing quote the speaker follows the verb, past any words in its
    clause (``– mówił w Sejmie premier Mateusz Morawiecki``); otherwise it is the
    nearest nominative name before the verb in its clause (the first of ``X i Y``
    for a plural verb), else one after it (``ogłosił … lider PSL Władysław
    Kosiniak-Kamysz``), else a bare role word, else nobody named: carried over.
    """
    best, best_rank = None, None
    for i, tok in enumerate(tokens):
        if not _is_reporting_verb(tokens, i):
            decided = _body_decision(tokens, mentions, i, names)
            if decided is not None and best is None:
                best, best_rank = _Verb(decided, False, False, None, None, tok.text), (True, False)
            continue
        inverted = _after_dash_or_quote(tokens, i)
        gender = verb_gender(tok.text)
        after = mention_in_clause(tokens, mentions, i + 1)
        follows_recent, carry, role = False, None, None
        speaker: Speaker | None = None
        if inverted and after is not None:
            speaker = speaker_of(after, genitive=False, full_names=names)
        elif inverted:
            follows_recent = _bare_attribution(tokens, i + 1)
            if follows_recent and not _generic_role_follows(tokens, i + 1):
                carry = gender
        else:
            before = subject_before(tokens, mentions, i, plural=gender == "pl")
            if before is not None:
                speaker = speaker_of(before, genitive=False, full_names=names)
            elif i > 0 and demonym_stem(tokens[i - 1].text):
                carry = PEOPLE + tokens[i - 1].text  # "Rosjanie twierdzą": the side named before, or the people
            elif after is not None:
                speaker = speaker_of(after, genitive=False, full_names=names)
            elif (word := role_word(tokens, i)) is not None:
                role = word
            elif subject_left_out(tokens, i):
                carry = gender
        content = inverted or _opens_content(tokens, after.end if after is not None and speaker else i + 1)
        att = Attribution(tok.lower, "statement" if content else "report", speaker)
        rank = (speaker is not None or follows_recent or carry is not None or role is not None, content)
        if best_rank is None or rank > best_rank:
            best, best_rank = _Verb(att, inverted, follows_recent, carry, role, tok.text), rank
    return best


def _body_decision(tokens: list[Token], mentions: list[Mention], i: int, names: dict[str, str]) -> Attribution | None:
    """A body deciding (``PE poparł rezolucję``, ``Sejm uchwalił ustawę``): the body reports its decision."""
    low = tokens[i].lower
    if not tokens[i].is_word or lemma(low) not in BODY_DECISIONS or not low.endswith(("ł", "ła", "ło", "li", "ły")):
        return None
    before = subject_before(tokens, mentions, i, plural=False)
    if before is None or not (before.institution is not None or all(w.isupper() for w in before.words)):
        return None
    return Attribution(low, "report", speaker_of(before, genitive=False, full_names=names))


def _generic_role_follows(tokens: list[Token], k: int) -> bool:
    while k < len(tokens) and tokens[k].is_word:
        if tokens[k].lower in GENERIC_ROLES:
            return True
        k += 1
    return False


def _is_reporting_verb(tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    low = tok.lower
    if not tok.is_word or low.endswith(("śmy", "łem", "łam", "imy", "emy", "amy", "ę", "ście", "ć")):
        return False  # first person (the newsroom, a speaker about themselves), or an infinitive ("Warto dodać")
    if not low.endswith(("a", "e", "i", "y", "o", "ł", "ą")):
        return False  # an imperative ("Dodaj", "Napisz"): an instruction, not a report
    if i + 1 < len(tokens) and tokens[i + 1].lower == "sobie":
        return False  # "zapewniła sobie awans": secured, not said
    if lemma(low) in ("powołać", "powoływać") and i + 1 < len(tokens) and tokens[i + 1].lower == "się":
        return True  # "powołuje się na dane …": citing a source
    if lemma(low) == "bić" and [t.lower for t in tokens[i + 1 : i + 3]] == ["na", "alarm"]:
        return True  # "biją na alarm, że …"
    return low in REPORTING_FORMS or lemma(low) in REPORTING_LEMMAS


def _after_dash_or_quote(tokens: list[Token], i: int) -> bool:
    """Inside the sentence, right after ``–`` or a closing quote (``… – mówi``, ``” – dodał``)."""
    if i == 1 and tokens[0].text in DASHES:
        return True  # "— zaznaczył.": the attribution alone, closing the quotation before it
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
