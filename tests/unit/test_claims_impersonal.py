"""Who found it when the verb names nobody: ``raport NIK, w którym stwierdzono`` (sentences of our own)."""

from __future__ import annotations

from translator.parse import parse_document
from translator.summarize.attribution import attribute_sentences
from translator.summarize.impersonal import impersonal_agent
from translator.summarize.speakers import find_mentions, tokenize


def _speaker(text: str) -> str | None:
    (att,) = attribute_sentences(parse_document(text, name="t.txt")).values()
    return att.speaker.name if att.speaker else None


def _agent(text: str) -> str | None:
    tokens = tokenize(text)
    agent = impersonal_agent(tokens, find_mentions(tokens), {})
    return agent.name if agent else None


def test_the_agent_of_a_finding_is_read_in_the_nominative():
    text = "To skutek dochodzenia polskiej prokuratury i straży granicznej, w którym ustalono, że przemyt trwał latami."
    assert _agent(text) == "polska prokuratura i straż graniczna"
    assert _speaker("Po analizie wojewódzkich sanepidów stwierdzono, że woda nie nadaje się do picia.") == (
        "wojewódzkie sanepidy"
    )


def test_a_named_body_after_the_finding_is_the_speaker():
    assert _speaker("Opublikowano raport NIK, w którym stwierdzono, że szpitale są zadłużone.") == "NIK"


def test_no_agent_no_guess():
    assert _agent("W toku kontroli ustalono, że brakuje leków w trzech aptekach.") is None
    assert _agent("Z raportu wynika, że szpitale są zadłużone, jak stwierdzono wcześniej.") is None
    assert _agent("Rada miasta przyjęła budżet na przyszły rok.") is None
