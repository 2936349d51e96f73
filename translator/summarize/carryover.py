"""Who an unnamed subject is: pronouns, ellipsis and bare roles carried over from earlier sentences.

Polish often leaves the subject out (``Jak podkreśliła, …``, ``Dodał, że …``) or
names it by a pronoun (``Nie ukrywał on, że …``) or a bare role (``Premier
zapowiedział …`` after ``premier Andrej Babiš``).  The past-tense verb carries the
subject's gender and number: ``-ł`` a man, ``-ła`` a woman, ``-li``/``-ły`` (and the
present ``-ą``) several.  :class:`Context` remembers, in reading order, the people
and bodies named so far and the roles they were named with, and answers with the
last one that fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from translator.summarize.declension import is_feminine_name, oblique_to_base
from translator.summarize.speakers import Mention, Speaker, Token, lemma, speaker_of

# Roles a name is introduced with ("premier Andrej Babiš"), which later stand for that person alone.
ROLE_LEMMAS = frozenset(
    """premier wicepremier prezydent minister ministra wiceminister rzecznik rzeczniczka szef szefowa
    prezes prezeska przewodniczący przewodnicząca marszałek poseł posłanka senator europoseł lider
    liderka wojewoda burmistrz kanclerz sekretarz dyrektor dyrektorka ambasador prokurator sędzia
    komisarz gubernator trener kapitan profesor prof dr doktor ekspert ekspertka analityk analityczka
    polityk polityczka wiceprezes prezydentka król królowa papież biskup arcybiskup metropolita
    socjaldemokrata""".split()
)
PLURAL_HEADS = frozenset("media władze służby eksperci analitycy naukowcy badacze".split())


def verb_gender(word: str) -> str:
    """``f``, ``m`` or ``pl`` from a verb's ending; ``""`` when it does not tell (present tense)."""
    low = word.lower()
    if low.endswith(("li", "ły", "ą")):
        return "pl"
    if low.endswith("ła"):
        return "f"
    if low.endswith("ł"):
        return "m"
    return ""


def speaker_gender(speaker: Speaker) -> str:
    """The gender a speaker takes in agreement: a woman's name ``f``, a plural body ``pl``, else ``m``."""
    words = speaker.name.split()
    if speaker.institution is None and words and words[-1][:1].islower():
        head = next((w for w in words if w.lower() in PLURAL_HEADS), None)
        if head:
            return "pl"
        return "f" if any(w.endswith("a") for w in words) else "m"  # "strona rosyjska", "opozycja"
    if speaker.institution is None and is_feminine_name(speaker.name):
        return "f"
    if speaker.institution is not None:
        return "f" if speaker.name.split()[0].lower().endswith("a") else "m"
    return "m"


@dataclass
class Context:
    """The people and bodies named so far in the article, last one last."""

    named: list[tuple[Speaker, str]] = field(default_factory=list)
    roles: dict[str, Speaker] = field(default_factory=dict)
    previous: list[tuple[Speaker, str]] = field(default_factory=list)  # named in the sentence before

    def just_named(self, gender: str) -> Speaker | None:
        """The last one of this gender the sentence before named, in any case (``według nich``)."""
        return next((s for s, g in reversed(self.previous) if not gender or g == gender), None)

    def last(self, gender: str, recent: Speaker | None = None) -> Speaker | None:
        """The last named one of this gender (any, for ``""``); the paragraph's ``recent`` speaker first."""
        if recent is not None and (not gender or speaker_gender(recent) == gender):
            return recent
        for speaker, g in reversed(self.named):
            if not gender or g == gender:
                return speaker
        return None

    def role(self, word: str) -> Speaker | None:
        return self.roles.get(lemma(word.lower())) or self.roles.get(word.lower())

    def note_speaker(self, speaker: Speaker, verb: str = "") -> None:
        gender = verb_gender(verb) if verb else ""
        self.named.append((speaker, gender or speaker_gender(speaker)))

    def note_sentence(self, tokens: list[Token], mentions: list[Mention], names: dict[str, str]) -> None:
        """People named in the nominative (two words or more, or a surname known in full), and
        the roles they are named with."""
        self.previous = []
        for m in mentions:
            named = speaker_of(m, genitive=not m.nominative, full_names=names)
            self.previous.append((named, speaker_gender(named)))
            if m.institution is not None:
                continue
            before = tokens[m.start - 1] if m.start > 0 else None
            if before is not None and before.is_word and (before.text[0].islower() or before.initial):
                role = lemma(before.lower)
                if role in ROLE_LEMMAS or before.lower in ROLE_LEMMAS:
                    base = speaker_of(m, genitive=False, full_names=names)
                    if not m.nominative:
                        base = Speaker(" ".join(oblique_to_base(w) for w in base.name.split()))
                    self.roles[role] = self.roles[before.lower] = base
            if not m.nominative:
                continue
            speaker = speaker_of(m, genitive=False, full_names=names)
            if len(speaker.name.split()) >= 2:
                self.named.append((speaker, speaker_gender(speaker)))
