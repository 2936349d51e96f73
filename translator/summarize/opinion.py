"""Whose view a sentence gives: ``według X``, ``zdaniem X``, ``w opinii X``, ``jego zdaniem``."""

from __future__ import annotations

from translator.summarize.bodies import organisation_at
from translator.summarize.speakers import Mention, Speaker, Token, speaker_of

OPINION_PHRASES = (("według",), ("zdaniem",), ("w", "opinii"), ("w", "ocenie"))
PRONOUN_GENDER = {"niego": "m", "niej": "f", "nich": "", "jego": "m", "jej": "f", "ich": ""}
GENERIC_ROLES = frozenset(
    """ekspert eksperta ekspertka ekspertki naukowiec naukowca analityk analityka analityczka
    analityczki badacz badacza badaczka badaczki rozmówca rozmówcy rozmówczyni politolog
    politologa specjalista specjalisty specjalistka profesor profesora""".split()
)
NOT_ROLE_WORDS = frozenset("w we z ze na do o od po przy i a oraz że iż się to nie".split())


def skip_roles(tokens: list[Token], k: int, limit: int = 4) -> int:
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


def opinion(
    tokens: list[Token], mentions: list[Mention], names: dict[str, str]
) -> tuple[str, Speaker | None, str | None] | None:
    """``według X`` / ``zdaniem X`` / ``jego zdaniem``: (cue, speaker, carry) or None.

    ``carry`` is None when X is named, ``"paragraph"`` for a generic role (``zdaniem
    ekspertów``: the paragraph's speaker), the gender of a pronoun (``jej zdaniem``) for
    :meth:`Context.last`, or ``"previous"`` and a gender for ``według niego/niej/nich``:
    the source the sentence before named last.  X may be a person, a body written as
    a name (``według danych Głównego Urzędu Statystycznego`` → Główny Urząd
    Statystyczny) or an uninflected source (``według ustaleń Bellingcat``).
    """
    for i in range(len(tokens)):
        for phrase in OPINION_PHRASES:
            if tuple(t.lower for t in tokens[i : i + len(phrase)]) != phrase:
                continue
            cue = " ".join(phrase)
            k = i + len(phrase)
            if phrase == ("zdaniem",) and i > 0 and tokens[i - 1].lower in PRONOUN_GENDER:
                return cue, None, PRONOUN_GENDER[tokens[i - 1].lower]
            if phrase != ("zdaniem",) and k < len(tokens) and tokens[k].lower in ("niego", "niej", "nich"):
                return cue, None, "previous" + PRONOUN_GENDER[tokens[k].lower]  # "według nich": the source just named
            start = skip_roles(tokens, k)
            body = organisation_at(tokens, start)
            if body is not None:
                return cue, body, None
            found = next((m for m in mentions if m.start == start), None)
            if found is not None:
                return cue, speaker_of(found, genitive=True, full_names=names), None
            if any(t.lower in GENERIC_ROLES for t in tokens[k:start]):
                return cue, None, "paragraph"
    return None
